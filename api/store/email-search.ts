/**
 * Normalizes an address for the support search: trimmed, with the domain
 * lower-cased. The local part keeps its case because mail servers may treat
 * it as case-sensitive. This matches the normalization of emailAddressSchema,
 * and comparing both sides keeps addresses stored before it matching.
 */
export function normalizeEmailForSearch(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : trimmed.slice(0, at) + '@' + trimmed.slice(at + 1).toLowerCase();
}
