import type { Account, ApprovalRecord, CodeRecord, DeliveryRecord, SupportEvent, SupportKey } from './schema.ts';
import type { z } from 'zod';
import type { failureSchema, sendSchema } from './schema.ts';

/** One wrong code check, counted for the hourly per-account failure cap. */
export type FailureRecord = z.infer<typeof failureSchema>;
/** One email send, counted for the resend wait and the hourly send cap. */
export type SendRecord = z.infer<typeof sendSchema>;

/** How many of an account's newest deliveries every back end keeps in its hot state. */
export const RECENT_DELIVERIES = 20;

/**
 * The state of one account that every request reads and changes. It contains
 * the account (with the pending company email), its codes with their uses and
 * wrong-attempt counts, the failures and sends of the rate limits, and the
 * newest deliveries, oldest first.
 */
export interface AccountHotState {
  account: Account;
  codes: CodeRecord[];
  failures: FailureRecord[];
  sends: SendRecord[];
  /** The newest RECENT_DELIVERIES deliveries at most, oldest first. */
  deliveries: DeliveryRecord[];
}

/**
 * A draft of one account's hot state inside {@link AccountStore.transact}.
 * Change the fields in place or assign new arrays. When the function returns,
 * every change and every appended approval is stored together. When it
 * throws, none of them is.
 */
export interface AccountTransaction extends AccountHotState {
  /** Adds approvals of this account to the audit trail in the same commit. */
  appendApprovals(records: readonly ApprovalRecord[]): void;
  /** Adds support events to the support audit trail in the same commit. */
  appendSupportEvents(events: readonly SupportEvent[]): void;
}

/** One page of a newest-first listing. */
export interface Page<T> {
  items: T[];
  /** Id of the last item, to pass as `before` for the next page; null on the last page. */
  nextBefore: string | null;
}

/** Keyset paging request: `before` is the id of the last item of the previous page. */
export interface PageRequest {
  before?: string;
  limit: number;
}

/** Outcome of an approved deletion in the CRM, as the extension reports it. */
export interface ApprovalOutcome {
  outcome: 'deleted' | 'failed';
  detail: string | null;
  at: number;
}

/** Result of {@link AccountStore.setOutcome}. */
export type SetOutcomeResult =
  | { kind: 'set'; approval: ApprovalRecord }
  | { kind: 'already_set'; approval: ApprovalRecord }
  | { kind: 'not_found' };

/** The fields of a delivery that may change after it was recorded. */
export type DeliveryChange = Partial<Omit<DeliveryRecord, 'id' | 'accountId'>>;

/** One action of a support key, kept append-only: the support audit trail. */
export type { SupportEvent, SupportKey };

/** Filter for {@link AccountStore.listSupportEvents}. */
export interface SupportEventFilter {
  /**
   * Only the events about this account: those whose `accountId` it is and
   * searches whose `matchedAccountIds` contain it. Without it, every event.
   */
  accountId?: string;
}

/**
 * Storage of Delete Guard scoped by account, implemented by the JSON back end
 * (one process) and the PostgreSQL back end (any number of processes).
 * Every method resolves only once its change is durable.
 */
export interface AccountStore {
  /** Name of the back end and its location, for logs and messages. */
  readonly description: string;

  /** Finds the account whose API key hashes to `apiKeyHash`. */
  findAccountByKeyHash(apiKeyHash: string): Promise<Account | null>;
  /** Lists every account, oldest first. */
  listAccounts(): Promise<Account[]>;
  /** Adds an account; raises when its id or key hash is taken. */
  createAccount(account: Account): Promise<void>;
  /** Adds the account only when no account exists yet; returns whether it did. */
  createFirstAccount(account: Account): Promise<boolean>;
  /**
   * Finds the accounts whose registered or company email equals `email`
   * after trimming and lower-casing the domain (the local part keeps its case).
   */
  findAccountsByEmail(email: string): Promise<Account[]>;

  /** Finds the support key whose key hashes to `apiKeyHash`. */
  findSupportKeyByHash(apiKeyHash: string): Promise<SupportKey | null>;
  /** Lists every support key, oldest first. */
  listSupportKeys(): Promise<SupportKey[]>;
  /** Adds a support key; raises when its id or key hash is taken. */
  createSupportKey(supportKey: SupportKey): Promise<void>;

  /**
   * Reads a copy of the account's hot state without locking it, for requests
   * that change nothing. Raises AccountNotFoundError for an unknown account.
   * On PostgreSQL this skips the row lock of `transact`, whose commit waits
   * for a WAL flush even when nothing changed.
   */
  readHotState(accountId: string): Promise<AccountHotState>;

  /**
   * Runs `change` on a draft of the account's hot state and stores the result
   * with the approvals it appended, all or nothing. Calls for one account run
   * one after another, also across processes with PostgreSQL. `change` must be
   * synchronous. Raises AccountNotFoundError for an unknown account, and
   * raises whatever `change` throws after discarding the draft.
   */
  transact<R>(accountId: string, change: (tx: AccountTransaction) => R): Promise<R>;

  /**
   * Lists the account's approvals newest first. Returns null when `before` is
   * not the id of one of this account's approvals.
   */
  listApprovals(accountId: string, page: PageRequest): Promise<Page<ApprovalRecord> | null>;
  /** Sets the outcome of an approval of this account, only when none is set yet. */
  setOutcome(accountId: string, approvalId: string, outcome: ApprovalOutcome): Promise<SetOutcomeResult>;

  /** Changes one delivery of the account; returns the new record or null when it is not found. */
  updateDelivery(accountId: string, deliveryId: string, change: DeliveryChange): Promise<DeliveryRecord | null>;

  /** Appends a support event. */
  appendSupportEvent(event: SupportEvent): Promise<void>;
  /** Lists support events newest first; null when `before` is not one of the listed events. */
  listSupportEvents(filter: SupportEventFilter, page: PageRequest): Promise<Page<SupportEvent> | null>;

  /** Waits for pending writes and releases files or connections. */
  close(): Promise<void>;
}
