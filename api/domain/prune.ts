import type { Data } from '../store/schema.ts';
import { HOUR_MS } from '../time.ts';

// Codes are kept for a day after they expire, long enough to explain a
// failed check; approvals keep only the code id.
const CODE_RETENTION_MS = 24 * HOUR_MS;

/** Drops rate-limit entries older than an hour and codes expired for over a day. */
export function pruneExpired(data: Data, now: number): void {
  data.failures = data.failures.filter((failure) => now - failure.at < HOUR_MS);
  data.sends = data.sends.filter((send) => now - send.at < HOUR_MS);
  data.codes = data.codes.filter((code) => now - code.expiresAt < CODE_RETENTION_MS);
}
