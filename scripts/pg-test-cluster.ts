import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A throwaway PostgreSQL server on 127.0.0.1 with its data in a temporary directory. */
export interface TestCluster {
  /** URL of the superuser `postgres` on the `postgres` database. */
  readonly adminUrl: string;
  /** Creates a new empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Builds the URL of a database for another user of the cluster. */
  urlFor(database: string, user: string): string;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

// Debian and Ubuntu keep the server binaries out of PATH, one folder per major version.
const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * Finds the folder with initdb, pg_ctl and postgres: PG_BIN when set, else
 * the newest version under the Debian folder, else null.
 */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  if (existsSync(DEBIAN_ROOT)) {
    const versions = readdirSync(DEBIAN_ROOT)
      .filter((entry) => /^\d+$/.test(entry))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(DEBIAN_ROOT, version, 'bin')));
  }
  return candidates.find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) ?? null;
}

/** Options of {@link startTestCluster}. */
export interface TestClusterOptions {
  /**
   * Keeps PostgreSQL's default fsync, synchronous_commit and full_page_writes,
   * so a commit returns only once it is on disk. Benchmarks need this to
   * compare with the JSON store, which fsyncs every commit. Default false.
   */
  durable?: boolean;
}

/**
 * Starts a cluster: initdb into a new temporary directory, then pg_ctl start
 * on a free loopback port with the unix socket in the same directory.
 * PostgreSQL refuses to run as root, so as root the commands run as the
 * `postgres` system user (created by the Debian package) through runuser.
 * Raises when the binaries are missing; call findPostgresBin first to skip.
 */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('Failed to start a PostgreSQL test cluster: initdb and pg_ctl were not found. Install the "postgresql" package or set PG_BIN.');

  const directory = await mkdtemp(join(tmpdir(), 'dg-pg-'));
  const dataDirectory = join(directory, 'data');
  const runAs = await findRunUser();
  if (runAs) await chown(directory, runAs.uid, runAs.gid);

  const exec = async (tool: string, args: string[]): Promise<void> => {
    const command = runAs ? 'runuser' : join(bin, tool);
    const fullArgs = runAs ? ['-u', runAs.name, '--', join(bin, tool), ...args] : args;
    try {
      await run(command, fullArgs, { cwd: directory });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`Failed to run ${tool}: ${(stderr || stdout || (error as Error).message).trim()}`, { cause: error });
    }
  };

  try {
    await exec('initdb', ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await findFreePort();
    // Durability settings are off unless asked for, because the data is thrown away and tests only need correctness.
    const durability = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
    const serverOptions = `-h 127.0.0.1 -p ${port} -k ${directory}${durability} -c max_connections=100`;
    await exec('pg_ctl', ['-D', dataDirectory, '-l', join(directory, 'server.log'), '-o', serverOptions, '-w', '-t', '60', 'start']);

    const urlFor = (database: string, user: string) => `postgres://${user}@127.0.0.1:${port}/${database}`;
    const adminUrl = urlFor('postgres', 'postgres');
    let stopped = false;
    return {
      adminUrl,
      urlFor,
      async createDatabase(name) {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        } finally {
          await client.end();
        }
        return urlFor(name, 'postgres');
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await exec('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop']);
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

async function findRunUser(): Promise<{ name: string; uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    return { name: 'postgres', uid, gid };
  } catch {
    throw new Error('Failed to start a PostgreSQL test cluster as root: there is no "postgres" user to run it as. Install the "postgresql" package, which creates it.');
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('Failed to find a free port.'))));
    });
  });
}

// Run directly: start a cluster, print its URL and stop it on Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const cluster = await startTestCluster();
  const url = await cluster.createDatabase('delete_guard');
  console.log(`DATABASE_URL=${url}`);
  console.log('Press Ctrl-C to stop the cluster and delete its data.');
  // Signal handlers alone do not keep Node running, so a timer does until one arrives.
  const keepAlive = setInterval(() => undefined, 60_000);
  const stop = () => {
    clearInterval(keepAlive);
    void cluster.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
