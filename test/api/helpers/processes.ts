import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** A child process with its output collected and its exit awaited. */
export interface ChildRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Runs a TypeScript file of the repository with tsx in a child process. */
export function runTsx(script: string, args: string[], env: Record<string, string>): ChildRun {
  const child = spawn(TSX, [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Starts `npm run api` in a child and waits for its URL (and the demo key, when printed). */
export async function startApiProcess(env: Record<string, string>): Promise<ChildRun & { url: string; apiKey: string | undefined }> {
  const run = runTsx('api/main.ts', [], { PORT: '0', ...env });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const started = run
      .stdout()
      .split('\n')
      .map((line) => (line.startsWith('{') ? (JSON.parse(line) as { msg?: string; url?: string }) : {}))
      .find((entry) => entry.msg === 'Delete Guard API started');
    // main.ts prints the demo key banner after the "started" log line, so when the
    // demo account was just created, wait for the whole key line too.
    const demoCreated = run.stdout().includes('Created the demo account');
    const apiKey = /^\s+(dg_live_[A-Za-z0-9_-]+)\n/m.exec(run.stdout())?.[1];
    if (started?.url && (apiKey || !demoCreated)) {
      return { ...run, url: started.url, apiKey };
    }
    if (run.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`The API process did not start.\nstdout: ${run.stdout()}\nstderr: ${run.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs the accounts CLI to the end and returns its exit code and output. */
export async function runAccountsCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = runTsx('api/cli/accounts.ts', args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
