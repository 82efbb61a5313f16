import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../../api/start-api.ts';
import { createCapturedLogger } from '../api/helpers/log-capture.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Returns the shell block of the README that follows `heading`. */
async function readmeShellBlock(heading: string): Promise<string> {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(heading);
  expect(start, heading).toBeGreaterThan(-1);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start));
  if (!block?.[1]) throw new Error(`No sh block after "${heading}" in README.md`);
  return block[1];
}

let dir: string | undefined;
let api: RunningApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('README curl session', () => {
  it.each([[6], [8]])('approves a deletion with %i-digit codes', async (digits) => {
    dir = await mkdtemp(join(tmpdir(), 'delete-guard-readme-'));
    const dataFile = join(dir, 'data.json');
    const { logger } = createCapturedLogger();
    api = await startApi({ env: { OTP_DIGITS: String(digits) }, dataFile, port: 0, logger });

    const session = await readmeShellBlock('A session with curl against `npm start`');
    expect(session).toContain('API=http://127.0.0.1:8787\n');
    // The demo account's email comes first in the mailbox, so a script that read the first message would fail here.
    await fetch(`${api.url}/v1/otp`, { method: 'POST', headers: { Authorization: `Bearer ${api.apiKey}` } });

    // Asynchronous, because the API in this process must answer the script.
    const run = await promisify(execFile)('bash', ['-e', '-o', 'pipefail', '-c', session.replace('API=http://127.0.0.1:8787', `API=${api.url}`)], {
      cwd: repoRoot,
      env: { ...process.env, DELETE_GUARD_DATA: dataFile },
      encoding: 'utf8',
      timeout: 30_000,
    });

    expect(run.stderr).toBe('');
    const lines = run.stdout.replace(/}{/g, '}\n{').split('\n').filter(Boolean);
    const approval = JSON.parse(lines.at(-2)!) as { deletions: { customerId: string }[] };
    expect(approval.deletions.map((deletion) => deletion.customerId)).toEqual(['cus_1001']);
    const trail = JSON.parse(lines.at(-1)!) as { deletions: { customer: { name: string } }[] };
    expect(trail.deletions[0]?.customer.name).toBe('Harbor & Finch Outfitters');
  }, 60_000);
});
