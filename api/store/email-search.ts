/**
 * Returns the comparison key of an address for the support search: trimmed
 * and lower-cased as a whole. Support staff type the address a customer reads
 * out on the phone, and providers treat the local part case-insensitively in practice,
 * so OWNER@Demo.Test finds owner@demo.test. Stored addresses keep their case;
 * both sides of the comparison go through this function (the PostgreSQL store
 * compares `lower(...)` columns, indexed since migration 002).
 */
export function normalizeEmailForSearch(address: string): string {
  return address.trim().toLowerCase();
}
