import { RECENT_DELIVERIES } from '../account-store.ts';
import type { Data } from '../schema.ts';
import type { StoreContents } from './store-contents.ts';

/**
 * Splits a whole-document data file (format version 1) by account. Records
 * of an account that is not in the file are left out and counted, because
 * the account store keeps every record under its account.
 */
export function contentsFromV1(data: Data): { contents: StoreContents; orphaned: number } {
  const ids = new Set(data.accounts.map((account) => account.id));
  const own = <T extends { accountId: string }>(records: T[], accountId: string) => records.filter((record) => record.accountId === accountId);
  const orphaned = [data.codes, data.deliveries, data.failures, data.sends, data.approvals].reduce(
    (sum, records) => sum + records.filter((record: { accountId: string }) => !ids.has(record.accountId)).length,
    0,
  );

  return {
    orphaned,
    contents: {
      accounts: data.accounts.map((account) => ({
        account,
        codes: own(data.codes, account.id),
        failures: own(data.failures, account.id),
        sends: own(data.sends, account.id),
        deliveries: own(data.deliveries, account.id).slice(-RECENT_DELIVERIES),
      })),
      approvals: new Map(data.accounts.map((account) => [account.id, own(data.approvals, account.id)])),
      supportKeys: data.supportKeys,
      supportEvents: data.supportEvents,
    },
  };
}
