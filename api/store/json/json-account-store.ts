import { basename, dirname, extname, resolve } from 'node:path';
import { Low } from 'lowdb';
import type {
  AccountHotState,
  AccountStore,
  AccountTransaction,
  ApprovalOutcome,
  DeliveryChange,
  Page,
  PageRequest,
  SetOutcomeResult,
  SupportEventFilter,
} from '../account-store.ts';
import { AccountNotFoundError, InvalidRecordError } from '../account-store-errors.ts';
import { checkPageLimit } from '../audit-index.ts';
import { checkApprovals, checkHotState } from '../check-transaction.ts';
import { AuditLog, supportEventSchema, type AuditEntry, type HotStateEntry, type WarningLogger } from '../audit-log.ts';
import { StoreCorruptError, StoreUnavailableError } from '../errors.ts';
import { createGroupCommit, type GroupCommit, type GroupCommitStats } from '../group-commit.ts';
import { normalizeEmailForSearch } from '../email-search.ts';
import { accountSchema, deliveryRecordSchema, supportKeySchema, type Account, type ApprovalRecord, type DeliveryRecord, type SupportEvent, type SupportKey } from '../schema.ts';
import { BackgroundDocumentWriter } from './document-writer.ts';
import { accountHotStateSchema, createEmptyHotDocument, hotDocumentSchema, type HotDocument } from './hot-state-schema.ts';
import { createLowdbAdapter } from './lowdb-adapter.ts';
import { parseRecord } from './validate-records.ts';

/** Options of {@link openJsonAccountStore}. */
export interface JsonStoreOptions {
  /** The JSON document; the audit log segments go beside it as `<name>.audit.NNNNNN.jsonl`. */
  file: string;
  /** Size at which a new audit log segment starts, in bytes. */
  maxSegmentBytes?: number;
  /** Minimum time between two background rewrites of the document, in milliseconds. */
  documentWriteIntervalMs?: number;
  logger?: WarningLogger;
}

/** Default minimum time between two document rewrites: at most 10 a second, each 6–9 ms of disk time. */
const DEFAULT_DOCUMENT_WRITE_INTERVAL_MS = 100;
/** Wait before retrying a failed document rewrite, in milliseconds. */
const DOCUMENT_RETRY_MS = 1_000;

/** One transaction's share of a group commit. */
interface BatchItem {
  entries: AuditEntry[];
  /** Accounts whose hot state the item changed. The flush logs their full hot state. */
  changedAccountIds: string[];
  changedSupportKeys: boolean;
  approvalIds: string[];
  outcomeIds: string[];
  supportIds: string[];
}

/** The JSON back end with its counters, for tests and benchmarks. */
export interface JsonAccountStore extends AccountStore {
  /** Group commit counters: each flush is one audit log fsync, and the document is written in the background. */
  readonly commitStats: Readonly<GroupCommitStats>;
  /** Number of approvals in the audit log. */
  readonly approvalCount: number;
  /**
   * Writes the document now when it lags behind the audit log, so that its
   * bytes stay unchanged until the next batch. For tests that compare the files.
   */
  writeDocumentNow(): Promise<void>;
}

/**
 * Opens the JSON back end: the hot state in a lowdb JSON document and the
 * audit trail in an append-only log beside it. For one process only; the
 * caller claims the file (see process-lock.ts) before opening it.
 *
 * On open, the audit log is cut back to the last committed batch (see the
 * commit order in DESIGN.md). Raises StoreCorruptError when the document or a
 * committed log line cannot be read.
 */
export async function openJsonAccountStore(options: JsonStoreOptions): Promise<JsonAccountStore> {
  const store = new JsonStore(resolve(options.file), options);
  await store.load();
  return store;
}

class JsonStore implements JsonAccountStore {
  readonly description: string;
  private readonly db: Low<HotDocument>;
  private readonly commit: GroupCommit<BatchItem>;
  private working: HotDocument = createEmptyHotDocument();
  // The hot state as of the newest batch in the audit log, without the
  // changes still in flight. Only this state is written to the document.
  private durable: HotDocument = createEmptyHotDocument();
  private readonly writer: BackgroundDocumentWriter;
  private log: AuditLog | null = null;
  private seq = 0;
  private readonly accountIdsByKeyHash = new Map<string, string>();

  // Ids handed to the group commit but not yet in the audit log index, so
  // duplicates and outcomes are caught before they are written.
  private readonly pendingApprovalIds = new Set<string>();
  private readonly pendingOutcomes = new Map<string, string>();
  private readonly pendingSupportIds = new Set<string>();

