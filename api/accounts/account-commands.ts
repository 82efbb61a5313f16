import { z, ZodError } from 'zod';
import { maskEmail } from '../../shared/email.ts';
import type { AccountStore } from '../store/account-store.ts';
import { createAccount, rotateApiKey } from './create-account.ts';
import { createSupportKey } from './create-support-key.ts';

/** One command of the accounts CLI, as it travels to the running API over the admin socket. */
export const accountCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('create'), company: z.string(), email: z.string() }),
  z.object({ command: z.literal('list') }),
  z.object({ command: z.literal('rotate-key'), accountId: z.string() }),
  z.object({ command: z.literal('create-support-key'), name: z.string().optional() }),
]);
export type AccountCommand = z.infer<typeof accountCommandSchema>;

/** A command's result: the JSON the CLI prints, or the message of its failure. */
export type AccountCommandResult = { ok: true; output: unknown } | { ok: false; message: string };

/**
 * Runs one accounts command on a store. The CLI calls it on a store it
 * opened itself, and the API calls it for commands that arrive on its admin
 * socket, so both paths give the same output.
 */
export async function runAccountCommand(store: AccountStore, command: AccountCommand, now: number): Promise<AccountCommandResult> {
  try {
    return { ok: true, output: await run(store, command, now) };
  } catch (error) {
    return { ok: false, message: describeCommandError(command, error) };
  }
}

async function run(store: AccountStore, command: AccountCommand, now: number): Promise<unknown> {
  switch (command.command) {
    case 'create': {
      const { account, apiKey } = await createAccount(store, { company: command.company, email: command.email }, now);
      return { accountId: account.id, apiKey };
    }
    case 'list':
      return (await store.listAccounts()).map((account) => ({
        accountId: account.id,
        company: account.company,
        registeredEmail: maskEmail(account.registeredEmail),
        companyEmail: account.companyEmail === null ? null : maskEmail(account.companyEmail),
        createdAt: new Date(account.createdAt).toISOString(),
      }));
    case 'rotate-key':
      return { accountId: command.accountId, apiKey: await rotateApiKey(store, command.accountId) };
    case 'create-support-key': {
      const { supportKey, apiKey } = await createSupportKey(store, command.name === undefined ? {} : { name: command.name }, now);
      return { supportKeyId: supportKey.id, name: supportKey.name, supportKey: apiKey };
    }
  }
}

function describeCommandError(command: AccountCommand, error: unknown): string {
  if (error instanceof ZodError) {
    const what = command.command === 'create-support-key' ? 'the support key' : 'the account';
    return `Failed to create ${what}: ${error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')}`;
  }
  return (error as Error).message;
}
