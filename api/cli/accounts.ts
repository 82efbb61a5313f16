import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { maskEmail } from '../../shared/email.ts';
import { createAccount, rotateApiKey } from '../accounts/create-account.ts';
import { createSupportKey } from '../accounts/create-support-key.ts';
import { loadConfig } from '../config.ts';
import { openDataStore, type DataStore } from '../store/file-store.ts';

const USAGE = `Usage: npm run accounts -- <command> [options]

Commands:
  create --company <name> --email <address>
      Create an account. Prints {"accountId", "apiKey"} as JSON; the key is shown only once.
  list
      Print every account as JSON (id, company, masked addresses; never keys).
  rotate-key --account <id>
      Replace the account's API key. Prints {"accountId", "apiKey"}; the old key stops working at once.
  create-support-key [--name <name>]
      Create a key for the support routes (/v1/support/...), named for the audit trail
      (default "Support"). Prints {"supportKeyId", "name", "supportKey"}; the key is shown only once.
      It cannot use the account routes, and account keys cannot use the support routes.

The data file is DELETE_GUARD_DATA (default ./data/delete-guard.json). The API may
be running on the same file: both sides lock it for each write.`;

/** Runs one CLI command and returns the exit code; output goes to stdout, errors to stderr. */
export async function runAccountsCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }

  const { values } = parseArgs({
    args: rest,
    options: { company: { type: 'string' }, email: { type: 'string' }, account: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const store = await openDataStore(resolve(loadConfig(env).DELETE_GUARD_DATA));

  switch (command) {
    case 'create':
      return runCreate(store, values.company, values.email);
    case 'list':
      return runList(store);
    case 'rotate-key':
      return runRotateKey(store, values.account);
    case 'create-support-key':
      return runCreateSupportKey(store, values.name);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

async function runCreate(store: DataStore, company: string | undefined, email: string | undefined): Promise<number> {
  if (!company || !email) {
    process.stderr.write(`Failed to create the account: --company and --email are both required.\n\n${USAGE}\n`);
    return 2;
  }
  const { account, apiKey } = await createAccount(store, { company, email }, Date.now());
  printJson({ accountId: account.id, apiKey });
  return 0;
}

async function runList(store: DataStore): Promise<number> {
  const data = await store.read();
  printJson(
    data.accounts.map((account) => ({
      accountId: account.id,
      company: account.company,
      registeredEmail: maskEmail(account.registeredEmail),
      companyEmail: account.companyEmail === null ? null : maskEmail(account.companyEmail),
      createdAt: new Date(account.createdAt).toISOString(),
    })),
  );
  return 0;
}

async function runRotateKey(store: DataStore, accountId: string | undefined): Promise<number> {
  if (!accountId) {
    process.stderr.write(`Failed to rotate the API key: --account <id> is required.\n\n${USAGE}\n`);
    return 2;
  }
  const apiKey = await rotateApiKey(store, accountId);
  printJson({ accountId, apiKey });
  return 0;
}

async function runCreateSupportKey(store: DataStore, name: string | undefined): Promise<number> {
  const { supportKey, apiKey } = await createSupportKey(store, name === undefined ? {} : { name }, Date.now());
  printJson({ supportKeyId: supportKey.id, name: supportKey.name, supportKey: apiKey });
  return 0;
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function describeError(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    return `Failed to read the arguments: ${(error as Error).message}. Run "npm run accounts -- help" for usage.`;
  }
  if (error instanceof ZodError) {
    const what = process.argv[2] === 'create-support-key' ? 'the support key' : 'the account';
    return `Failed to create ${what}: ${error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')}`;
  }
  return (error as Error).message;
}

try {
  process.exitCode = await runAccountsCli(process.argv.slice(2), process.env);
} catch (error) {
  process.stderr.write(`${describeError(error)}\n`);
  process.exitCode = 1;
}
