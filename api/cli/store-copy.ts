import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openAccountStore } from '../store/open-account-store.ts';
import { countContents, readStoreContents, writeStoreContents } from '../store/transfer/store-contents.ts';

const USAGE = `Usage: npm run store:copy -- --from file --to postgres

Copies the JSON store DELETE_GUARD_DATA (accounts, support keys, active codes,
rate-limit counters, recent deliveries, approvals with their outcomes and
support events) into the empty PostgreSQL database DATABASE_URL, applying its
migrations first. Stop the API on the data file first. The data file is left
unchanged, and a database that already holds accounts or support keys is rejected.`;

/** Runs the copy and returns the exit code; the report goes to stdout, errors to stderr. */
export async function runStoreCopy(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } }, strict: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.from !== 'file' || values.to !== 'postgres') {
    process.stderr.write(`Failed to copy the store: only --from file --to postgres is supported.\n\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(env);
  if (!config.DATABASE_URL) {
    process.stderr.write('Failed to copy the store: DATABASE_URL is not set. Set it to the postgres:// URL of an empty database.\n');
    return 2;
  }

  const logger = createLogger({ level: 'warn', destination: process.stderr });
  // Claiming the data file as the CLI keeps an API from starting on it during the copy.
  const source = await openAccountStore({ dataFile: resolve(config.DELETE_GUARD_DATA), logger, role: 'cli' });
  try {
    const target = await openAccountStore({ databaseUrl: config.DATABASE_URL, dataFile: config.DELETE_GUARD_DATA, logger });
    try {
      const [accounts, supportKeys] = await Promise.all([target.store.listAccounts(), target.store.listSupportKeys()]);
      if (accounts.length > 0 || supportKeys.length > 0) {
        process.stderr.write(
          `Failed to copy the store: the database ${target.store.description} is not empty (${accounts.length} accounts, ${supportKeys.length} support keys). ` +
            'Copy only into a new, empty database.\n',
        );
        return 1;
      }
      // NOTE: the copy is not one transaction. When it fails midway, the database keeps
      // what was copied so far; drop and recreate it before running the copy again.
      const contents = await readStoreContents(source.store);
      await writeStoreContents(target.store, contents);
      process.stdout.write(`${JSON.stringify({ from: source.store.description, to: target.store.description, copied: countContents(contents) }, null, 2)}\n`);
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

try {
  process.exitCode = await runStoreCopy(process.argv.slice(2), process.env);
} catch (error) {
  process.stderr.write(`Failed to copy the store: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
