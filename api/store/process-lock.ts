import { open, readFile, rm } from 'node:fs/promises';
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

/**
 * Claims the data file for this API process for as long as it runs, through
 * `<file>.pid`. A pid file left by a process that no longer exists is replaced.
 * Returns the function that gives the claim up. The accounts CLI does not take
 * this lock; it shares the file through the short write lock instead.
 */
export async function claimDataFile(file: string): Promise<() => Promise<void>> {
  const pidFile = `${file}.pid`;

  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(pidFile, 'wx', 0o644);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => releaseClaim(pidFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new Error(`Failed to start: cannot create ${pidFile} (${(error as Error).message}).`, { cause: error });
      }
    }

    const owner = await readPid(pidFile);
    if (owner !== null && isProcessAlive(owner)) throw new DataFileInUseError(file, owner);
    // NOTE: after a crash, an unrelated process that reuses the pid also blocks
    // the start. The error names the pid, so the user can check it and delete the file.
    await rm(pidFile, { force: true });
  }
  throw new Error(`Failed to start: could not claim ${pidFile} after 3 attempts.`);
}

async function releaseClaim(pidFile: string): Promise<void> {
  if ((await readPid(pidFile)) === process.pid) await rm(pidFile, { force: true });
}

async function readPid(pidFile: string): Promise<number | null> {
  try {
    const pid = Number.parseInt((await readFile(pidFile, 'utf8')).trim(), 10);
    return Number.isInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}
