import pg from 'pg';
import { afterAll } from 'vitest';
import type { AccountStore } from '../../../api/store/account-store.ts';
import { openJsonAccountStore } from '../../../api/store/json/json-account-store.ts';
import { migrate } from '../../../api/store/postgres/migrations.ts';
import { openPostgresAccountStore } from '../../../api/store/postgres/postgres-account-store.ts';
import { findPostgresBin, startTestCluster, type TestCluster } from '../../../scripts/pg-test-cluster.ts';
import { setFileSizeLimit } from '../../reliability/helpers/file-size-limit.ts';

/**
 * The back end the API tests run on: DELETE_GUARD_TEST_STORE=postgres runs
 * them on PostgreSQL (the "api-postgres" project of vitest.config.ts does
 * that), anything else on the JSON store.
 */
export const TEST_BACKEND: 'json' | 'postgres' = process.env.DELETE_GUARD_TEST_STORE === 'postgres' ? 'postgres' : 'json';

/** A store for one test, with a way to make its writes fail like a full disk or a database outage. */
export interface TestStore {
  store: AccountStore;
  /** DATABASE_URL of the test's own database; undefined on the JSON store. */
  databaseUrl: string | undefined;
  /** Makes every later read and write fail until {@link repair}. */
  breakStorage(): Promise<void>;
  repair(): Promise<void>;
  close(): Promise<void>;
}

let cluster: Promise<TestCluster> | undefined;
let databases = 0;
const TEMPLATE = 'dg_api_template';

// One cluster per test file, started on first use: initdb takes a second or
// two. Every test gets its own database, copied from a migrated template.
function useCluster(): Promise<TestCluster> {
  if (!cluster) {
    if (!findPostgresBin()) throw new Error('Failed to run the API tests on PostgreSQL: initdb and pg_ctl were not found. Install the "postgresql" package or set PG_BIN.');
    cluster = (async () => {
      const started = await startTestCluster();
      const url = await started.createDatabase(TEMPLATE);
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      try {
        await migrate(pool, 'apply');
      } finally {
        await pool.end();
      }
      return started;
    })();
  }
  return cluster;
}

// Registered in every file that imports this helper; it stops the cluster only when one was started.
afterAll(async () => {
  await (await cluster)?.stop();
  cluster = undefined;
}, 60_000);

/** Creates a new empty database of the file's cluster and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const started = await useCluster();
  databases += 1;
  const name = `dg_api_${process.pid}_${databases}`;
  await adminQuery(started, `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${TEMPLATE}`);
  return started.urlFor(name, 'postgres');
}

/** Opens an empty store of the test back end; the JSON store's file is `dataFile`. */
export async function openTestStore(dataFile: string): Promise<TestStore> {
  if (TEST_BACKEND === 'json') {
    const store = await openJsonAccountStore({ file: dataFile });
    return {
      store,
      databaseUrl: undefined,
      // A file size limit of one byte on this test process makes every audit
      // log append fail with EFBIG, and the log decides what is saved. Because
      // the document is written in the background, a broken document alone rejects nothing.
      breakStorage: () => setFileSizeLimit(process.pid, 1),
      repair: () => setFileSizeLimit(process.pid, null),
      close: () => store.close(),
    };
  }

  const databaseUrl = await createTestDatabase();
  const started = await useCluster();
  const name = new URL(databaseUrl).pathname.slice(1);
  const store = await openPostgresAccountStore({ url: databaseUrl, migrations: 'check', maxConnections: 20 });
  return {
    store,
    databaseUrl,
    // Refusing new connections and ending the open ones is what a database restart looks like to the pool.
    async breakStorage() {
      await adminQuery(started, `ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS false`);
      await adminQuery(started, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
    },
    async repair() {
      await adminQuery(started, `ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS true`);
    },
    close: () => store.close(),
  };
}

async function adminQuery(started: TestCluster, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: started.adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Returns the environment that points an API process or startApi at the test back end. */
export function storeEnv(databaseUrl: string | undefined): Record<string, string> {
  return databaseUrl ? { DATABASE_URL: databaseUrl, DELETE_GUARD_SECRET: 'test-secret-0123456789abcdef0123456789abcdef' } : {};
}
