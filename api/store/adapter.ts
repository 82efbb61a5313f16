import type { FileStamp } from './stamp.ts';

/** One version of the stored data with the stamp of the file it came from. */
export interface Snapshot<T> {
  data: T;
  stamp: FileStamp;
}

/**
 * Storage behind the store core. The core keeps one copy in memory and reads
 * the storage again only when the stamp shows that another writer changed it.
 */
export interface StorageAdapter<T> {
  /** Path or name of the storage, for messages. */
  readonly location: string;
  /** Returns the current stamp, or null when nothing is stored yet. */
  readStamp(): Promise<FileStamp | null>;
  /** Reads and validates the stored data; null when nothing is stored yet. */
  read(): Promise<Snapshot<T> | null>;
  /** Replaces the stored data atomically and returns the new stamp. */
  write(data: T): Promise<FileStamp>;
}

/** A mutual-exclusion lock shared by every process that writes the same storage. */
export interface WriteLock {
  /** Waits for the lock and returns the function that releases it. */
  acquire(): Promise<() => Promise<void>>;
}
