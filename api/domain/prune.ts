import { RECENT_DELIVERIES, type AccountHotState } from '../store/account-store.ts';
import { HOUR_MS } from '../time.ts';

// Codes are kept for a day after they expire, long enough to explain a
// failed check; approvals keep only the code id.
const CODE_RETENTION_MS = 24 * HOUR_MS;

/**
 * Drops rate-limit entries older than an hour, codes expired for over a day
 * and all but the newest RECENT_DELIVERIES deliveries of one account.
 */
export function pruneExpired(state: AccountHotState, now: number): void {
  state.failures = state.failures.filter((failure) => now - failure.at < HOUR_MS);
  state.sends = state.sends.filter((send) => now - send.at < HOUR_MS);
  state.codes = state.codes.filter((code) => now - code.expiresAt < CODE_RETENTION_MS);
  state.deliveries = state.deliveries.slice(-RECENT_DELIVERIES);
}
