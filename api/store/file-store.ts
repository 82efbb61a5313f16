import { resolve } from 'node:path';
import { createJsonFileAdapter } from './json-file-adapter.ts';
import { createEmptyData, dataSchema, type Data } from './schema.ts';
import { openStore, type Store } from './store.ts';
import { createWriteLock, type WriteLockOptions } from './write-lock.ts';

/** The Delete Guard store. */
export type DataStore = Store<Data>;

/**
 * Opens the Delete Guard data file, creating it (and its directory) when it
 * does not exist. Raises StoreCorruptError naming the file when it exists but
 * is not valid; the file is never reset.
 */
export function openDataStore(file: string, lockOptions?: WriteLockOptions): Promise<DataStore> {
  const path = resolve(file);
  return openStore({
    adapter: createJsonFileAdapter(path, dataSchema),
    lock: createWriteLock(path, lockOptions),
    createInitial: createEmptyData,
  });
}
