import type pg from 'pg';
import type { AccountHotState, FailureRecord, SendRecord } from '../account-store.ts';
import type { CodeRecord, DeliveryRecord } from '../schema.ts';
import { ACCOUNT_COLUMNS, CODE_COLUMNS, DELIVERY_COLUMNS, accountParams, codeParams, deliveryParams, toDate, valuesList } from './rows.ts';

/**
 * The hot state as loaded inside a transaction (then changed in place as the
 * draft), with the row ids of the events. Sends and failures have no id of their own, so each loaded object
 * is remembered with its row's `seq` to tell kept, changed and removed rows apart.
 */
export interface LoadedHotState {
  state: AccountHotState;
  sendSeqs: Map<SendRecord, string>;
  failureSeqs: Map<FailureRecord, string>;
  /** JSON of every loaded record, keyed by id or seq, to find the changed ones. */
  before: Map<string, string>;
}

/**
 * Writes the difference between the loaded hot state and `next` in the open
 * transaction: changed rows are updated, new ones inserted, removed ones
 * deleted. Runs under the account row lock, so nothing changed them meanwhile.
 * `next` is the validated copy. `draft` contains the transaction's own event
 * objects, in the same order, whose identity tells which rows they came from.
 */
export async function writeHotState(
  client: pg.PoolClient,
  loaded: LoadedHotState,
  next: AccountHotState,
  draft: Pick<AccountHotState, 'sends' | 'failures'>,
): Promise<void> {
  const { before } = loaded;
  const accountId = next.account.id;

  if (JSON.stringify(next.account) !== before.get('account')) {
    const params = accountParams(next.account);
    const columns = ACCOUNT_COLUMNS.split(', ');
    const assignments = columns.slice(1).map((column, index) => `${column} = $${index + 2}`);
    await client.query(`UPDATE accounts SET ${assignments.join(', ')} WHERE id = $1`, params);
  }

  await writeById(client, 'codes', CODE_COLUMNS, codeParams, next.codes, before, 'code');
  await writeById(client, 'deliveries', DELIVERY_COLUMNS, deliveryParams, next.deliveries, before, 'delivery');

  await writeEvents(client, 'send_events', loaded.sendSeqs, draft.sends, next.sends, before, (send) => ({
    columns: 'account_id, at, kind, failed',
    params: [accountId, toDate(send.at), send.kind, send.failed],
  }));
  await writeEvents(client, 'failure_events', loaded.failureSeqs, draft.failures, next.failures, before, (failure) => ({
    columns: 'account_id, at',
    params: [accountId, toDate(failure.at)],
  }));
}

async function writeById<T extends CodeRecord | DeliveryRecord>(
  client: pg.PoolClient,
  table: string,
  columnList: string,
  toParams: (record: T) => unknown[],
  next: readonly T[],
  before: Map<string, string>,
  prefix: string,
): Promise<void> {
  const columns = columnList.split(', ');
  const inserts: T[] = [];
  const nextIds = new Set<string>();
  for (const record of next) {
    nextIds.add(record.id);
    const previous = before.get(`${prefix}:${record.id}`);
    if (previous === undefined) inserts.push(record);
    else if (previous !== JSON.stringify(record)) {
      const assignments = columns.slice(2).map((column, index) => `${column} = $${index + 3}`);
      await client.query(`UPDATE ${table} SET ${assignments.join(', ')} WHERE id = $1 AND account_id = $2`, toParams(record));
    }
  }

  const loadedIds = [...before.keys()].filter((key) => key.startsWith(`${prefix}:`)).map((key) => key.slice(prefix.length + 1));
  const removed = loadedIds.filter((id) => !nextIds.has(id));
  if (removed.length > 0) await client.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [removed]);
  if (inserts.length > 0) {
    await client.query(`INSERT INTO ${table} (${columnList}) VALUES ${valuesList(inserts.length, columns.length)}`, inserts.flatMap(toParams));
  }
}

async function writeEvents<T extends object>(
  client: pg.PoolClient,
  table: string,
  seqs: Map<T, string>,
  identities: readonly T[],
  next: readonly T[],
  before: Map<string, string>,
  toRow: (event: T) => { columns: string; params: unknown[] },
): Promise<void> {
  const kept = new Set<string>();
  for (const [index, event] of next.entries()) {
    const seq = seqs.get(identities[index]!);
    if (seq === undefined || kept.has(seq)) {
      const { columns, params } = toRow(event);
      await client.query(`INSERT INTO ${table} (${columns}) VALUES ${valuesList(1, params.length)}`, params);
      continue;
    }
    kept.add(seq);
    if (before.get(`${table}:${seq}`) !== JSON.stringify(event)) {
      const { columns, params } = toRow(event);
      const assignments = columns.split(', ').map((column, index) => `${column} = $${index + 2}`);
      await client.query(`UPDATE ${table} SET ${assignments.join(', ')} WHERE seq = $1`, [seq, ...params]);
    }
  }
  const removed = [...seqs.values()].filter((seq) => !kept.has(seq));
  if (removed.length > 0) await client.query(`DELETE FROM ${table} WHERE seq = ANY($1::bigint[])`, [removed]);
}
