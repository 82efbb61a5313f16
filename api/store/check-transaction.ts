import type { AccountHotState, AccountTransaction } from './account-store.ts';
import { RECENT_DELIVERIES } from './account-store.ts';
import { InvalidRecordError } from './account-store-errors.ts';
import { accountHotStateSchema } from './json/hot-state-schema.ts';
import { parseRecord } from './json/validate-records.ts';
import { approvalSchema, type ApprovalRecord } from './schema.ts';

/**
 * Validates the draft of a finished transaction and returns the state to
 * store, with deliveries cut to the newest RECENT_DELIVERIES. Raises
 * InvalidRecordError when a record is invalid or belongs to another account.
 */
export function checkHotState(accountId: string, tx: AccountTransaction): AccountHotState {
  const next = parseRecord(
    accountHotStateSchema,
    { account: tx.account, codes: tx.codes, failures: tx.failures, sends: tx.sends, deliveries: tx.deliveries.slice(-RECENT_DELIVERIES) },
    `the state of account "${accountId}"`,
  );
  if (next.account.id !== accountId) throw new InvalidRecordError(`Failed to store account "${accountId}": the transaction changed the account id.`);
  const foreign = [...next.codes, ...next.failures, ...next.sends, ...next.deliveries].find((record) => record.accountId !== accountId);
  if (foreign) throw new InvalidRecordError(`Failed to store account "${accountId}": a record of account "${foreign.accountId}" was added to it.`);
  return next;
}

/** Validates appended approvals: each must be valid, of this account, and appear once. */
export function checkApprovals(accountId: string, records: readonly ApprovalRecord[]): ApprovalRecord[] {
  const seen = new Set<string>();
  return records.map((record) => {
    const parsed = parseRecord(approvalSchema, record, `approval "${record.id}"`);
    if (parsed.accountId !== accountId) throw new InvalidRecordError(`Failed to store approval "${parsed.id}": it belongs to account "${parsed.accountId}", not "${accountId}".`);
    if (seen.has(parsed.id)) throw new InvalidRecordError(`Failed to store approval "${parsed.id}": the id is already used.`);
    seen.add(parsed.id);
    return parsed;
  });
}
