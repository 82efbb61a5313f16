import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { containsComposed, getActiveElement, listTabbable } from './focus.ts';

/**
 * Moves Tab and Shift+Tab focus around inside `containerRef` so it wraps from the
 * last element to the first and back. Returns the keydown handler to put on the
 * container. While `enabled`, focus that lands outside (a click on the page, a
 * browser shortcut) is pulled back to the first element.
 */
export function useFocusTrap(containerRef: RefObject<HTMLElement>, enabled: () => boolean): (event: KeyboardEvent) => void {
  // Kept in a ref so a new callback on each render does not re-register the listener.
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const root = container.getRootNode();
    // Inside a shadow root, focus on any element of ours shows up on the page as focus on the host.
    const host = (root as Partial<ShadowRoot>).host ?? null;
    const ownerDocument = container.ownerDocument;

    const pullBack = (event: FocusEvent) => {
      if (!enabledRef.current()) return;
      const target = event.target as Node | null;
      if (!target || target === host || container.contains(target)) return;
      listTabbable(container)[0]?.focus();
    };
    ownerDocument.addEventListener('focusin', pullBack);
    return () => ownerDocument.removeEventListener('focusin', pullBack);
  }, [containerRef]);

  return (event: KeyboardEvent) => {
    const container = containerRef.current;
    if (event.key !== 'Tab' || !container) return;
    const tabbable = listTabbable(container);
    const first = tabbable[0];
    const last = tabbable[tabbable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }

    const active = getActiveElement(container);
    const outside = !containsComposed(container, active);
    if (event.shiftKey && (outside || active === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (outside || active === last)) {
      event.preventDefault();
      first.focus();
    }
  };
}
