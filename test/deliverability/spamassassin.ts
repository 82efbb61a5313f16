import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** What SpamAssassin reported for one message. */
export interface SpamReport {
  score: number;
  /** Names of the rules that fired, such as HTML_MESSAGE. */
  rules: string[];
  /** The "Content analysis details" table, for failure messages. */
  details: string;
}

const RUN_TIMEOUT_MS = 60_000;

/** Returns the path of the spamassassin program on PATH, or undefined when it is not installed. */
export function findSpamAssassin(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const candidate = join(dir, 'spamassassin');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this PATH entry.
    }
  }
  return undefined;
}

/**
 * Scores one raw message with SpamAssassin offline: local tests only (-L), so
 * no DNS blocklists or URI lookups, and Bayes off, so the result does not
 * depend on what this machine learned before. `homeDir` is an empty temporary
 * folder that keeps SpamAssassin away from the user's own settings.
 */
export function scoreWithSpamAssassin(program: string, raw: Buffer, homeDir: string): Promise<SpamReport> {
  const args = [
    '-L',
    '-t',
    '-x',
    '-p',
    join(homeDir, 'user_prefs'),
    '--cf=use_bayes 0',
    '--cf=bayes_auto_learn 0',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, HOME: homeDir }, timeout: RUN_TIMEOUT_MS });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const output = Buffer.concat(stdout).toString('utf8');
      try {
        resolve(parseReport(output));
      } catch (error) {
        const errors = Buffer.concat(stderr).toString('utf8').trim();
        reject(new Error(`Failed to score the message with SpamAssassin (exit code ${code}): ${(error as Error).message}\n${errors}`));
      }
    });
    child.stdin.end(raw);
  });
}

function parseReport(output: string): SpamReport {
  const normalized = output.replace(/\r\n/g, '\n');
  const headerBlock = normalized.slice(0, normalized.indexOf('\n\n'));
  const status = /^X-Spam-Status: (.*(?:\n[ \t].*)*)/m.exec(headerBlock)?.[1]?.replace(/\n[ \t]+/g, ' ');
  if (!status) throw new Error('the output has no X-Spam-Status header');

  const score = Number(/\bscore=(-?[\d.]+)/.exec(status)?.[1]);
  const tests = /\btests=(.*?)(?: autolearn=| version=|$)/.exec(status)?.[1]?.trim() ?? '';
  const rules = tests === 'none' || tests === '' ? [] : tests.split(/,\s*/);
  const details = /Content analysis details:[\s\S]*?(?=\n\n[^ \n-]|\n*$)/.exec(normalized)?.[0] ?? '';
  if (Number.isNaN(score)) throw new Error(`the X-Spam-Status header has no score: ${status}`);
  return { score, rules, details };
}
