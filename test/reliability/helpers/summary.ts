/** One line of the summary table. */
export interface ScenarioRow {
  scenario: string;
  operations: number;
  faultsInjected: number;
  /** Answers or states that break the specification, each described. */
  wrongOutcomes: string[];
  /** Writes the API acknowledged that were missing afterwards, each described. */
  lostWrites: string[];
  /** Figures worth printing beside the table, such as timings. */
  notes?: string[];
}

const rows: ScenarioRow[] = [];

/** Adds a finished scenario to the summary. */
export function addRow(row: ScenarioRow): void {
  rows.push(row);
}

/** Formats the summary table and the notes as plain text. */
export function formatSummary(): string {
  const header = ['scenario', 'operations', 'faults injected', 'wrong outcomes', 'lost acknowledged writes'];
  const cells = rows.map((row) => [row.scenario, String(row.operations), String(row.faultsInjected), String(row.wrongOutcomes.length), String(row.lostWrites.length)]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const format = (line: string[]) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ');

  const lines = [format(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...cells.map(format)];
  for (const row of rows) {
    for (const note of row.notes ?? []) lines.push(`${row.scenario}: ${note}`);
    for (const problem of [...row.wrongOutcomes, ...row.lostWrites].slice(0, 5)) lines.push(`${row.scenario}: ${problem}`);
  }
  return lines.join('\n');
}
