import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { createJsonFileAdapter } from '../json-file-adapter.ts';

/**
 * Creates a lowdb adapter over the store's JSON file adapter, so lowdb's `Low`
 * gets the same atomic write (temporary file, fsync, rename, directory fsync)
 * and the same zod validation on read as the file store. A file that exists
 * but is invalid raises StoreCorruptError instead of being reset.
 */
export function createLowdbAdapter<T>(file: string, schema: z.ZodType<T>): Adapter<T> {
  const inner = createJsonFileAdapter(file, schema);
  return {
    read: () => inner.read(),
    write: (data) => inner.write(data),
  };
}
