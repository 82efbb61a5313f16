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

/**
 * Delivers clicks inside the guard's UI even on pages that stop every click in
 * a capture listener on document, which runs before any listener in the
 * modal's shadow tree. This capture listener on window runs before the page's,
 * because the guard registers it at document_start. It stops and cancels the
 * page's copy of the click, then dispatches a new click at the same target with
 * `composed: false`, so it stays inside the shadow tree and the page never sees
 * it. The new click runs the default action (such as following a link) once.
 * NOTE: only clicks are rerouted. A page that stops keydown the same way still
 * blocks the modal's Escape, Enter and Tab handling, but typing still works.
 */
export function rerouteOwnUiClicks(): void {
  window.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted || !(event instanceof MouseEvent)) return;
      const path = event.composedPath();
      const target = path[0];
      if (!isFromOwnUi(path) || !(target instanceof Element)) return;

      event.stopImmediatePropagation();
      event.preventDefault();
      target.dispatchEvent(
        new MouseEvent('click', {
          bubbles: true,
          cancelable: true,
          composed: false,
          view: window,
          detail: event.detail,
          screenX: event.screenX,
          screenY: event.screenY,
          clientX: event.clientX,
          clientY: event.clientY,
          button: event.button,
          buttons: event.buttons,
          ctrlKey: event.ctrlKey,
          shiftKey: event.shiftKey,
          altKey: event.altKey,
          metaKey: event.metaKey,
        }),
      );
    },
    { capture: true },
  );
}
