import pg from 'pg';
import type {
  AccountHotState,
  AccountStore,
  AccountTransaction,
  ApprovalOutcome,
  DeliveryChange,
  FailureRecord,
  Page,
  PageRequest,
  SendRecord,
  SetOutcomeResult,
  SupportEventFilter,
} from '../account-store.ts';
import { RECENT_DELIVERIES } from '../account-store.ts';
import { AccountNotFoundError, InvalidRecordError } from '../account-store-errors.ts';
import { checkPageLimit } from '../audit-index.ts';
import { supportEventSchema, type WarningLogger } from '../audit-log.ts';
import { checkApprovals, checkHotState } from '../check-transaction.ts';
import { StoreUnavailableError } from '../errors.ts';
import { parseRecord } from '../json/validate-records.ts';
import { normalizeEmailForSearch } from '../email-search.ts';
import { accountSchema, deliveryRecordSchema, supportKeySchema, type Account, type ApprovalRecord, type DeliveryRecord, type SupportEvent, type SupportKey } from '../schema.ts';
import { migrate, type MigrateMode } from './migrations.ts';
import { createPool } from './pool.ts';
import {
  ACCOUNT_COLUMNS,
  APPROVAL_COLUMNS,
  CODE_COLUMNS,
  DELIVERY_COLUMNS,
  SUPPORT_EVENT_COLUMNS,
  SUPPORT_KEY_COLUMNS,
  accountFromRow,
  accountParams,
  approvalFromRow,
  approvalParams,
  codeFromRow,
  deliveryFromRow,
  deliveryParams,
  supportEventFromRow,
  supportEventParams,
  supportKeyFromRow,
  supportKeyParams,
  toDate,
  valuesList,
} from './rows.ts';
import { writeHotState, type LoadedHotState } from './write-hot-state.ts';

/** Options of {@link openPostgresAccountStore}. */
export interface PostgresStoreOptions {
  /** DATABASE_URL. */
  url: string;
  /** "apply" runs missing migrations at start; "check" only verifies the schema version. */
  migrations: MigrateMode;
  /** Connections at most. */
  maxConnections?: number;
  logger?: WarningLogger;
}

// One number for every Delete Guard process; serializes createFirstAccount.
const FIRST_ACCOUNT_LOCK_KEY = 4_127_553_002;
const UNIQUE_VIOLATION = '23505';

/**
 * Opens the PostgreSQL back end: creates the pool, then applies or checks the
 * migrations. Raises DatabaseNewerError when the database was migrated by a
 * newer Delete Guard.
 */
