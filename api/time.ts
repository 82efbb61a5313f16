/** One hour in milliseconds, the window of the hourly caps. */
export const HOUR_MS = 60 * 60 * 1000;

/** Formats epoch milliseconds as an ISO 8601 UTC timestamp, whatever the server's time zone. */
export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
