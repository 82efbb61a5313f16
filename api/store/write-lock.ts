import { randomBytes } from 'node:crypto';
import { link, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { WriteLock } from './adapter.ts';
import { StoreUnavailableError } from './errors.ts';
import { isProcessAlive } from './pid.ts';

/** Timing of the cross-process write lock. */
export interface WriteLockOptions {
  /** A lock older than this is taken over (ms); a transaction takes a few ms. */
  staleAfterMs?: number;
  /** How long to wait for the lock before failing (ms). */
  timeoutMs?: number;
}

interface LockOwner {
  pid: number;
  token: string;
  at: number;
}

/**
 * Creates a short-lived lock held while one transaction reads, changes and
 * writes the data file. The lock is the file `<file>.lock`, created with
 * O_EXCL so only one process can hold it. A lock whose process is gone, or
 * that is older than `staleAfterMs`, is removed and taken over.
 */
export function createWriteLock(file: string, options: WriteLockOptions = {}): WriteLock {
  const lockFile = `${file}.lock`;
  const staleAfterMs = options.staleAfterMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 5_000;

  return {
    async acquire() {
      const token = randomBytes(8).toString('hex');
      const deadline = Date.now() + timeoutMs;
      let delayMs = 2;

      for (;;) {
        if (await tryCreateLock(lockFile, token)) {
          return () => releaseLock(lockFile, token);
        }
        await removeStaleLock(lockFile, staleAfterMs);

        if (Date.now() > deadline) {
          throw new StoreUnavailableError(`Failed to lock the data file: ${lockFile} has been held for more than ${timeoutMs} ms.`);
        }
        await sleep(delayMs + Math.random() * delayMs);
        delayMs = Math.min(delayMs * 2, 50);
      }
    },
  };
}

// The owner is written to a temporary file first and then hard-linked to the
// lock path, which fails with EEXIST while another process holds the lock.
// So the lock file never exists without its owner, even when the process is
// killed halfway, and a restart can always tell whether the owner is alive.
async function tryCreateLock(lockFile: string, token: string): Promise<boolean> {
  const owner: LockOwner = { pid: process.pid, token, at: Date.now() };
  const temporary = `${lockFile}.${token}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
    await link(temporary, lockFile);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some file systems (FAT, some network shares) have no hard links.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return tryCreateLockInPlace(lockFile, owner);
    throw new StoreUnavailableError(`Failed to lock the data file: cannot create ${lockFile} (${(error as Error).message}).`, { cause: error });
  } finally {
    await rm(temporary, { force: true });
  }
}

// Fallback without hard links. A kill between the create and the write leaves
// an empty lock, which removeStaleLock takes over once it is older than the
// stale limit.
async function tryCreateLockInPlace(lockFile: string, owner: LockOwner): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockFile, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StoreUnavailableError(`Failed to lock the data file: cannot create ${lockFile} (${(error as Error).message}).`, { cause: error });
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } finally {
    await handle.close();
  }
  return true;
}

async function removeStaleLock(lockFile: string, staleAfterMs: number): Promise<void> {
  const owner = await readOwner(lockFile);
  // An unreadable owner comes from the fallback without hard links, caught
  // between create and write, so it is removed only once it is older than the stale limit.
  if (owner === null) {
    const modifiedAt = await readModifiedTime(lockFile);
    if (modifiedAt !== null && Date.now() - modifiedAt > staleAfterMs) await rm(lockFile, { force: true });
    return;
  }

  const stale = !isProcessAlive(owner.pid) || Date.now() - owner.at > staleAfterMs;
  if (!stale) return;

  // Read again right before removing so a lock just taken by another process
  // is left alone.
  // NOTE: two processes that both judge the same lock stale can still race in
  // the short window between this read and the rm.
  const current = await readOwner(lockFile);
  if (current?.token === owner.token) await rm(lockFile, { force: true });
}

async function releaseLock(lockFile: string, token: string): Promise<void> {
  const owner = await readOwner(lockFile);
  if (owner?.token === token) await rm(lockFile, { force: true });
}

async function readOwner(lockFile: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(lockFile, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.token !== 'string' || typeof parsed.at !== 'number') return null;
    return { pid: parsed.pid, token: parsed.token, at: parsed.at };
  } catch {
    return null;
  }
}

async function readModifiedTime(file: string): Promise<number | null> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
