import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../api/logger.ts';
import { openAccountStore } from '../../api/store/open-account-store.ts';
import { openPostgresAccountStore } from '../../api/store/postgres/postgres-account-store.ts';
import { createEmptyData, type Data } from '../../api/store/schema.ts';
import { makeAccount, makeApproval, makeCode } from '../store/helpers/records.ts';
import { runTsx } from './helpers/processes.ts';
import { createTestDatabase } from './helpers/test-store.ts';

let dir: string;
let file: string;
const logLines: string[] = [];
const logger = createLogger({ level: 'info', destination: { write: (line: string) => void logLines.push(line) } });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delete-guard-store-'));
  file = join(dir, 'data.json');
  logLines.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Builds a version 1 data file with one account, a code, an approval with its outcome and support records. */
function makeV1Data(): Data {
  const account = makeAccount();
  const data = createEmptyData();
  data.accounts.push(account);
  data.codes.push(makeCode(account.id, 50, { usesLeft: 48 }));
  data.sends.push({ accountId: account.id, at: 1_700_000_000_000, kind: 'otp', failed: false });
  data.failures.push({ accountId: account.id, at: 1_700_000_000_100 });
  data.deliveries.push({ id: 'dlv_1', accountId: account.id, kind: 'otp', to: 'team@example.test', at: 1_700_000_000_000, status: 'sent', detail: null });
  data.approvals.push(makeApproval(account.id), makeApproval(account.id, { outcome: 'deleted', outcomeDetail: null, outcomeAt: 1_700_000_002_000 }));
  data.supportKeys.push({ id: 'sup_1', name: 'Ana', apiKeyHash: 'f'.repeat(64), role: 'support', createdAt: 1_700_000_000_000 });
  data.supportEvents.push({ id: 'sev_1', supportKeyId: 'sup_1', action: 'search_accounts', accountId: null, matchedAccountIds: [account.id], at: 1_700_000_003_000 });
  return data;
}

describe('version 1 data file', () => {
  it('converts once, keeping a backup', async () => {
    const data = makeV1Data();
    const original = JSON.stringify(data, null, 2);
    await writeFile(file, original);

    const opened = await openAccountStore({ dataFile: file, logger });
    const accountId = data.accounts[0]!.id;
    const state = await opened.store.transact(accountId, (tx) => structuredClone({ codes: tx.codes, sends: tx.sends, failures: tx.failures, deliveries: tx.deliveries }));
    const approvals = (await opened.store.listApprovals(accountId, { limit: 10 }))!.items;
    const events = (await opened.store.listSupportEvents({ accountId }, { limit: 10 }))!.items;
    const keys = await opened.store.listSupportKeys();
    await opened.close();

    expect(state).toEqual({ codes: data.codes, sends: data.sends, failures: data.failures, deliveries: data.deliveries });
    expect(approvals).toEqual([...data.approvals].reverse());
    expect(events).toEqual(data.supportEvents);
    expect(keys).toEqual(data.supportKeys);
    expect(await readFile(`${file}.v1.bak`, 'utf8')).toBe(original);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('committedSeq');
    expect((await readdir(dir)).filter((name) => name.startsWith('data.audit.'))).toHaveLength(1);
    expect(logLines.filter((line) => line.includes('Converted the data file'))).toHaveLength(1);

    const reopened = await openAccountStore({ dataFile: file, logger });
    expect((await reopened.store.listApprovals(accountId, { limit: 10 }))!.items).toHaveLength(2);
    await reopened.close();
    expect(logLines.filter((line) => line.includes('Converted the data file'))).toHaveLength(1);
  });

  it('converts again after an interrupted conversion', async () => {
    const data = makeV1Data();
    await writeFile(file, JSON.stringify(data));
    // A conversion that stopped after moving its segment but before renaming the document.
    await writeFile(join(dir, 'data.audit.000001.jsonl'), '{"t":"approval","seq":1,"r":{"id":"del_stale"');

    const opened = await openAccountStore({ dataFile: file, logger });
    expect((await opened.store.listApprovals(data.accounts[0]!.id, { limit: 10 }))!.items).toHaveLength(2);
    await opened.close();
  });

  it('refuses to start on an invalid file', async () => {
    await writeFile(file, '{"version": 1, "accounts": "none"}');
    await expect(openAccountStore({ dataFile: file, logger })).rejects.toThrow(file);
    expect(await readFile(file, 'utf8')).toBe('{"version": 1, "accounts": "none"}');
  });
});

describe('store:copy', () => {
  it('copies a JSON store into an empty database only', { timeout: 60_000 }, async () => {
    const data = makeV1Data();
    await writeFile(file, JSON.stringify(data));
    const databaseUrl = await createTestDatabase();
    const env = { DELETE_GUARD_DATA: file, DATABASE_URL: databaseUrl };

    const copy = runTsx('api/cli/store-copy.ts', ['--from', 'file', '--to', 'postgres'], env);
    expect(await copy.exited, copy.stderr()).toBe(0);
    expect(JSON.parse(copy.stdout()).copied).toMatchObject({ accounts: 1, approvals: 2, supportKeys: 1, supportEvents: 1, codes: 1, deliveries: 1 });

    const store = await openPostgresAccountStore({ url: databaseUrl, migrations: 'check' });
    const accountId = data.accounts[0]!.id;
    expect(await store.listAccounts()).toEqual(data.accounts);
    expect((await store.listApprovals(accountId, { limit: 10 }))!.items).toEqual([...data.approvals].reverse());
    expect(await store.transact(accountId, (tx) => structuredClone({ codes: tx.codes, sends: tx.sends, failures: tx.failures }))).toEqual({
      codes: data.codes,
      sends: data.sends,
      failures: data.failures,
    });
    expect((await store.listSupportEvents({}, { limit: 10 }))!.items).toEqual(data.supportEvents);
    expect(await store.findSupportKeyByHash('f'.repeat(64))).toEqual(data.supportKeys[0]);
    await store.close();

    const again = runTsx('api/cli/store-copy.ts', ['--from', 'file', '--to', 'postgres'], env);
    expect(await again.exited).toBe(1);
    expect(again.stderr()).toContain('is not empty (1 accounts, 1 support keys)');
  });
});
