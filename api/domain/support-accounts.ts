import { maskEmail } from '../../shared/email.ts';
import type { Delivery } from '../../shared/api/otp.ts';
import type { SupportAccount } from '../../shared/api/support.ts';
import { ApiFailure } from '../http/api-failure.ts';
import type { AppServices } from '../services.ts';
import type { Account, Data, SupportKey } from '../store/schema.ts';
import { toIso } from '../time.ts';
import { listRecentDeliveries } from './deliveries.ts';
import { findDestination } from './destination.ts';
import { addSupportEvent } from './support-audit.ts';

/**
 * Finds the accounts whose registered or company email is `email`, compared
 * after normalization (trimmed, domain lower-cased), and records the search
 * in the audit trail. An address of no account gives an empty list, so the
 * response shows nothing beyond the list itself.
 */
export async function searchAccounts(services: AppServices, supportKey: SupportKey, email: string): Promise<SupportAccount[]> {
  const wanted = normalizeForSearch(email);
  const now = services.clock.now();
  const matches = await services.store.update((data) => {
    const found = data.accounts.filter(
      (account) =>
        normalizeForSearch(account.registeredEmail) === wanted ||
        (account.companyEmail !== null && normalizeForSearch(account.companyEmail) === wanted),
    );
    addSupportEvent(data, supportKey, { action: 'search_accounts', accountId: null, matchedAccountIds: found.map((account) => account.id) }, now);
    return found.map((account) => structuredClone(account));
  });
  return Promise.all(matches.map((account) => describeAccountForSupport(services, account)));
}

/** Lists an account's latest deliveries for support and records the look-up. Raises NOT_FOUND for an unknown id. */
export async function listDeliveriesForSupport(services: AppServices, supportKey: SupportKey, accountId: string): Promise<Delivery[]> {
  const now = services.clock.now();
  return services.store.update((data) => {
    findAccountOrFail(data, accountId);
    addSupportEvent(data, supportKey, { action: 'list_deliveries', accountId }, now);
    return listRecentDeliveries(data, accountId);
  });
}

/** Returns the account with this id from a draft, raising 404 NOT_FOUND when there is none. */
export function findAccountOrFail(data: Data, accountId: string): Account {
  const account = data.accounts.find((candidate) => candidate.id === accountId);
  if (!account) throw new ApiFailure('NOT_FOUND', {}, { message: `No account has the id "${accountId}". Search by email to find the id.` });
  return account;
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

// The same normalization as emailAddressSchema: the domain is case-insensitive,
// the local part may not be. Stored addresses went through it already, but
// comparing both sides keeps records written before it matching.
function normalizeForSearch(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : trimmed.slice(0, at) + '@' + trimmed.slice(at + 1).toLowerCase();
}
