/**
 * Everything the API child processes wrote during the run, kept for the
 * secrets scan. The banner that shows a new demo account's key once on
 * stdout is intended output, so it is kept apart from the log lines.
 */
export const childOutput = {
  /** Every stdout and stderr line except the demo key banner. */
  lines: [] as string[],
  /** Lines of the one-time demo key banner. */
  bannerLines: [] as string[],
};

/** Adds one chunk of child output, split into lines. */
export function recordChildOutput(text: string): void {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (isBannerLine(line)) childOutput.bannerLines.push(line);
    else childOutput.lines.push(line);
  }
}

// main.ts prints the demo key on a line of its own, indented, between two
// plain-text lines. Log lines are JSON and never start with spaces.
function isBannerLine(line: string): boolean {
  return /^\s+dg_live_\S+$/.test(line) || /^(Created the demo account|Its API key, shown only|Paste it into the extension)/.test(line);
}
