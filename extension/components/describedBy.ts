/** Joins the ids of the hint and message elements that exist into one `aria-describedby` value. */
export function joinDescribedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const present = ids.filter((id): id is string => Boolean(id));
  return present.length > 0 ? present.join(' ') : undefined;
}
