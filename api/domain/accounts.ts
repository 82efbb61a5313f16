import { ApiFailure } from '../http/api-failure.ts';
import type { Account, Data } from '../store/schema.ts';

/** Returns the account with this id from a draft, raising 401 when it was removed meanwhile. */
export function getAccount(data: Data, accountId: string): Account {
  const account = data.accounts.find((candidate) => candidate.id === accountId);
  if (!account) throw new ApiFailure('UNAUTHORIZED');
  return account;
}
