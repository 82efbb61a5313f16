import { ApiFailure } from '../http/api-failure.ts';
import type { AccountHotState, AccountStore, AccountTransaction } from '../store/account-store.ts';
import { AccountNotFoundError } from '../store/account-store-errors.ts';

/**
 * Runs `change` in a transaction on the account of an authenticated request,
 * raising 401 UNAUTHORIZED when the account was removed after the key check.
 */
export async function transactAccount<R>(store: AccountStore, accountId: string, change: (tx: AccountTransaction) => R): Promise<R> {
  try {
    return await store.transact(accountId, change);
  } catch (error) {
    if (error instanceof AccountNotFoundError && error.accountId === accountId) throw new ApiFailure('UNAUTHORIZED');
    throw error;
  }
}

/**
 * Reads the hot state of an authenticated request's account without locking
 * it, raising 401 UNAUTHORIZED when the account was removed after the key check.
 */
export async function readAccountState(store: AccountStore, accountId: string): Promise<AccountHotState> {
  try {
    return await store.readHotState(accountId);
  } catch (error) {
    if (error instanceof AccountNotFoundError && error.accountId === accountId) throw new ApiFailure('UNAUTHORIZED');
    throw error;
  }
}
