// CR and LF end a header line, so a value that still contains one could add a
// header of its own. Other control characters, tabs and the Unicode line and
// paragraph separators have no place in a one-line header either.
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001F\u007F\u0085\u2028\u2029]+/g;

/**
 * Converts text to a single header-safe line: line breaks and other control
 * characters become spaces, runs of spaces collapse to one, and the ends are
 * trimmed. Non-ASCII text is kept, because nodemailer encodes it (RFC 2047).
 */
export function toHeaderText(value: string): string {
  return value.replace(LINE_BREAKS_AND_CONTROLS, ' ').replace(/ {2,}/g, ' ').trim();
}
