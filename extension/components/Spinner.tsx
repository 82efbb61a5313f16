/** A small spinning circle for buttons that are waiting on the server; screen readers skip it. */
export function Spinner() {
  return <span class="dg-spinner" aria-hidden="true" />;
}