export async function openPostgresAccountStore(options: PostgresStoreOptions): Promise<AccountStore> {
  const pool = createPool({ url: options.url, ...(options.maxConnections ? { max: options.maxConnections } : {}), ...(options.logger ? { logger: options.logger } : {}) });
  try {
    await migrate(pool, options.migrations);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool, describeUrl(options.url));
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * The PostgreSQL back end. Every transaction locks the account row with
 * SELECT … FOR UPDATE before reading the hot state, so uses, attempts,
 * resend waits and hourly caps hold across any number of API processes.
 */
export class PostgresStore implements AccountStore {
  constructor(
    private readonly pool: pg.Pool,
    readonly description: string,
  ) {}

  async findAccountByKeyHash(apiKeyHash: string): Promise<Account | null> {
    const result = await this.query('find an account', `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE api_key_hash = $1`, [apiKeyHash]);
    return result.rows[0] ? accountFromRow(result.rows[0]) : null;
  }

  async listAccounts(): Promise<Account[]> {
    const result = await this.query('list accounts', `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY position`, []);
    return result.rows.map(accountFromRow);
  }

  async createAccount(account: Account): Promise<void> {
    const parsed = parseRecord(accountSchema, account, `account "${account.id}"`);
    await this.query('create an account', `INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES ${valuesList(1, 10)}`, accountParams(parsed));
  }

  async createFirstAccount(account: Account): Promise<boolean> {
    const parsed = parseRecord(accountSchema, account, `account "${account.id}"`);
    return this.inTransaction('create the first account', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ACCOUNT_LOCK_KEY]);
      const existing = await client.query('SELECT 1 FROM accounts LIMIT 1');
      if (existing.rowCount) return false;
      await client.query(`INSERT INTO accounts (${ACCOUNT_COLUMNS}) VALUES ${valuesList(1, 10)}`, accountParams(parsed));
      return true;
    });
  }

  async findAccountsByEmail(email: string): Promise<Account[]> {
    const wanted = normalizeEmailForSearch(email);
    // The indexes on lower(...) find the candidates; the exact rule, which keeps the local part's case, runs here.
    const result = await this.query(
      'search accounts by email',
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE lower(registered_email) = lower($1) OR lower(company_email) = lower($1) ORDER BY position`,
      [wanted],
    );
    return result.rows
      .map(accountFromRow)
      .filter((account) => normalizeEmailForSearch(account.registeredEmail) === wanted || (account.companyEmail !== null && normalizeEmailForSearch(account.companyEmail) === wanted));
  }

  async findSupportKeyByHash(apiKeyHash: string): Promise<SupportKey | null> {
    const result = await this.query('find a support key', `SELECT ${SUPPORT_KEY_COLUMNS} FROM support_keys WHERE api_key_hash = $1`, [apiKeyHash]);
    return result.rows[0] ? supportKeyFromRow(result.rows[0]) : null;
  }

  async listSupportKeys(): Promise<SupportKey[]> {
    const result = await this.query('list support keys', `SELECT ${SUPPORT_KEY_COLUMNS} FROM support_keys ORDER BY position`, []);
    return result.rows.map(supportKeyFromRow);
  }

  async createSupportKey(supportKey: SupportKey): Promise<void> {
    const parsed = parseRecord(supportKeySchema, supportKey, `support key "${supportKey.id}"`);
    await this.query('create a support key', `INSERT INTO support_keys (${SUPPORT_KEY_COLUMNS}) VALUES ${valuesList(1, 5)}`, supportKeyParams(parsed));
  }

  async transact<R>(accountId: string, change: (tx: AccountTransaction) => R): Promise<R> {
    return this.inTransaction('run a transaction', async (client) => {
      const loaded = await loadHotState(client, accountId);
      const appended: ApprovalRecord[] = [];
      const appendedEvents: SupportEvent[] = [];
      const tx: AccountTransaction = Object.assign(loaded.state, {
        appendApprovals(records: readonly ApprovalRecord[]) {
          for (const record of records) appended.push(structuredClone(record));
        },
        appendSupportEvents(events: readonly SupportEvent[]) {
          for (const event of events) appendedEvents.push(structuredClone(event));
        },
      });
      let result: R;
      try {
        result = change(tx);
      } catch (error) {
        throw new ChangeError(error);
      }
      if (result instanceof Promise) throw new TypeError('Failed to run the transaction: the change function must be synchronous.');
      const next = checkHotState(accountId, tx);
      const approvals = checkApprovals(accountId, appended);
      const supportEvents = appendedEvents.map((event) => parseRecord(supportEventSchema, event, `support event "${event.id}"`));

      await writeHotState(client, loaded, next, { sends: tx.sends, failures: tx.failures });
      if (approvals.length > 0) {
        await client.query(`INSERT INTO approvals (${APPROVAL_COLUMNS}) VALUES ${valuesList(approvals.length, 14)}`, approvals.flatMap(approvalParams));
      }
      if (supportEvents.length > 0) {
        await client.query(`INSERT INTO support_events (${SUPPORT_EVENT_COLUMNS}) VALUES ${valuesList(supportEvents.length, 7)}`, supportEvents.flatMap(supportEventParams));
      }
      return result;
    });
  }

  async readHotState(accountId: string): Promise<AccountHotState> {
    // One snapshot for the five reads, so they agree with each other.
    const loaded = await this.inTransaction('read the account state', (client) => loadHotState(client, accountId, { lock: false }), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return loaded.state;
  }

  async listApprovals(accountId: string, page: PageRequest): Promise<Page<ApprovalRecord> | null> {
    return this.listPage('approvals', APPROVAL_COLUMNS, approvalFromRow, accountId, page);
  }

  async setOutcome(accountId: string, approvalId: string, outcome: ApprovalOutcome): Promise<SetOutcomeResult> {
    // One conditional UPDATE: of two concurrent calls exactly one matches "outcome IS NULL".
    const updated = await this.query(
      'set an outcome',
      `UPDATE approvals SET outcome = $3, outcome_detail = $4, outcome_at = $5
       WHERE id = $1 AND account_id = $2 AND outcome IS NULL RETURNING ${APPROVAL_COLUMNS}`,
      [approvalId, accountId, outcome.outcome, outcome.detail, toDate(outcome.at)],
    );
    if (updated.rows[0]) return { kind: 'set', approval: approvalFromRow(updated.rows[0]) };

    const existing = await this.query('read an approval', `SELECT ${APPROVAL_COLUMNS} FROM approvals WHERE id = $1 AND account_id = $2`, [approvalId, accountId]);
    return existing.rows[0] ? { kind: 'already_set', approval: approvalFromRow(existing.rows[0]) } : { kind: 'not_found' };
  }

  async updateDelivery(accountId: string, deliveryId: string, change: DeliveryChange): Promise<DeliveryRecord | null> {
    return this.inTransaction('update a delivery', async (client) => {
      const current = await client.query(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = $1 AND account_id = $2 FOR UPDATE`, [deliveryId, accountId]);
      if (!current.rows[0]) return null;
      const updated = parseRecord(deliveryRecordSchema, { ...deliveryFromRow(current.rows[0]), ...change, id: deliveryId, accountId }, `delivery "${deliveryId}"`);
      const columns = DELIVERY_COLUMNS.split(', ');
      const assignments = columns.slice(2).map((column, index) => `${column} = $${index + 3}`);
      await client.query(`UPDATE deliveries SET ${assignments.join(', ')} WHERE id = $1 AND account_id = $2`, deliveryParams(updated));
      return updated;
    });
  }

  async appendSupportEvent(event: SupportEvent): Promise<void> {
    const parsed = parseRecord(supportEventSchema, event, `support event "${event.id}"`);
    await this.query('append a support event', `INSERT INTO support_events (${SUPPORT_EVENT_COLUMNS}) VALUES ${valuesList(1, 7)}`, supportEventParams(parsed));
  }

  async listSupportEvents(filter: SupportEventFilter, page: PageRequest): Promise<Page<SupportEvent> | null> {
    checkPageLimit(page.limit);
    const about = '($1::text IS NULL OR account_id = $1 OR matched_account_ids @> ARRAY[$1::text])';
    const accountId = filter.accountId ?? null;
    let cursor: string | null = null;
    if (page.before !== undefined) {
      const found = await this.query('find the page cursor', `SELECT seq::text AS seq FROM support_events WHERE id = $2 AND ${about}`, [accountId, page.before]);
      if (!found.rows[0]) return null;
      cursor = found.rows[0].seq as string;
    }
    const result = await this.query(
      'list support events',
      `SELECT ${SUPPORT_EVENT_COLUMNS} FROM support_events WHERE ${about} AND ($2::bigint IS NULL OR seq < $2::bigint) ORDER BY seq DESC LIMIT $3`,
      [accountId, cursor, page.limit + 1],
    );
    const items = result.rows.slice(0, page.limit).map(supportEventFromRow);
    const more = result.rows.length > page.limit;
    return { items, nextBefore: more && items.length > 0 ? items[items.length - 1]!.id : null };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  // Keyset paging on the identity column: the cursor id is looked up once,
  // then the index on (account_id, seq) returns the page without OFFSET.
  private async listPage<T extends { id: string }>(
    table: 'approvals',
    columns: string,
    fromRow: (row: Record<string, unknown>) => T,
    accountId: string,
    page: PageRequest,
  ): Promise<Page<T> | null> {
    checkPageLimit(page.limit);
    let cursor: string | null = null;
    if (page.before !== undefined) {
      const found = await this.query(`find the page cursor`, `SELECT seq::text AS seq FROM ${table} WHERE id = $1 AND account_id = $2`, [page.before, accountId]);
      if (!found.rows[0]) return null;
      cursor = found.rows[0].seq as string;
    }
    const result = await this.query(
      `list ${table.replace('_', ' ')}`,
      `SELECT ${columns} FROM ${table} WHERE account_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint) ORDER BY seq DESC LIMIT $3`,
      [accountId, cursor, page.limit + 1],
    );
    const items = result.rows.slice(0, page.limit).map(fromRow);
    const more = result.rows.length > page.limit;
    return { items, nextBefore: more && items.length > 0 ? items[items.length - 1]!.id : null };
  }

  private async query(action: string, sql: string, params: unknown[]): Promise<pg.QueryResult<Record<string, unknown>>> {
    try {
      return await this.pool.query(sql, params);
    } catch (error) {
      throw translateError(action, error);
    }
  }

  private async inTransaction<R>(action: string, work: (client: pg.PoolClient) => Promise<R>, begin = 'BEGIN'): Promise<R> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translateError(action, error);
    }
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw translateError(action, error);
    } finally {
      client.release();
    }
  }
}

