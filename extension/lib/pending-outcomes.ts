import { storage } from 'wxt/utils/storage';
import type { PendingOutcome } from './messages.ts';

/**
 * Approved deletions waiting for their outcome, kept in session storage so a
 * delete that reloads the page is checked on the next load. Only the
 * background service worker touches it, because content scripts cannot read
 * `storage.session` by default.
 */
const pendingItem = storage.defineItem<PendingOutcome[]>('session:pendingOutcomes', { fallback: [] });

/** Adds pending outcomes, replacing any with the same deletion id. */
export async function rememberPending(entries: PendingOutcome[]): Promise<void> {
  const ids = new Set(entries.map((entry) => entry.deletionId));
  const kept = (await pendingItem.getValue()).filter((entry) => !ids.has(entry.deletionId));
  await pendingItem.setValue([...kept, ...entries]);
}

/** Lists the pending outcomes recorded for one origin. */
export async function listPending(origin: string): Promise<PendingOutcome[]> {
  return (await pendingItem.getValue()).filter((entry) => entry.origin === origin);
}

/** Removes one pending outcome after it was reported. */
export async function forgetPending(deletionId: string): Promise<void> {
  const entries = await pendingItem.getValue();
  await pendingItem.setValue(entries.filter((entry) => entry.deletionId !== deletionId));
}
