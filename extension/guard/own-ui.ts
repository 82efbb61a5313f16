/** Shadow hosts of the guard's own modal and notices. */
const ownHosts = new WeakSet<EventTarget>();

/** Events that must not leave the guard's UI: page shortcuts and "click outside" handlers would see them. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'click', 'dblclick', 'focusin', 'focusout', 'input', 'change', 'paste', 'copy', 'cut'];

/**
 * Marks a shadow host as the guard's own UI and stops its events at the host,
 * so listeners of the page on document and window (bubble phase) never see them.
 */
export function claimHost(host: HTMLElement): void {
  ownHosts.add(host);
  for (const type of ISOLATED_EVENTS) {
    host.addEventListener(type, (event) => event.stopPropagation());
  }
}

/** Checks whether an event path passes through the guard's own UI. */
export function isFromOwnUi(path: readonly EventTarget[]): boolean {
  return path.some((node) => ownHosts.has(node));
}
