import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { isProcessAlive } from './pid.ts';

/** Another live API process already serves this data file. */
export class DataFileInUseError extends Error {
  constructor(readonly file: string, readonly pid: number) {
    super(
      `Failed to start: another Delete Guard API process (pid ${pid}) is already using the data file ${file}. ` +
        'Stop that process, or set DELETE_GUARD_DATA to a different file.',
    );
    this.name = 'DataFileInUseError';
  }
}

/** Owner of a data file claim: the API for as long as it runs, or the accounts CLI for one command. */
export type ClaimRole = 'api' | 'cli';

/** Options of {@link claimDataFile}. */
export interface ClaimOptions {
  role?: ClaimRole;
  /** How long to wait while an accounts CLI command holds the file, in milliseconds. */
  cliWaitMs?: number;
}

// An accounts command holds the file for well under a second.
const DEFAULT_CLI_WAIT_MS = 10_000;
const CLI_POLL_MS = 50;

/**
 * Claims the data file for this process through `<file>.pid`: the API for as
 * long as it runs, the accounts CLI for one command when no API runs. A pid
 * file left by a process that no longer exists is replaced. While a CLI
 * command holds the file, the claim waits up to `cliWaitMs`. Raises
 * DataFileInUseError when a live API holds it. Returns the function that
 * gives the claim up.
 */
export async function claimDataFile(file: string, options: ClaimOptions = {}): Promise<() => Promise<void>> {
  const pidFile = `${file}.pid`;
  const role = options.role ?? 'api';
  const deadline = Date.now() + (options.cliWaitMs ?? DEFAULT_CLI_WAIT_MS);

  for (let attempt = 0; attempt < 3; ) {
    // The pid is written to a private file first and hard-linked into place, so
    // another process never sees an empty pid file and mistakes it for a dead owner.
    const ownFile = `${pidFile}.${process.pid}.tmp`;
    try {
      await writeFile(ownFile, role === 'cli' ? `${process.pid} cli\n` : `${process.pid}\n`, { mode: 0o644 });
      await link(ownFile, pidFile);
      return () => releaseClaim(pidFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new Error(`Failed to start: cannot create ${pidFile} (${(error as Error).message}).`, { cause: error });
      }
    } finally {
      await rm(ownFile, { force: true });
    }

    const owner = await readPid(pidFile);
    if (owner !== null && isProcessAlive(owner)) {
      if ((await readOwnerRole(pidFile)) !== 'cli' || Date.now() > deadline) throw new DataFileInUseError(file, owner);
      await new Promise((resolve) => setTimeout(resolve, CLI_POLL_MS));
      continue;
    }
    attempt += 1;
    // NOTE: after a crash, an unrelated process that reuses the pid also blocks
    // the start. The error names the pid, so the user can check it and delete the file.
    await rm(pidFile, { force: true });
  }
  throw new Error(`Failed to start: could not claim ${pidFile} after 3 attempts.`);
}

async function releaseClaim(pidFile: string): Promise<void> {
  if ((await readPid(pidFile)) === process.pid) await rm(pidFile, { force: true });
}

/**
 * Returns the pid of the live API process that holds the data file, or null
 * when none does (no pid file, a dead process, or an accounts CLI command).
 */
export async function findRunningApi(file: string): Promise<number | null> {
  const pidFile = `${file}.pid`;
  const owner = await readPid(pidFile);
  if (owner === null || !isProcessAlive(owner)) return null;
  return (await readOwnerRole(pidFile)) === 'api' ? owner : null;
}

async function readOwnerRole(pidFile: string): Promise<ClaimRole | null> {
  try {
    return (await readFile(pidFile, 'utf8')).includes('cli') ? 'cli' : 'api';
  } catch {
    return null;
  }
}

async function readPid(pidFile: string): Promise<number | null> {
  try {
    const pid = Number.parseInt((await readFile(pidFile, 'utf8')).trim(), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}
