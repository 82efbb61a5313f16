/** Renders a small spinning circle for buttons that wait on the server. Screen readers skip it. */
export function Spinner() {
  return <span class="dg-spinner" aria-hidden="true" />;
}
