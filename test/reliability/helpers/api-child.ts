import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { knownSecrets } from './known-secrets.ts';
import { recordChildOutput } from './output-log.ts';
import { createTempDir } from './temp-dirs.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** A running API child process. */
export interface ApiChild {
  url: string;
  /** Key of the demo account, printed only by the start that created it. */
  apiKey: string | undefined;
  process: ChildProcess;
  exited: Promise<void>;
  /** Sends SIGKILL and waits until the process is gone. */
  kill(): Promise<void>;
  /** Sends SIGTERM and waits for a clean stop. */
  stop(): Promise<void>;
}

/**
 * Starts `api/main.ts` in `node --import tsx` (one process, so a signal hits
 * the server itself) and waits for its "started" log line. Every output line
 * goes to the shared output log for the secrets scan.
 */
export async function startApiChild(env: Record<string, string>): Promise<ApiChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'api', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout!.on('data', (chunk) => {
    stdout += String(chunk);
    // Keep a partial last line until its end arrives, so lines are scanned whole.
    pending += String(chunk);
    const end = pending.lastIndexOf('\n');
    if (end >= 0) {
      recordChildOutput(pending.slice(0, end));
      pending = pending.slice(end + 1);
    }
  });
  child.stderr!.on('data', (chunk) => {
    stderr += String(chunk);
    recordChildOutput(String(chunk));
  });
  void exited.then(() => recordChildOutput(pending));

  const url = await waitForStart(() => stdout, () => stderr, child);
  const apiKey = /^\s+(dg_live_\S+)$/m.exec(stdout)?.[1];

  return {
    url,
    apiKey,
    process: child,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An API child on its own store, with the demo account's key. */
export interface ScenarioApi {
  api: ApiChild;
  dataFile: string;
  apiKey: string;
}

/**
 * Starts an API child on a new JSON store in a temporary directory, and adds
 * its demo key and server secret to the known secrets for the secrets scan.
 */
export async function startApiOnNewStore(prefix: string, env: Record<string, string> = {}): Promise<ScenarioApi> {
  const dataFile = join(await createTempDir(prefix), 'data.json');
  const api = await startApiChild({ DELETE_GUARD_DATA: dataFile, ...env });
  if (!api.apiKey) {
    await api.stop();
    throw new Error('The API child printed no demo key, although its data file was new.');
  }
  knownSecrets.apiKeys.add(api.apiKey);
  knownSecrets.emails.add('owner@demo.test');
  knownSecrets.serverSecrets.add((await readFile(`${dataFile}.secret`, 'utf8')).trim());
  return { api, dataFile, apiKey: api.apiKey };
}

// main.ts prints the demo key banner only after the "started" log line, in a
// separate write, so a start that created the demo account is complete once
// the key line has arrived too.
async function waitForStart(stdout: () => string, stderr: () => string, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const text = stdout();
    const match = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"Delete Guard API started"/.exec(text);
    const createdDemo = text.includes('"msg":"Created the demo account');
    if (match && (!createdDemo || /^\s+dg_live_\S+$/m.test(text))) return match[1]!;
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`The API process did not start within 15 s.\nstdout: ${stdout()}\nstderr: ${stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs the accounts CLI against a data file and returns its exit code and
 * output. While an API child serves the file, the CLI sends its command to
 * that child over the admin socket.
 */
export async function runAccountsCli(args: string[], dataFile: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'api', 'cli', 'accounts.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DELETE_GUARD_DATA: dataFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}