  // Set when a batch fails to write. Memory may then hold changes that are
  // not on disk, so every later batch fails too until the next call reloads
  // the files.
  private failure: StoreUnavailableError | null = null;
  private recovery: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly options: JsonStoreOptions,
  ) {
    this.description = `JSON file ${file}`;
    this.db = new Low(createLowdbAdapter(file, hotDocumentSchema), createEmptyHotDocument());
    this.commit = createGroupCommit((items) => this.flush(items));
    this.writer = new BackgroundDocumentWriter(() => this.writeDocument(), {
      intervalMs: options.documentWriteIntervalMs ?? DEFAULT_DOCUMENT_WRITE_INTERVAL_MS,
      retryMs: DOCUMENT_RETRY_MS,
      onError: (error) =>
        options.logger?.warn(
          { file, err: error, retryMs: DOCUMENT_RETRY_MS },
          'Failed to write the store document in the background. The audit log contains every saved change, so the store keeps serving and retries the write',
        ),
    });
  }

  get commitStats(): Readonly<GroupCommitStats> {
    return this.commit.stats;
  }

  get approvalCount(): number {
    return this.log?.approvalCount ?? 0;
  }

  async writeDocumentNow(): Promise<void> {
    await this.commit.settled();
    await this.writer.writeNow();
  }

  /**
   * Reads the document (creating it on first start), opens the audit log and
   * replays the hot state of the log's batches newer than the document.
   */
  async load(): Promise<void> {
    await this.db.read();
    const document = this.db.data;
    const documentSeq = document.committedSeq;
    let replayedSeq = 0;
    const log = await AuditLog.open({
      directory: dirname(this.file),
      name: `${basename(this.file, extname(this.file))}.audit`,
      ...(this.options.maxSegmentBytes !== undefined ? { maxSegmentBytes: this.options.maxSegmentBytes } : {}),
      ...(this.options.logger ? { logger: this.options.logger } : {}),
      isCommitted: (seq, changedHotState, hotStateLogged) => !changedHotState || hotStateLogged || seq <= documentSeq,
      replay: (seq, entries) => {
        if (seq <= documentSeq) return;
        replayHotState(document, entries, this.file, seq);
        replayedSeq = seq;
      },
    });
    if (replayedSeq > 0) document.committedSeq = replayedSeq;
    else if (documentSeq === 0 && Object.keys(document.accounts).length === 0) await this.db.write();

    this.log = log;
    this.durable = document;
    this.working = structuredClone(document);
    this.seq = Math.max(document.committedSeq, log.lastSeq);
    if (replayedSeq > 0) this.writer.markDirty();
    this.accountIdsByKeyHash.clear();
    for (const [id, state] of Object.entries(this.working.accounts)) this.accountIdsByKeyHash.set(state.account.apiKeyHash, id);
  }

  async findAccountByKeyHash(apiKeyHash: string): Promise<Account | null> {
    await this.ready();
    const id = this.accountIdsByKeyHash.get(apiKeyHash);
    const account = id === undefined ? null : structuredClone(this.working.accounts[id]!.account);
    // Wait for writes in flight, so no caller sees an account that is not saved yet.
    await this.commit.settled();
    return account;
  }

  async listAccounts(): Promise<Account[]> {
    await this.ready();
    const accounts = Object.values(this.working.accounts).map((state) => structuredClone(state.account));
    await this.commit.settled();
    return accounts;
  }

  async createAccount(account: Account): Promise<void> {
    await this.ready();
    this.insertAccount(account);
    await this.submit({ changedAccountIds: [account.id] });
  }

  async createFirstAccount(account: Account): Promise<boolean> {
    await this.ready();
    if (Object.keys(this.working.accounts).length > 0) {
      await this.commit.settled();
      return false;
    }
    this.insertAccount(account);
    await this.submit({ changedAccountIds: [account.id] });
    return true;
  }

  async findAccountsByEmail(email: string): Promise<Account[]> {
    await this.ready();
    const wanted = normalizeEmailForSearch(email);
    const found = Object.values(this.working.accounts)
      .map((state) => state.account)
      .filter((account) => normalizeEmailForSearch(account.registeredEmail) === wanted || (account.companyEmail !== null && normalizeEmailForSearch(account.companyEmail) === wanted))
      .map((account) => structuredClone(account));
    await this.commit.settled();
    return found;
  }

  async findSupportKeyByHash(apiKeyHash: string): Promise<SupportKey | null> {
    await this.ready();
    const found = this.working.supportKeys.find((key) => key.apiKeyHash === apiKeyHash);
    await this.commit.settled();
    return found ? structuredClone(found) : null;
  }

  async listSupportKeys(): Promise<SupportKey[]> {
    await this.ready();
    const keys = structuredClone(this.working.supportKeys);
    await this.commit.settled();
    return keys;
  }

  async createSupportKey(supportKey: SupportKey): Promise<void> {
    await this.ready();
    const parsed = parseRecord(supportKeySchema, supportKey, `support key "${supportKey.id}"`);
    if (this.working.supportKeys.some((key) => key.id === parsed.id)) throw new InvalidRecordError(`Failed to create support key "${parsed.id}": the id is already used.`);
    if (this.working.supportKeys.some((key) => key.apiKeyHash === parsed.apiKeyHash) || this.accountIdsByKeyHash.has(parsed.apiKeyHash)) {
      throw new InvalidRecordError(`Failed to create support key "${parsed.id}": another key has the same hash.`);
    }
    this.working.supportKeys.push(parsed);
    await this.submit({ changedSupportKeys: true });
  }

  async transact<R>(accountId: string, change: (tx: AccountTransaction) => R): Promise<R> {
    await this.ready();
    const current = this.working.accounts[accountId];
    if (!Object.hasOwn(this.working.accounts, accountId) || !current) {
      await this.commit.settled();
      throw new AccountNotFoundError(accountId);
    }

    const before = JSON.stringify(current);
    const appended: ApprovalRecord[] = [];
    const appendedEvents: SupportEvent[] = [];
    const tx: AccountTransaction = Object.assign(structuredClone(current), {
      appendApprovals(records: readonly ApprovalRecord[]) {
        for (const record of records) appended.push(structuredClone(record));
      },
      appendSupportEvents(events: readonly SupportEvent[]) {
        for (const event of events) appendedEvents.push(structuredClone(event));
      },
    });

    let result: R;
    let unchanged: boolean;
    let next: AccountHotState;
    let approvals: ApprovalRecord[];
    let supportEvents: SupportEvent[];
    try {
      result = change(tx);
      if (result instanceof Promise) throw new TypeError('Failed to run the transaction: the change function must be synchronous.');
      // A draft equal to the stored state needs no validation, because that
      // state was validated when it was stored. This skips the zod parse of
      // the whole hot state for read-only transactions such as GET /v1/otp.
      unchanged = JSON.stringify(draftHotState(tx)) === before;
      next = unchanged ? current : this.checkHotState(accountId, tx);
      approvals = this.checkApprovals(accountId, appended);
      supportEvents = appendedEvents.map((event) => this.checkSupportEvent(event));
    } catch (error) {
      // The draft is dropped. Waiting for writes in flight keeps an error
      // based on unsaved state from reaching the caller before that state is saved.
      await this.commit.settled();
      throw error;
    }

    const changedHotState = !unchanged && JSON.stringify(next) !== before;
    if (!changedHotState && approvals.length === 0 && supportEvents.length === 0) {
      await this.commit.settled();
      return result;
    }

    if (changedHotState) {
      this.accountIdsByKeyHash.delete(current.account.apiKeyHash);
      this.accountIdsByKeyHash.set(next.account.apiKeyHash, accountId);
      this.working.accounts[accountId] = next;
    }
    await this.submit({
      changedAccountIds: changedHotState ? [accountId] : [],
      entries: [...approvals.map((record) => ({ type: 'approval' as const, record })), ...supportEvents.map((event) => ({ type: 'support' as const, event }))],
      approvalIds: approvals.map((record) => record.id),
      supportIds: supportEvents.map((event) => event.id),
    });
    return result;
  }

  async readHotState(accountId: string): Promise<AccountHotState> {
    await this.ready();
    const current = Object.hasOwn(this.working.accounts, accountId) ? this.working.accounts[accountId] : undefined;
    const state = current ? structuredClone(current) : null;
    // Wait for writes in flight, so no caller sees state that is not saved yet.
    await this.commit.settled();
    if (!state) throw new AccountNotFoundError(accountId);
    return state;
  }

  async listApprovals(accountId: string, page: PageRequest): Promise<Page<ApprovalRecord> | null> {
    checkPageLimit(page.limit);
    await this.ready();
    // The index holds only flushed batches, so this never returns unsaved records.
    return this.requireLog().listApprovals(accountId, page);
  }

  async setOutcome(accountId: string, approvalId: string, outcome: ApprovalOutcome): Promise<SetOutcomeResult> {
    for (;;) {
      await this.ready();
      const log = this.requireLog();
      const known = log.outcomeOf(accountId, approvalId);
      const pendingOwner = this.pendingOutcomes.get(approvalId);

      if (known === undefined) {
        // The approval may sit in a batch that is still being written.
        if (this.pendingApprovalIds.has(approvalId)) {
          await this.commit.settled();
          continue;
        }
        return { kind: 'not_found' };
      }

      if (known !== null || pendingOwner !== undefined) {
        await this.commit.settled();
        const approval = await log.readApproval(accountId, approvalId);
        // A null outcome here means the batch that set it failed, so try again.
        if (approval && approval.outcome !== null) return { kind: 'already_set', approval };
        continue;
      }

      this.pendingOutcomes.set(approvalId, accountId);
      await this.submit({ entries: [{ type: 'outcome', accountId, approvalId, outcome }], outcomeIds: [approvalId] });
      const approval = await this.requireLog().readApproval(accountId, approvalId);
      if (!approval) throw new StoreUnavailableError(`Failed to read approval "${approvalId}" back after setting its outcome.`);
      return { kind: 'set', approval };
    }
  }

  async updateDelivery(accountId: string, deliveryId: string, change: DeliveryChange): Promise<DeliveryRecord | null> {
    await this.ready();
    const state = this.working.accounts[accountId];
    const index = state?.deliveries.findIndex((delivery) => delivery.id === deliveryId) ?? -1;
    if (!state || index === -1) {
      await this.commit.settled();
      return null;
    }

    const updated = parseRecord(deliveryRecordSchema, { ...state.deliveries[index], ...change, id: deliveryId, accountId }, `delivery "${deliveryId}"`);
    state.deliveries[index] = updated;
    await this.submit({ changedAccountIds: [accountId] });
    return structuredClone(updated);
  }

  async appendSupportEvent(event: SupportEvent): Promise<void> {
    await this.ready();
    const parsed = this.checkSupportEvent(event);
    await this.submit({ entries: [{ type: 'support', event: parsed }], supportIds: [parsed.id] });
  }

  async listSupportEvents(filter: SupportEventFilter, page: PageRequest): Promise<Page<SupportEvent> | null> {
    checkPageLimit(page.limit);
    await this.ready();
    return this.requireLog().listSupportEvents(filter, page);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.commit.settled();
    try {
      await this.writer.stop();
    } catch (error) {
      this.options.logger?.warn({ file: this.file, err: error }, 'Failed to write the store document at close. The next open replays the audit log instead');
    }
    await this.log?.close();
    this.log = null;
  }

  private insertAccount(account: Account): void {
    const parsed = parseRecord(accountSchema, account, `account "${account.id}"`);
    if (Object.hasOwn(this.working.accounts, parsed.id)) throw new InvalidRecordError(`Failed to create account "${parsed.id}": the id is already used.`);
    if (this.accountIdsByKeyHash.has(parsed.apiKeyHash) || this.working.supportKeys.some((key) => key.apiKeyHash === parsed.apiKeyHash)) throw new InvalidRecordError(`Failed to create account "${parsed.id}": another account has the same API key hash.`);
    this.working.accounts[parsed.id] = { account: parsed, codes: [], failures: [], sends: [], deliveries: [] };
    this.accountIdsByKeyHash.set(parsed.apiKeyHash, parsed.id);
  }

  private checkHotState(accountId: string, tx: AccountTransaction): AccountHotState {
    const next = checkHotState(accountId, tx);
    const owner = this.accountIdsByKeyHash.get(next.account.apiKeyHash);
    if (owner !== undefined && owner !== accountId) throw new InvalidRecordError(`Failed to store account "${accountId}": another account has the same API key hash.`);
    return next;
  }

  private checkSupportEvent(event: SupportEvent): SupportEvent {
    const parsed = parseRecord(supportEventSchema, event, `support event "${event.id}"`);
    if (this.requireLog().hasSupportEvent(parsed.id) || this.pendingSupportIds.has(parsed.id)) {
      throw new InvalidRecordError(`Failed to store support event "${parsed.id}": the id is already used.`);
    }
    return parsed;
  }

  private checkApprovals(accountId: string, records: ApprovalRecord[]): ApprovalRecord[] {
    const parsed = checkApprovals(accountId, records);
    const duplicate = parsed.find((record) => this.pendingApprovalIds.has(record.id) || this.requireLog().hasApproval(record.id));
    if (duplicate) throw new InvalidRecordError(`Failed to store approval "${duplicate.id}": the id is already used.`);
    return parsed;
  }

  private submit(partial: Partial<BatchItem>): Promise<void> {
    const item: BatchItem = { entries: [], changedAccountIds: [], changedSupportKeys: false, approvalIds: [], outcomeIds: [], supportIds: [], ...partial };
    for (const id of item.approvalIds) this.pendingApprovalIds.add(id);
    for (const id of item.supportIds) this.pendingSupportIds.add(id);
    return this.commit.submit(item);
  }

  // Writes one batch: its audit lines and the full hot state of every account
  // it changed, then one fdatasync. The batch is durable once that returns,
  // so callers are resolved then, and the document is rewritten later in the
  // background. A crash before the fsync leaves a torn or incomplete batch
  // that the next open cuts off.
  private async flush(items: BatchItem[]): Promise<void> {
    try {
      if (this.failure) throw this.failure;
      const seq = this.seq + 1;
      // Copied before the first await: transactions that arrive during the
      // writes change `working` and belong to the next batch.
      const accounts = [...new Set(items.flatMap((item) => item.changedAccountIds))].map((accountId) => ({
        accountId,
        state: structuredClone(this.working.accounts[accountId]!),
      }));
      const supportKeys = items.some((item) => item.changedSupportKeys) ? structuredClone(this.working.supportKeys) : null;
      const hotState: HotStateEntry[] = accounts.map(({ accountId, state }) => ({ type: 'hot', accountId, state }));
      if (supportKeys) hotState.push({ type: 'supportKeys', keys: supportKeys });
      const entries = [...items.flatMap((item) => item.entries), ...hotState];

      try {
        if (entries.length > 0) await this.requireLog().appendBatch(seq, entries, hotState.length > 0);
        this.seq = seq;
      } catch (error) {
        this.failure = new StoreUnavailableError(`Failed to write the store ${this.file}: ${(error as Error).message}`, { cause: error });
        throw this.failure;
      }

      if (hotState.length > 0) {
        for (const { accountId, state } of accounts) this.durable.accounts[accountId] = state;
        if (supportKeys) this.durable.supportKeys = supportKeys;
        this.durable.committedSeq = seq;
        this.writer.markDirty();
      }
    } finally {
      for (const item of items) {
        for (const id of item.approvalIds) this.pendingApprovalIds.delete(id);
        for (const id of item.outcomeIds) this.pendingOutcomes.delete(id);
        for (const id of item.supportIds) this.pendingSupportIds.delete(id);
      }
    }
  }

  // Waits for a reload after a failed write, so the next change starts from
  // what is on disk.
  private async ready(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError(`Failed to use the store ${this.file}: it is closed.`);
    while (this.failure) {
      this.recovery ??= this.reload().finally(() => {
        this.recovery = null;
      });
      await this.recovery;
    }
  }

  // Rewrites the document from `durable`. JSON.stringify copies it in one
  // synchronous step, and each flush changes it in one synchronous step too,
  // so the file always matches exactly one batch.
  private async writeDocument(): Promise<void> {
    this.db.data = this.durable;
    await this.db.write();
  }

  private async reload(): Promise<void> {
    await this.commit.settled();
    await this.writer.idle();
    await this.log?.close();
    this.log = null;
    try {
      await this.load();
    } catch (error) {
      throw new StoreUnavailableError(`Failed to reload the store ${this.file} after a failed write: ${(error as Error).message}`, { cause: error });
    }
    this.failure = null;
  }

  private requireLog(): AuditLog {
    if (!this.log) throw new StoreUnavailableError(`Failed to use the store ${this.file}: the audit log is not open.`);
    return this.log;
  }
}

