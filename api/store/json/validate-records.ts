import type { z } from 'zod';
import { InvalidRecordError } from '../account-store-errors.ts';

/** Parses a record handed to the store, raising InvalidRecordError that names the first problem. */
export function parseRecord<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
  throw new InvalidRecordError(`Failed to store ${what}: invalid value${where}: ${first?.message ?? 'unknown problem'}.`);
}
