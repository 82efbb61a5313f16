import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Checks whether util-linux `prlimit` is installed and can change a process's limits. */
export async function canSetFileSizeLimit(): Promise<boolean> {
  try {
    await run('prlimit', ['--pid', String(process.pid), '--fsize']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sets the soft RLIMIT_FSIZE of a running process, so writing a regular file
 * past `bytes` fails with EFBIG (Node ignores SIGXFSZ). Unlike chmod this also
 * stops root. The hard limit stays unlimited, so `null` can lift the limit again.
 */
export async function setFileSizeLimit(pid: number, bytes: number | null): Promise<void> {
  await run('prlimit', ['--pid', String(pid), `--fsize=${bytes ?? 'unlimited'}:unlimited`]);
}
