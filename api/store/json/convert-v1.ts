import { copyFile, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { WarningLogger } from '../audit-log.ts';
import { dataSchema } from '../schema.ts';
import { writeStoreContents } from '../transfer/store-contents.ts';
import { contentsFromV1 } from '../transfer/v1-contents.ts';
import { openJsonAccountStore } from './json-account-store.ts';

/** Result of {@link convertV1DataFile}. */
export interface V1Conversion {
  backupFile: string;
  accounts: number;
  approvals: number;
  /** Records of accounts missing from the file, which were left out. */
  orphaned: number;
}

/**
 * Converts a whole-document data file (format version 1, one JSON document
 * with every list) into the JSON back end's layout: the hot-state document
 * at the same path and the audit log beside it. The original is kept as
 * `<file>.v1.bak`. Returns null, changing nothing, when the file is missing,
 * already converted, or not a valid version 1 file (the store's own open
 * then reports it).
 *
 * The new store is built in a temporary folder beside the file, its audit
 * log segments are moved next to the file, and the document is renamed over
 * the old one last. A crash before that rename leaves the version 1 file in
 * place, and the next start converts again from scratch.
 */
export async function convertV1DataFile(file: string, logger?: WarningLogger): Promise<V1Conversion | null> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || 'committedSeq' in parsed) return null;
  const v1 = dataSchema.safeParse(parsed);
  if (!v1.success) return null;

  const directory = dirname(file);
  const stem = basename(file, extname(file));
  const backupFile = `${file}.v1.bak`;
  await copyFile(file, backupFile);
  await syncFile(backupFile);

  // Segments beside a version 1 file can only come from a conversion that
  // stopped before its last step, so they are rebuilt.
  const segmentPattern = new RegExp(`^${escapeRegExp(stem)}\\.audit\\.\\d{6}\\.jsonl$`);
  for (const leftover of (await readdir(directory)).filter((name) => segmentPattern.test(name))) {
    logger?.warn({ file: join(directory, leftover) }, 'Removed an audit log segment left by an interrupted conversion');
    await rm(join(directory, leftover));
  }

  const workDirectory = join(directory, `.${basename(file)}.converting`);
  await rm(workDirectory, { recursive: true, force: true });
  await mkdir(workDirectory, { recursive: true });
  const workFile = join(workDirectory, basename(file));
  const { contents, orphaned } = contentsFromV1(v1.data);
  const store = await openJsonAccountStore({ file: workFile, ...(logger ? { logger } : {}) });
  try {
    await writeStoreContents(store, contents);
  } finally {
    await store.close();
  }

  for (const name of (await readdir(workDirectory)).filter((entry) => segmentPattern.test(entry))) {
    await rename(join(workDirectory, name), join(directory, name));
  }
  await syncFile(directory);
  await rename(workFile, file);
  await syncFile(directory);
  await rm(workDirectory, { recursive: true, force: true });

  return { backupFile, accounts: v1.data.accounts.length, approvals: v1.data.approvals.length, orphaned };
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot fsync a directory; the renames are still atomic there.
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR' && (error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
