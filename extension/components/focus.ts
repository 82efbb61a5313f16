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

/**
 * Checks whether a blur moves focus to a button. Fields that show their error
 * on blur skip it then, because the new error line would push the button down
 * between mousedown and mouseup, and the click would land beside it.
 */
export function isFocusMovingToButton(event: FocusEvent): boolean {
  return event.relatedTarget instanceof HTMLButtonElement;
}

/**
 * Lists the elements inside `container` that Tab can reach, in document order,
 * skipping hidden panels. It descends into open shadow roots, such as the one
 * the on-demand troubleshooting helper renders into.
 */
export function listTabbable(container: HTMLElement | ShadowRoot): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const element of container.querySelectorAll<HTMLElement>('*')) {
    if (element.closest('[hidden], [inert]')) continue;
    if (element.matches(TABBABLE_SELECTOR) && element.tabIndex >= 0) found.push(element);
    if (element.shadowRoot) found.push(...listTabbable(element.shadowRoot));
  }
  return found;
}

/** Checks whether `node` is inside `container`, also through shadow roots nested in it. */
export function containsComposed(container: Node, node: Node | null): boolean {
  let current = node;
  while (current) {
    if (container.contains(current)) return true;
    current = (current.getRootNode() as Partial<ShadowRoot>).host ?? null;
  }
  return false;
}
