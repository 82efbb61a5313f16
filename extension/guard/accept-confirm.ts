/** Event the main-world confirm bridge listens for; `detail` is the window in milliseconds. */
export const ACCEPT_CONFIRM_EVENT = 'delete-guard:accept-next-confirm';
/** Event that ends an armed window early. */
export const DISARM_CONFIRM_EVENT = 'delete-guard:disarm-confirm';

/**
 * Maximum time, in milliseconds, that the bridge stays armed. The guard
 * disarms it sooner, as soon as the replayed click's task has finished.
 */
export const ACCEPT_CONFIRM_WINDOW_MS = 1000;

/**
 * Asks the main-world bridge to return true from the next `window.confirm()`,
 * once, until disarmed or {@link ACCEPT_CONFIRM_WINDOW_MS} pass. The bridge runs in the page's
 * own JavaScript world because a content script cannot replace the page's `confirm`.
 */
export function armAcceptConfirm(): void {
  window.dispatchEvent(new CustomEvent(ACCEPT_CONFIRM_EVENT, { detail: ACCEPT_CONFIRM_WINDOW_MS }));
}
