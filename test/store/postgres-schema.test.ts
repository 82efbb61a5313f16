import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseNewerError, DatabaseOutdatedError, loadMigrations, migrate } from '../../api/store/postgres/migrations.ts';
import { openPostgresAccountStore } from '../../api/store/postgres/postgres-account-store.ts';
import { postgresSkipReason, useTestCluster } from './helpers/postgres.ts';
import { makeAccount, makeApproval } from './helpers/records.ts';

const cluster = useTestCluster();
let databases = 0;

async function withPool<R>(url: string, work: (pool: pg.Pool) => Promise<R>): Promise<R> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

async function newDatabase(): Promise<string> {
  databases += 1;
  return cluster().createDatabase(`schema_${process.pid}_${databases}`);
}

describe.skipIf(postgresSkipReason !== null)('postgres schema', () => {
  it('applies migrations once', async () => {
    const url = await newDatabase();
    const known = (await loadMigrations()).map((migration) => migration.version);

    const first = await withPool(url, (pool) => migrate(pool, 'apply'));
    const second = await withPool(url, (pool) => migrate(pool, 'apply'));
    const rows = await withPool(url, async (pool) => (await pool.query('SELECT version FROM schema_migrations ORDER BY version')).rows);

    expect(first).toEqual(known);
    expect(second).toEqual([]);
    expect(rows.map((row) => row.version)).toEqual(known);
  });

  it('migrates concurrent starts once', async () => {
    const url = await newDatabase();
    const results = await Promise.all([0, 1, 2].map(() => withPool(url, (pool) => migrate(pool, 'apply'))));
    expect(results.flat()).toEqual((await loadMigrations()).map((migration) => migration.version));
  });

  it('stops on a newer database', async () => {
    const url = await newDatabase();
    await withPool(url, (pool) => migrate(pool, 'apply'));
    await withPool(url, (pool) => pool.query(`INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')`));

    await expect(openPostgresAccountStore({ url, migrations: 'apply' })).rejects.toThrow(DatabaseNewerError);
    await expect(openPostgresAccountStore({ url, migrations: 'check' })).rejects.toThrow(/schema version 999/);
  });

  it('stops on an outdated database in check mode', async () => {
    const url = await newDatabase();
    await expect(openPostgresAccountStore({ url, migrations: 'check' })).rejects.toThrow(DatabaseOutdatedError);
  });

  it('limits the API role on approvals', async () => {
    const url = await newDatabase();
    const store = await openPostgresAccountStore({ url, migrations: 'apply' });
    const account = makeAccount();
    const approval = makeApproval(account.id);
    await store.createAccount(account);
    await store.transact(account.id, (tx) => tx.appendApprovals([approval]));
    await store.close();

    const login = `dg_api_${process.pid}_${databases}`;
    await withPool(url, (pool) => pool.query(`CREATE ROLE ${login} LOGIN IN ROLE delete_guard_api`));
    const database = new URL(url).pathname.slice(1);
    const apiStore = await openPostgresAccountStore({ url: cluster().urlFor(database, login), migrations: 'check' });
    const second = makeApproval(account.id);
    await apiStore.transact(account.id, (tx) => tx.appendApprovals([second]));
    const set = await apiStore.setOutcome(account.id, approval.id, { outcome: 'deleted', detail: null, at: 5 });
    await apiStore.close();

    await withPool(cluster().urlFor(database, login), async (pool) => {
      await expect(pool.query('DELETE FROM approvals WHERE id = $1', [approval.id])).rejects.toThrow(/permission denied/);
      await expect(pool.query(`UPDATE approvals SET reason = 'changed' WHERE id = $1`, [approval.id])).rejects.toThrow(/permission denied/);
      await expect(pool.query('UPDATE approvals SET outcome = $2 WHERE id = $1', [approval.id, 'failed'])).rejects.toThrow(/already has an outcome/);
    });
    expect(set.kind).toBe('set');
  });

  it('blocks non-outcome changes for the owner too', async () => {
    const url = await newDatabase();
    const store = await openPostgresAccountStore({ url, migrations: 'apply' });
    const account = makeAccount();
    const approval = makeApproval(account.id);
    await store.createAccount(account);
    await store.transact(account.id, (tx) => tx.appendApprovals([approval]));
    await store.close();

    await withPool(url, async (pool) => {
      await expect(pool.query(`UPDATE approvals SET reason = 'changed' WHERE id = $1`, [approval.id])).rejects.toThrow(/only get an outcome/);
    });
  });
});
