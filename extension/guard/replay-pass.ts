/**
 * Events the guard dispatched itself after an approval. Each one passes the
 * guard exactly once: membership is checked against the event object, so no
 * other event, even on the same control in the same millisecond, can reuse it.
 */
const approvedEvents = new WeakSet<Event>();

/** Dispatches an approved event on `target`; the guard lets this one event through. */
export function dispatchApproved(target: EventTarget, event: Event): boolean {
  approvedEvents.add(event);
  try {
    return target.dispatchEvent(event);
  } finally {
    approvedEvents.delete(event);
  }
}

/** Checks whether `event` is an approved replay, and uses up its pass if so. */
export function consumeApproval(event: Event): boolean {
  if (!approvedEvents.has(event)) return false;
  approvedEvents.delete(event);
  return true;
}
