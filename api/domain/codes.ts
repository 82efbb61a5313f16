import type { AccountHotState } from '../store/account-store.ts';
import type { CodeEndReason, CodeRecord } from '../store/schema.ts';

/** State of a code at one moment: "usable", or the reason it cannot be used. */
export type CodeState = 'usable' | 'expired' | 'used_up' | 'locked';

// These reasons take a code out of the picture entirely: the user did not get
// it or was sent a newer one, so checks report "no active code".
const WITHDRAWN: readonly CodeEndReason[] = ['replaced', 'mail_failed', 'destination_changed'];

/**
 * Finds the account's current code: the newest code whose email was sent and
 * that no later event withdrew. It may still be expired, used up or locked.
 */
export function findCurrentCode(state: Pick<AccountHotState, 'codes'>): CodeRecord | undefined {
  let current: CodeRecord | undefined;
  for (const code of state.codes) {
    if (code.activatedAt === null) continue;
    if (code.endReason !== null && WITHDRAWN.includes(code.endReason)) continue;
    if (!current || code.issuedAt >= current.issuedAt) current = code;
  }
  return current;
}

/** Returns the state of a code at `now`, checking expiry, then uses, then lock. */
export function getCodeState(code: CodeRecord, now: number): CodeState {
  if (now >= code.expiresAt) return 'expired';
  if (code.usesLeft <= 0) return 'used_up';
  if (code.endReason === 'locked') return 'locked';
  return 'usable';
}

/** Ends every code of the account that has not ended yet, except `keepId`. */
export function endOpenCodes(state: Pick<AccountHotState, 'codes'>, reason: CodeEndReason, now: number, keepId?: string): void {
  for (const code of state.codes) {
    if (code.id === keepId || code.endedAt !== null) continue;
    code.endedAt = now;
    code.endReason = reason;
  }
}
