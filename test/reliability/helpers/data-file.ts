import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { findCurrentCode, getCodeState } from '../../../api/domain/codes.ts';
import { createLogger } from '../../../api/logger.ts';
import type { AccountHotState, AccountStore } from '../../../api/store/account-store.ts';
import { openAccountStore } from '../../../api/store/open-account-store.ts';
import type { ApprovalRecord } from '../../../api/store/schema.ts';

/** One account as the store holds it: its hot state and its whole audit trail, oldest approval first. */
export interface StoredAccount {
  state: AccountHotState;
  approvals: ApprovalRecord[];
}

/** Everything the scenarios check in a store, read through the store's own interface. */
export interface StoreSnapshot {
  accounts: StoredAccount[];
}

// listApprovals accepts at most this many items per page.
const PAGE_LIMIT = 100;

/**
 * Opens the JSON store of `dataFile` the way the accounts CLI does (claiming
 * its pid file, so no API may run on it), reads every account's hot state and
 * audit trail, and closes it again. Opening runs the store's crash recovery,
 * so a store that cannot be opened raises here.
 */
export async function readStore(dataFile: string): Promise<StoreSnapshot> {
  const logs: string[] = [];
  const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void logs.push(line) } });
  const opened = await openAccountStore({ dataFile, logger, role: 'cli' });
  try {
    const accounts: StoredAccount[] = [];
    for (const account of await opened.store.listAccounts()) {
      const state = await opened.store.transact(account.id, (tx) =>
        structuredClone({ account: tx.account, codes: tx.codes, failures: tx.failures, sends: tx.sends, deliveries: tx.deliveries }),
      );
      accounts.push({ state, approvals: await listAllApprovals(opened.store, account.id) });
    }
    return { accounts };
  } finally {
    await opened.close();
  }
}

async function listAllApprovals(store: AccountStore, accountId: string): Promise<ApprovalRecord[]> {
  const newestFirst: ApprovalRecord[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await store.listApprovals(accountId, { limit: PAGE_LIMIT, ...(before !== undefined ? { before } : {}) });
    if (!page) throw new Error(`Failed to list the approvals of account ${accountId}: the page cursor ${before} was not found.`);
    newestFirst.push(...page.items);
    if (page.nextBefore === null) return newestFirst.reverse();
    before = page.nextBefore;
  }
}

/**
 * Reads the bytes of every file of the JSON store: the hot-state document
 * and each audit log segment beside it, keyed by file name.
 */
export async function readStoreFiles(dataFile: string): Promise<Map<string, Buffer>> {
  const stem = basename(dataFile, extname(dataFile));
  const names = (await readdir(dirname(dataFile))).filter((name) => name === basename(dataFile) || (name.startsWith(`${stem}.audit.`) && name.endsWith('.jsonl')));
  const files = new Map<string, Buffer>();
  for (const name of names.sort()) files.set(name, await readFile(join(dirname(dataFile), name)));
  return files;
}

/** Lists the store files whose bytes differ between two {@link readStoreFiles} results. */
export function diffStoreFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => {
    const old = before.get(name);
    const now = after.get(name);
    return old === undefined || now === undefined || !old.equals(now);
  });
}

/**
 * Lists every broken invariant of the code records: uses left must equal
 * maximum uses minus the approvals recorded under the code, and an account
 * has at most one usable code, which is its current one.
 */
export function findCodeInvariantBreaks(snapshot: StoreSnapshot, now: number): string[] {
  const problems: string[] = [];
  for (const { state, approvals } of snapshot.accounts) {
    for (const code of state.codes) {
      const approved = approvals.filter((approval) => approval.codeId === code.id).length;
      if (code.usesLeft !== code.maxUses - approved) {
        problems.push(`code ${code.id} has ${code.usesLeft} uses left but ${approved} of ${code.maxUses} were approved`);
      }
    }

    const usable = state.codes.filter((code) => code.activatedAt !== null && code.endedAt === null && getCodeState(code, now) === 'usable');
    if (usable.length > 1) problems.push(`account ${state.account.id} has ${usable.length} usable codes`);
    const current = findCurrentCode(state);
    if (usable.length === 1 && current?.id !== usable[0]!.id) problems.push(`account ${state.account.id}: the usable code is not the current one`);
  }
  return problems;
}
