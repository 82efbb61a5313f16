import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { z } from 'zod';
import type { Snapshot, StorageAdapter } from './adapter.ts';
import { StoreCorruptError } from './errors.ts';
import { toStamp, type FileStamp } from './stamp.ts';

/**
 * Creates an adapter for one JSON file. Writes go to a temporary file in the
 * same directory, are flushed with fsync and then renamed over the file. After
 * a crash, and during a read, the file is the old or the new version, never part of one.
 * Reads parse the JSON and validate it with `schema`.
 */
export function createJsonFileAdapter<T>(file: string, schema: z.ZodType<T>): StorageAdapter<T> {
  return {
    location: file,
    readStamp: () => readFileStamp(file),
    read: () => readJsonFile(file, schema),
    write: (data) => writeJsonFileAtomically(file, data),
  };
}

async function readFileStamp(file: string): Promise<FileStamp | null> {
  try {
    return toStamp(await stat(file));
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }
}

async function readJsonFile<T>(file: string, schema: z.ZodType<T>): Promise<Snapshot<T> | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }

  // The stamp and the text come from the same open file, so they always match
  // even when another process renames a new version into place meanwhile.
  try {
    const stamp = toStamp(await handle.stat());
    const text = await handle.readFile('utf8');
    return { data: parseData(file, text, schema), stamp };
  } finally {
    await handle.close();
  }
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

async function writeJsonFileAtomically(file: string, data: unknown): Promise<FileStamp> {
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
  return toStamp(await stat(file));
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

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
