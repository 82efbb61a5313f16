import { parseArgs } from 'node:util';
import type { AccountCommand } from '../accounts/account-commands.ts';
import { runAccountsCommand } from '../admin/run-accounts-command.ts';
import { loadConfig } from '../config.ts';

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

With DATABASE_URL set, the commands run on that PostgreSQL database. Otherwise
they run on the data file DELETE_GUARD_DATA (default ./data/delete-guard.json):
when an API process serves that file, the command goes to it over the admin
socket <data file>.sock, so neither side loses the other's writes.`;

/** Runs one CLI command and returns the exit code; output goes to stdout, errors to stderr. */
export async function runAccountsCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }

  const { values } = parseArgs({
    args: rest,
    options: { company: { type: 'string' }, email: { type: 'string' }, account: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const command = buildCommand(name, values);
  if (typeof command === 'number') return command;

  const result = await runAccountsCommand(loadConfig(env), command);
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(result.output, null, 2)}\n`);
  return 0;
}

function buildCommand(name: string, values: Record<string, string | undefined>): AccountCommand | number {
  switch (name) {
    case 'create':
      if (!values.company || !values.email) {
        process.stderr.write(`Failed to create the account: --company and --email are both required.\n\n${USAGE}\n`);
        return 2;
      }
      return { command: 'create', company: values.company, email: values.email };
    case 'list':
      return { command: 'list' };
    case 'rotate-key':
      if (!values.account) {
        process.stderr.write(`Failed to rotate the API key: --account <id> is required.\n\n${USAGE}\n`);
        return 2;
      }
      return { command: 'rotate-key', accountId: values.account };
    case 'create-support-key':
      return { command: 'create-support-key', ...(values.name !== undefined ? { name: values.name } : {}) };
    default:
      process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
      return 2;
  }
}

function describeError(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    return `Failed to read the arguments: ${(error as Error).message}. Run "npm run accounts -- help" for usage.`;
  }
  return (error as Error).message;
}

try {
  process.exitCode = await runAccountsCli(process.argv.slice(2), process.env);
} catch (error) {
  process.stderr.write(`${describeError(error)}\n`);
  process.exitCode = 1;
}
