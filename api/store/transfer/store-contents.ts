import type { AccountHotState, AccountStore } from '../account-store.ts';
import type { ApprovalRecord, SupportEvent, SupportKey } from '../schema.ts';

/** Everything a store holds, for copying it into another store. Lists are oldest first. */
export interface StoreContents {
  accounts: AccountHotState[];
  /** Approvals with their outcomes, by account id. */
  approvals: Map<string, ApprovalRecord[]>;
  supportKeys: SupportKey[];
  supportEvents: SupportEvent[];
}

/** Records per page or transaction while copying, so no single query or batch grows without bound. */
const CHUNK = 1000;

/**
 * Reads the whole contents of a store through the AccountStore interface.
 * NOTE: the contents are held in memory, which suits stores of up to a few
 * million approvals; a larger one needs a streaming copy.
 */
export async function readStoreContents(source: AccountStore): Promise<StoreContents> {
  const accounts: AccountHotState[] = [];
  const approvals = new Map<string, ApprovalRecord[]>();
  for (const account of await source.listAccounts()) {
    accounts.push(
      await source.transact(account.id, (tx) =>
        structuredClone({ account: tx.account, codes: tx.codes, failures: tx.failures, sends: tx.sends, deliveries: tx.deliveries }),
      ),
    );
    approvals.set(account.id, await readAllPages((before) => source.listApprovals(account.id, { limit: CHUNK, ...before })));
  }
  const supportEvents = await readAllPages((before) => source.listSupportEvents({}, { limit: CHUNK, ...before }));
  return { accounts, approvals, supportKeys: await source.listSupportKeys(), supportEvents };
}

/**
 * Writes contents into a store, keeping the order of accounts, approvals and
 * support events. The target should be empty: existing ids raise.
 */
export async function writeStoreContents(target: AccountStore, contents: StoreContents): Promise<void> {
  for (const state of contents.accounts) {
    await target.createAccount(state.account);
    const approvals = contents.approvals.get(state.account.id) ?? [];
    await target.transact(state.account.id, (tx) => {
      tx.codes = structuredClone(state.codes);
      tx.failures = structuredClone(state.failures);
      tx.sends = structuredClone(state.sends);
      tx.deliveries = structuredClone(state.deliveries);
    });
    for (let start = 0; start < approvals.length; start += CHUNK) {
      await target.transact(state.account.id, (tx) => tx.appendApprovals(approvals.slice(start, start + CHUNK)));
    }
  }
  for (const key of contents.supportKeys) await target.createSupportKey(key);

  // Support events go in batches through any account's transaction; a search has no account of its own.
  const carrier = contents.accounts[0]?.account.id;
  for (let start = 0; start < contents.supportEvents.length; start += CHUNK) {
    const chunk = contents.supportEvents.slice(start, start + CHUNK);
    if (carrier === undefined) for (const event of chunk) await target.appendSupportEvent(event);
    else await target.transact(carrier, (tx) => tx.appendSupportEvents(chunk));
  }
}

/** Counts of copied records, for the copy's report. */
export function countContents(contents: StoreContents): Record<string, number> {
  return {
    accounts: contents.accounts.length,
    codes: contents.accounts.reduce((sum, state) => sum + state.codes.length, 0),
    deliveries: contents.accounts.reduce((sum, state) => sum + state.deliveries.length, 0),
    approvals: [...contents.approvals.values()].reduce((sum, list) => sum + list.length, 0),
    supportKeys: contents.supportKeys.length,
    supportEvents: contents.supportEvents.length,
  };
}

// Pages newest first until the end and returns the records oldest first.
async function readAllPages<T extends { id: string }>(
  readPage: (before: { before?: string }) => Promise<{ items: T[]; nextBefore: string | null } | null>,
): Promise<T[]> {
  const newestFirst: T[] = [];
  let before: string | null | undefined;
  do {
    const page = await readPage(before ? { before } : {});
    if (!page) throw new Error(`Failed to read the store: the page cursor "${before}" vanished while copying.`);
    newestFirst.push(...page.items);
    before = page.nextBefore;
  } while (before);
  return newestFirst.reverse();
}
