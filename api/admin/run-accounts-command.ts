import { resolve } from 'node:path';
import { runAccountCommand, type AccountCommand, type AccountCommandResult } from '../accounts/account-commands.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openAccountStore } from '../store/open-account-store.ts';
import { DataFileInUseError, findRunningApi } from '../store/process-lock.ts';
import { adminSocketFor } from './admin-socket.ts';
import { sendAdminCommand } from './send-admin-command.ts';

/**
 * Runs one accounts command where the store lives. PostgreSQL is shared, so
 * it is used directly. The JSON store belongs to one process: the running
 * API when there is one (the command goes over its admin socket), else this
 * process, which claims the data file for the command so an API cannot
 * start meanwhile.
 */
export async function runAccountsCommand(config: Config, command: AccountCommand): Promise<AccountCommandResult> {
  const logger = createLogger({ level: 'warn', destination: process.stderr });
  const dataFile = resolve(config.DELETE_GUARD_DATA);
  if (!config.DATABASE_URL && (await findRunningApi(dataFile)) !== null) return sendAdminCommand(adminSocketFor(dataFile), command);

  let opened;
  try {
    opened = await openAccountStore({ ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}), dataFile, logger, role: 'cli' });
  } catch (error) {
    // An API started between the check and the claim.
    if (error instanceof DataFileInUseError) return sendAdminCommand(adminSocketFor(dataFile), command);
    throw error;
  }
  try {
    return await runAccountCommand(opened.store, command, Date.now());
  } finally {
    await opened.close();
  }
}
