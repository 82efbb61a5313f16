import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { z } from 'zod';
import { StoreCorruptError } from './errors.ts';

/** Reads and atomically replaces one JSON file. */
export interface JsonFileAdapter<T> {
  /** Path of the file, for messages. */
  readonly location: string;
  /** Reads and validates the file; null when it does not exist yet. */
  read(): Promise<T | null>;
  /** Replaces the file atomically and durably. */
  write(data: T): Promise<void>;
}

/**
 * Creates an adapter for one JSON file. Writes go to a temporary file in the
 * same directory, are flushed with fsync and then renamed over the file. After
 * a crash, and during a read, the file is the old or the new version, never part of one.
 * Reads parse the JSON and validate it with `schema`.
 */
export function createJsonFileAdapter<T>(file: string, schema: z.ZodType<T>): JsonFileAdapter<T> {
  return {
    location: file,
    read: () => readJsonFile(file, schema),
    write: (data) => writeJsonFileAtomically(file, data),
  };
}

async function readJsonFile<T>(file: string, schema: z.ZodType<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }
  return parseData(file, text, schema);
}

function parseData<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = text.trim() === '' ? 'the file is empty' : `the file is not valid JSON (${(error as Error).message})`;
    throw new StoreCorruptError(file, detail);
  }

  const result = schema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    throw new StoreCorruptError(file, `the data does not match the expected format${where}: ${first?.message ?? 'unknown problem'}`);
  }
  return result.data;
}

async function writeJsonFileAtomically(file: string, data: unknown): Promise<void> {
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });

  const temporary = join(directory, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o600);
  try {
    // Compact, because the document is rewritten on every commit that changes hot state.
    await handle.writeFile(`${JSON.stringify(data)}\n`, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();

  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

// The rename is durable only once the directory entry is flushed too.
async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // NOTE: some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/**
 * Removes the temporary files that a process killed while writing `file`
 * left beside it, and returns their names. Only names of the two patterns
 * this store ever wrote are removed: `.<name>.<pid>.<12 hex>.tmp` from
 * {@link createJsonFileAdapter}, and `<name>.lock.<16 hex>.tmp` from the
 * write lock of the whole-document store that came before it. A file counts
 * as stale only when it was last changed before this process started.
 * Call it only while holding the file's claim (process-lock.ts), so no other
 * live process can be writing them.
 */
export async function removeStaleTemporaryFiles(file: string): Promise<string[]> {
  const directory = dirname(file);
  const name = escapeRegExp(basename(file));
  const patterns = [new RegExp(`^\\.${name}\\.\\d+\\.[0-9a-f]{12}\\.tmp$`), new RegExp(`^${name}\\.lock\\.[0-9a-f]{16}\\.tmp$`)];
  const removed: string[] = [];
  for (const entry of await readdir(directory)) {
    if (!patterns.some((pattern) => pattern.test(entry))) continue;
    const path = join(directory, entry);
    try {
      if ((await stat(path)).mtimeMs >= performance.timeOrigin) continue;
      await rm(path, { force: true });
      removed.push(entry);
    } catch (error) {
      if (!isMissingFile(error)) throw error;
    }
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
