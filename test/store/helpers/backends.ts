import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountStore } from '../../../api/store/account-store.ts';
import { openJsonAccountStore } from '../../../api/store/json/json-account-store.ts';
import { openPostgresAccountStore } from '../../../api/store/postgres/postgres-account-store.ts';
import type { TestCluster } from '../../../scripts/pg-test-cluster.ts';

/** Opens fresh, empty stores of one back end and cleans them up. */
export interface Backend {
  name: string;
  /** Opens a new empty store. */
  open(): Promise<AccountStore>;
  /** Opens a second handle on the store last opened (a second process or instance). */
  openAgain(): Promise<AccountStore>;
  cleanup(): Promise<void>;
}

/** Creates the JSON back end, with each store in a new temporary directory. */
export function jsonBackend(): Backend {
  const directories: string[] = [];
  let file = '';
  return {
    name: 'json',
    async open() {
      const directory = await mkdtemp(join(tmpdir(), 'delete-guard-json-store-'));
      directories.push(directory);
      file = join(directory, 'store.json');
      return openJsonAccountStore({ file });
    },
    openAgain: () => openJsonAccountStore({ file }),
    async cleanup() {
      await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
    },
  };
}

/** Creates the PostgreSQL back end, with each store in a new database of the test cluster. */
export function postgresBackend(cluster: () => TestCluster): Backend {
  let databases = 0;
  let url = '';
  return {
    name: 'postgres',
    async open() {
      databases += 1;
      url = await cluster().createDatabase(`store_${process.pid}_${databases}`);
      return openPostgresAccountStore({ url, migrations: 'apply' });
    },
    openAgain: () => openPostgresAccountStore({ url, migrations: 'check' }),
    cleanup: async () => undefined,
  };
}