async function loadHotState(client: pg.PoolClient, accountId: string, options: { lock: boolean } = { lock: true }): Promise<LoadedHotState> {
  const accountResult = await client.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [accountId]);
  if (!accountResult.rows[0]) throw new AccountNotFoundError(accountId);
  const account = accountFromRow(accountResult.rows[0]);
  const codes = (await client.query(`SELECT ${CODE_COLUMNS} FROM codes WHERE account_id = $1 ORDER BY issued_at, id`, [accountId])).rows.map(codeFromRow);
  const deliveries = (
    await client.query(`SELECT ${DELIVERY_COLUMNS} FROM (SELECT * FROM deliveries WHERE account_id = $1 ORDER BY seq DESC LIMIT $2) AS recent ORDER BY seq`, [
      accountId,
      RECENT_DELIVERIES,
    ])
  ).rows.map(deliveryFromRow);
  const sendRows = (await client.query('SELECT seq::text AS seq, at, kind, failed FROM send_events WHERE account_id = $1 ORDER BY seq', [accountId])).rows;
  const failureRows = (await client.query('SELECT seq::text AS seq, at FROM failure_events WHERE account_id = $1 ORDER BY seq', [accountId])).rows;

  const before = new Map<string, string>();
  const sendSeqs = new Map<SendRecord, string>();
  const failureSeqs = new Map<FailureRecord, string>();
  const sends = sendRows.map((row) => {
    const send: SendRecord = { accountId, at: (row.at as Date).getTime(), kind: row.kind as SendRecord['kind'], failed: row.failed as boolean };
    sendSeqs.set(send, row.seq as string);
    before.set(`send_events:${row.seq as string}`, JSON.stringify(send));
    return send;
  });
  const failures = failureRows.map((row) => {
    const failure: FailureRecord = { accountId, at: (row.at as Date).getTime() };
    failureSeqs.set(failure, row.seq as string);
    before.set(`failure_events:${row.seq as string}`, JSON.stringify(failure));
    return failure;
  });
  before.set('account', JSON.stringify(account));
  for (const code of codes) before.set(`code:${code.id}`, JSON.stringify(code));
  for (const delivery of deliveries) before.set(`delivery:${delivery.id}`, JSON.stringify(delivery));

  return { state: { account, codes, failures, sends, deliveries }, sendSeqs, failureSeqs, before };
}

/** Carries an error thrown by the caller's change function through the rollback unchanged. */
class ChangeError extends Error {
  constructor(readonly original: unknown) {
    super('The change function failed.');
  }
}

function translateError(action: string, error: unknown): unknown {
  if (error instanceof ChangeError) return error.original;
  if (error instanceof AccountNotFoundError || error instanceof InvalidRecordError || error instanceof StoreUnavailableError || error instanceof TypeError) return error;
  if (error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION) {
    return new InvalidRecordError(`Failed to ${action}: ${error.message} (${error.detail ?? 'duplicate key'}).`);
  }
  return new StoreUnavailableError(`Failed to ${action} in PostgreSQL: ${(error as Error).message}`, { cause: error });
}
