import { isExtensionContextValid } from '../lib/message-api-port.ts';

/** Event that {@link GuardContext.addEventListener} dispatches on `window` when the page URL changes without a load. */
export const LOCATION_CHANGE_EVENT = 'delete-guard:locationchange';

const LOCATION_POLL_MS = 1000;

interface NavigationLike {
  addEventListener(type: 'navigatesuccess', listener: () => void, options: { signal: AbortSignal }): void;
}

/**
 * Owns the guard's timers and listeners and removes them once the extension
 * context is gone (the extension was reloaded or updated under an open tab).
 * It replaces WXT's `ContentScriptContext`, whose constructor posts a window
 * message and reads `runtime.id` at document_start, which the page-load
 * benchmark counted as script time on every page.
 *
 * Invalidation is noticed lazily, like WXT does it: by {@link isValid}, which
 * every timer callback and every blocked delete checks. WXT also invalidated
 * an older copy of the script when a newer one started in the same document.
 * The guard does not do that, because a second copy only runs after WXT's
 * development reload, and the orphaned copy stops at its next timer tick.
 */
export class GuardContext {
  private readonly controller = new AbortController();
  private watchingLocation = false;

  /** Aborts when the context is invalidated. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Checks that the extension is still reachable, and invalidates the context when it is not. */
  get isValid(): boolean {
    if (!this.signal.aborted && !isExtensionContextValid()) this.controller.abort();
    return !this.signal.aborted;
  }

  /** Calls `callback` once when the context is invalidated. Returns a function that cancels the call. */
  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }

  /** `setTimeout` that does not run `handler` once the context is invalid. */
  setTimeout(handler: () => void, ms: number): ReturnType<typeof setTimeout> {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, ms);
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  /**
   * Adds a listener that is removed when the context is invalidated. Listening
   * for {@link LOCATION_CHANGE_EVENT} starts watching the URL.
   */
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void): void {
    if (type === LOCATION_CHANGE_EVENT) this.watchLocation();
    target.addEventListener(type, handler, { signal: this.signal });
  }

  // The Navigation API reports pushState and history navigations. Browsers
  // without it get a poll every second, as WXT's location watcher did.
  private watchLocation(): void {
    if (this.watchingLocation) return;
    this.watchingLocation = true;
    let lastUrl = location.href;
    const check = () => {
      if (location.href === lastUrl) return;
      lastUrl = location.href;
      window.dispatchEvent(new Event(LOCATION_CHANGE_EVENT));
    };
    const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
    if (navigation) {
      navigation.addEventListener('navigatesuccess', check, { signal: this.signal });
      return;
    }
    const poll = () => {
      check();
      this.setTimeout(poll, LOCATION_POLL_MS);
    };
    this.setTimeout(poll, LOCATION_POLL_MS);
  }
}
