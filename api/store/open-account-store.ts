import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { AccountStore } from './account-store.ts';
import { removeStaleTemporaryFiles } from './json-file-adapter.ts';
import { convertV1DataFile } from './json/convert-v1.ts';
import { openJsonAccountStore } from './json/json-account-store.ts';
import { openPostgresAccountStore } from './postgres/postgres-account-store.ts';
import { claimDataFile, type ClaimRole } from './process-lock.ts';

/** Options of {@link openAccountStore}. */
export interface OpenAccountStoreOptions {
  /** DATABASE_URL; when set, the PostgreSQL store is used and `dataFile` only locates the dev mailbox. */
  databaseUrl?: string;
  /** The JSON store's document. */
  dataFile: string;
  logger: Logger;
  /** Role that claims the JSON store's data file. Defaults to the API. */
  role?: ClaimRole;
}

/** An open store and the function that closes it and gives up its claims. */
export interface OpenedAccountStore {
  store: AccountStore;
  backend: 'json' | 'postgres';
  close(): Promise<void>;
}

/**
 * Opens the store the settings select. With `databaseUrl`, the PostgreSQL
 * store, applying missing migrations (DatabaseNewerError when the database
 * is newer than this code). Without it, the JSON store for this process
 * only: the data file is claimed through its pid file first, temporary
 * files that a killed process left beside it are removed, and a data file of
 * the old whole-document format is converted once, keeping a backup.
 */
export async function openAccountStore(options: OpenAccountStoreOptions): Promise<OpenedAccountStore> {
  const { logger } = options;
  if (options.databaseUrl) {
    const store = await openPostgresAccountStore({ url: options.databaseUrl, migrations: 'apply', logger });
    return { store, backend: 'postgres', close: () => store.close() };
  }

  const dataFile = resolve(options.dataFile);
  await mkdir(dirname(dataFile), { recursive: true });
  const releaseDataFile = await claimDataFile(dataFile, { role: options.role ?? 'api' });
  try {
    const removed = await removeStaleTemporaryFiles(dataFile);
    if (removed.length > 0) logger.warn({ dataFile, files: removed }, 'Removed temporary files that a stopped process left beside the data file');
    const converted = await convertV1DataFile(dataFile, logger);
    if (converted) {
      logger.info(
        { dataFile, backupFile: converted.backupFile, accounts: converted.accounts, approvals: converted.approvals, orphanedRecords: converted.orphaned },
        'Converted the data file from the whole-document format to the hot-state document and audit log; the original is kept as the backup file',
      );
    }
    const store = await openJsonAccountStore({ file: dataFile, logger });
    return {
      store,
      backend: 'json',
      close: async () => {
        try {
          await store.close();
        } finally {
          await releaseDataFile();
        }
      },
    };
  } catch (error) {
    await releaseDataFile();
    throw error;
  }
}