// Applies the hot state lines of one logged batch to the document read at
// open. Each line contains a whole account (or the whole support key list), so
// the newest line wins.
function replayHotState(document: HotDocument, entries: readonly HotStateEntry[], file: string, seq: number): void {
  for (const entry of entries) {
    if (entry.type === 'hot') {
      const result = accountHotStateSchema.safeParse(entry.state);
      if (!result.success || result.data.account.id !== entry.accountId) {
        throw new StoreCorruptError(file, `the audit log's hot state of account "${entry.accountId}" in batch ${seq} is invalid: ${result.error?.issues[0]?.message ?? 'the account id differs'}`);
      }
      document.accounts[entry.accountId] = result.data;
    } else {
      const result = hotDocumentSchema.shape.supportKeys.safeParse(entry.keys);
      if (!result.success) throw new StoreCorruptError(file, `the audit log's support keys in batch ${seq} are invalid: ${result.error.issues[0]?.message ?? 'unknown problem'}`);
      document.supportKeys = result.data;
    }
  }
}

// The hot state fields of a draft in the stored key order, without its methods.
function draftHotState(tx: AccountTransaction): AccountHotState {
  return { account: tx.account, codes: tx.codes, failures: tx.failures, sends: tx.sends, deliveries: tx.deliveries };
}
