import { storage } from 'wxt/utils/storage';
import type { PendingOutcome } from './messages.ts';

/**
 * How long after its deadline a pending outcome waits for a page of its
 * origin to load again. After that it is dropped unchecked, and the approval
 * keeps no outcome in the audit trail.
 */
export const PENDING_OUTCOME_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Approved deletions waiting for their outcome. They are kept in local
 * storage, so a delete that reloads the page, or a browser closed before the
 * check, is still checked when a page of the same origin loads later. Only
 * the background service worker touches it.
 */
const pendingItem = storage.defineItem<PendingOutcome[]>('local:pendingOutcomes', { fallback: [] });

function isCurrent(entry: PendingOutcome, now: number): boolean {
  return now <= entry.deadline + PENDING_OUTCOME_MAX_AGE_MS;
}

/** Adds pending outcomes, replacing any with the same deletion id, and drops expired ones. */
export async function rememberPending(entries: PendingOutcome[], now = Date.now()): Promise<void> {
  const ids = new Set(entries.map((entry) => entry.deletionId));
  const kept = (await pendingItem.getValue()).filter((entry) => !ids.has(entry.deletionId) && isCurrent(entry, now));
  await pendingItem.setValue([...kept, ...entries]);
}

/** Lists the pending outcomes recorded for one origin that have not expired, and drops expired ones of every origin. */
export async function listPending(origin: string, now = Date.now()): Promise<PendingOutcome[]> {
  const entries = await pendingItem.getValue();
  const current = entries.filter((entry) => isCurrent(entry, now));
  if (current.length !== entries.length) await pendingItem.setValue(current);
  return current.filter((entry) => entry.origin === origin);
}

/** Removes one pending outcome after it was reported. */
export async function forgetPending(deletionId: string): Promise<void> {
  const entries = await pendingItem.getValue();
  await pendingItem.setValue(entries.filter((entry) => entry.deletionId !== deletionId));
}
