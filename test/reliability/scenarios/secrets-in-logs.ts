import { knownSecrets } from '../helpers/known-secrets.ts';
import { childOutput } from '../helpers/output-log.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

/**
 * Searches every line the API processes wrote during the run for each code
 * read from mail, each API key, each server secret and each full address.
 * Run it last, after the other scenarios have filled both lists.
 */
export function runSecretsScan(): ScenarioRow {
  const wrong: string[] = [];
  const log = childOutput.lines.join('\n');
  const checks: Array<[string, Iterable<string>]> = [
    ['code', knownSecrets.codes],
    ['API key', knownSecrets.apiKeys],
    ['server secret', knownSecrets.serverSecrets],
    ['email address', knownSecrets.emails],
  ];

  let searched = 0;
  for (const [kind, values] of checks) {
    for (const value of values) {
      searched += 1;
      // Codes are digits, so a match inside a longer number does not count.
      const pattern = kind === 'code' ? new RegExp(`(?<!\\d)${value}(?!\\d)`) : new RegExp(escapeRegExp(value), 'i');
      const line = childOutput.lines.find((candidate) => pattern.test(candidate));
      if (line) wrong.push(`a ${kind} appears in the log: ${line.slice(0, 160)}`);
    }
  }
  if (log.length === 0) wrong.push('no child output was collected');

  return {
    scenario: 'secrets in logs',
    operations: searched,
    faultsInjected: 0,
    wrongOutcomes: wrong,
    lostWrites: [],
    notes: [`${childOutput.lines.length} log lines searched for ${searched} values (${knownSecrets.codes.size} codes, ${knownSecrets.apiKeys.size} keys, ${knownSecrets.emails.size} addresses)`],
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
