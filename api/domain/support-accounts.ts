import { maskEmail } from '../../shared/email.ts';
import type { Delivery } from '../../shared/api/otp.ts';
import type { SupportAccount } from '../../shared/api/support.ts';
import { ApiFailure } from '../http/api-failure.ts';
import type { AppServices } from '../services.ts';
import type { AccountStore, AccountTransaction } from '../store/account-store.ts';
import { AccountNotFoundError } from '../store/account-store-errors.ts';
import type { Account, SupportKey } from '../store/schema.ts';
import { toIso } from '../time.ts';
import { listRecentDeliveries } from './deliveries.ts';
import { findDestination } from './destination.ts';
import { buildSupportEvent } from './support-audit.ts';

/**
 * Finds the accounts whose registered or company email is `email`, compared
 * after normalization (trimmed, domain lower-cased), and records the search
 * in the audit trail. An address of no account gives an empty list, so the
 * response shows nothing beyond the list itself.
 */
export async function searchAccounts(services: AppServices, supportKey: SupportKey, email: string): Promise<SupportAccount[]> {
  const now = services.clock.now();
  const found = await services.store.findAccountsByEmail(email);
  // Recorded before the response leaves, so every revealed account is traceable.
  await services.store.appendSupportEvent(
    buildSupportEvent(supportKey, { action: 'search_accounts', accountId: null, matchedAccountIds: found.map((account) => account.id) }, now),
  );
  return Promise.all(found.map((account) => describeAccountForSupport(services, account)));
}

/** Lists an account's latest deliveries for support and records the look-up. Raises NOT_FOUND for an unknown id. */
export async function listDeliveriesForSupport(services: AppServices, supportKey: SupportKey, accountId: string): Promise<Delivery[]> {
  const now = services.clock.now();
  return transactSupport(services.store, accountId, (tx) => {
    tx.appendSupportEvents([buildSupportEvent(supportKey, { action: 'list_deliveries', accountId }, now)]);
    return listRecentDeliveries(tx);
  });
}

/**
 * Runs `change` in a transaction on an account that support named by id,
 * raising 404 NOT_FOUND when there is no such account.
 */
export async function transactSupport<R>(store: AccountStore, accountId: string, change: (tx: AccountTransaction) => R): Promise<R> {
  try {
    return await store.transact(accountId, change);
  } catch (error) {
    if (error instanceof AccountNotFoundError && error.accountId === accountId) {
      throw new ApiFailure('NOT_FOUND', {}, { message: `No account has the id "${accountId}". Search by email to find the id.` });
    }
    throw error;
  }
}

async function describeAccountForSupport(services: AppServices, account: Account): Promise<SupportAccount> {
  const destination = findDestination(account);
  return {
    id: account.id,
    company: account.company,
    registeredEmail: maskEmail(account.registeredEmail),
    companyEmail: account.companyEmail === null ? null : maskEmail(account.companyEmail),
    pendingCompanyEmail: account.pendingCompanyEmail === null ? null : maskEmail(account.pendingCompanyEmail.email),
    destination: maskEmail(destination),
    provider: await services.providerDetector.detect(destination),
    createdAt: toIso(account.createdAt),
  };
}
