import type { StorageAdapter, WriteLock } from './adapter.ts';
import { StoreCorruptError, StoreUnavailableError } from './errors.ts';
import { isSameStamp, type FileStamp } from './stamp.ts';
import { createTaskQueue } from './task-queue.ts';

/**
 * A small transactional document store: one value of type T, kept in memory
 * and in storage shared with other processes.
 */
export interface Store<T> {
  /** Location of the data (a file path), for messages. */
  readonly location: string;
  /**
   * Returns the current data, read again from storage first when another
   * process changed it. Treat the result as read-only.
   */
  read(): Promise<T>;
  /**
   * Runs `change` on a copy of the current data and stores the copy. Calls are
   * serialized in this process and, through the write lock, across processes.
   * If `change` throws, nothing is written and the error is raised again.
   * Rejects with StoreUnavailableError when the write fails.
   */
  update<R>(change: (draft: T) => R): Promise<R>;
}

/** Dependencies of the store core: the storage, its lock and the initial data. */
export interface StoreOptions<T> {
  adapter: StorageAdapter<T>;
  lock: WriteLock;
  /** Data to write when storage is empty (first start). */
  createInitial: () => T;
}

/**
 * Opens a store: reads the data, or writes the initial data when there is none.
 * Raises StoreCorruptError when stored data exists but cannot be read.
 */
export async function openStore<T>(options: StoreOptions<T>): Promise<Store<T>> {
  const { adapter, lock } = options;
  const queue = createTaskQueue();
  let data: T;
  let stamp: FileStamp | null;

  const initial = await adapter.read();
  if (initial) {
    data = initial.data;
    stamp = initial.stamp;
  } else {
    const release = await lock.acquire();
    try {
      const existing = await adapter.read();
      data = existing ? existing.data : options.createInitial();
      stamp = existing ? existing.stamp : await adapter.write(data);
    } finally {
      await release();
    }
  }

  // Brings the in-memory copy up to date when another writer replaced the file.
  async function refresh(): Promise<void> {
    const current = await adapter.readStamp();
    if (isSameStamp(current, stamp)) return;

    const snapshot = await adapter.read();
    if (!snapshot) throw new StoreUnavailableError(`Failed to read the data file: ${adapter.location} was removed while the server was running.`);
    data = snapshot.data;
    stamp = snapshot.stamp;
  }

  return {
    location: adapter.location,

    read() {
      return queue.run(async () => {
        await withStoreErrors('read', adapter.location, refresh);
        return data;
      });
    },

    update(change) {
      return queue.run(async () => {
        const release = await lock.acquire();
        try {
          await withStoreErrors('read', adapter.location, refresh);
          // The change works on a copy, so a throw leaves `data` untouched.
          const draft = structuredClone(data);
          const result = change(draft);
          if (result instanceof Promise) throw new TypeError('Failed to update the store: the change function must be synchronous.');
          const newStamp = await withStoreErrors('write', adapter.location, () => adapter.write(draft));
          data = draft;
          stamp = newStamp;
          return result;
        } finally {
          await release();
        }
      });
    },
  };
}

async function withStoreErrors<R>(action: 'read' | 'write', location: string, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    if (error instanceof StoreCorruptError) throw new StoreUnavailableError(error.message, { cause: error });
    throw new StoreUnavailableError(`Failed to ${action} the data file ${location}: ${(error as Error).message}`, { cause: error });
  }
}
