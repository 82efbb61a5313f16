import { z } from 'zod';
import { emailAddressSchema } from '../../shared/email.ts';
import { DEFAULT_CONFIRMATION_WORD, DEFAULT_REASONS } from '../../shared/reasons.ts';
import { createId } from '../ids.ts';
import { generateApiKey, hashApiKey } from '../security/api-keys.ts';
import type { AccountStore } from '../store/account-store.ts';
import { AccountNotFoundError } from '../store/account-store-errors.ts';
import type { Account } from '../store/schema.ts';

/** Input of {@link createAccount}. */
export const newAccountSchema = z.object({
  company: z
    .string()
    .trim()
    .min(1, 'The company name is empty.')
    .max(200, 'The company name is longer than 200 characters.')
    // The name goes into mail subjects. The mailer flattens line breaks anyway,
    // but a name that holds one is a mistake, so it is rejected here.
    .refine((value) => !/[\u0000-\u001F\u007F\u0085\u2028\u2029]/.test(value), 'The company name contains a line break or another control character.'),
  email: emailAddressSchema,
});

/**
 * Creates an account with the default reasons and confirmation word and a new
 * API key. Returns the key; only its hash is stored, so it cannot be shown again.
 * Raises a ZodError for an invalid company name or email.
 */
export async function createAccount(
  store: AccountStore,
  input: z.input<typeof newAccountSchema>,
  now: number,
): Promise<{ account: Account; apiKey: string }> {
  const { company, email } = newAccountSchema.parse(input);
  const created = buildAccount(company, email, now);
  await store.createAccount(created.account);
  return created;
}

function buildAccount(company: string, email: string, now: number): { account: Account; apiKey: string } {
  const apiKey = generateApiKey();
  const account: Account = {
    id: createId('acct'),
    company,
    registeredEmail: email,
    companyEmail: null,
    pendingCompanyEmail: null,
    confirmationWord: DEFAULT_CONFIRMATION_WORD,
    reasons: [...DEFAULT_REASONS],
    apiKeyHash: hashApiKey(apiKey),
    role: 'account',
    createdAt: now,
  };
  return { account, apiKey };
}

/** Replaces an account's API key and returns the new one; the old key stops working at once. */
export async function rotateApiKey(store: AccountStore, accountId: string): Promise<string> {
  const apiKey = generateApiKey();
  try {
    await store.transact(accountId, (tx) => {
      tx.account.apiKeyHash = hashApiKey(apiKey);
    });
  } catch (error) {
    if (error instanceof AccountNotFoundError) throw new Error(`Failed to rotate the API key: no account with id "${accountId}". Run "list" to see the ids.`, { cause: error });
    throw error;
  }
  return apiKey;
}

/** Demo account created on the first start of the API when there is no account. */
export const DEMO_ACCOUNT = { company: 'Demo Company', email: 'owner@demo.test' } as const;

/**
 * Creates the demo account when the store has no account at all and returns its
 * key, or returns null. The check and the insert are one transaction, so two
 * starts cannot both create it.
 */
export async function ensureDemoAccount(store: AccountStore, now: number): Promise<{ account: Account; apiKey: string } | null> {
  const demo = buildAccount(DEMO_ACCOUNT.company, DEMO_ACCOUNT.email, now);
  const created = await store.createFirstAccount(demo.account);
  return created ? demo : null;
}
