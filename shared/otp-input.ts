/**
 * Normalizes a typed or pasted code: full-width digits become ASCII, and spaces
 * (including no-break spaces) and dashes are dropped. Leading zeros are kept.
 */
export function normalizeOtpInput(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\s\u00A0\u2000-\u200B\u202F\u3000\-\u2010-\u2015\u2212\uFF0D]/g, '');
}

/** Checks whether a normalized code has exactly the expected number of digits. */
export function isOtpComplete(normalized: string, digits: number): boolean {
  return normalized.length === digits && /^\d+$/.test(normalized);
}
