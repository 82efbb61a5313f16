const TABBABLE_SELECTOR = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * Returns the focused element as seen from `node`'s own root. Inside a shadow
 * root `document.activeElement` is only the shadow host, so this asks the root
 * the node lives in and then descends through any nested shadow roots.
 */
export function getActiveElement(node: Node): Element | null {
  const root = node.getRootNode() as Document | ShadowRoot;
  let active: Element | null = root.activeElement ?? null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Lists the elements inside `container` that Tab can reach, in document order, skipping hidden panels. */
export function listTabbable(container: HTMLElement): HTMLElement[] {
  const candidates = Array.from(container.querySelectorAll<HTMLElement>(TABBABLE_SELECTOR));
  return candidates.filter((element) => element.tabIndex >= 0 && !element.closest('[hidden], [inert]'));
}
