import type { GuardContext } from './guard-context.ts';

/** Maximum wait for an idle period, in milliseconds, on a page that stays busy. */
const IDLE_TIMEOUT_MS = 2000;

/**
 * Runs `task` once the page is idle, or after the first user interaction if
 * that comes sooner, so work that can wait stays out of the page load.
 * Nothing runs once `ctx` is invalid.
 */
export function whenIdle(ctx: GuardContext, task: () => void): void {
  let done = false;
  const interactions = new AbortController();
  const run = () => {
    if (done || !ctx.isValid) return;
    done = true;
    interactions.abort();
    task();
  };
  for (const type of ['pointerdown', 'keydown', 'focusin']) {
    window.addEventListener(type, run, { capture: true, passive: true, once: true, signal: interactions.signal });
  }
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    ctx.onInvalidated(() => cancelIdleCallback(id));
  } else {
    ctx.setTimeout(run, IDLE_TIMEOUT_MS);
  }
}
