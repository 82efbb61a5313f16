// String.prototype.trim already strips U+00A0 and the other Unicode spaces, which
// is what users paste from a word processor.
/**
 * Checks the typed confirmation word against the account's word: surrounding
 * whitespace is ignored and the comparison is case-sensitive.
 */
export function matchesConfirmation(typed: string, word: string): boolean {
  return typed.trim() === word;
}
