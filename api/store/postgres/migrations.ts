import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/** One versioned SQL migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Mode of {@link migrate}: apply the missing migrations, or only check that none is missing. */
export type MigrateMode = 'apply' | 'check';

/** The database has a migration this code does not know, so it was written by a newer Delete Guard. */
export class DatabaseNewerError extends Error {
  constructor(readonly unknownVersions: number[], readonly knownVersion: number) {
    super(
      `Failed to start: the database has schema version ${Math.max(...unknownVersions)}, but this Delete Guard knows versions up to ${knownVersion}. ` +
        'Run the newer Delete Guard release that migrated it, or point DATABASE_URL at another database.',
    );
    this.name = 'DatabaseNewerError';
  }
}

/** The database lacks migrations and the mode is "check". */
export class DatabaseOutdatedError extends Error {
  constructor(readonly missingVersions: number[]) {
    super(`Failed to start: the database lacks schema versions ${missingVersions.join(', ')}. Run "npm run migrate" with the same DATABASE_URL first.`);
    this.name = 'DatabaseOutdatedError';
  }
}

const MIGRATIONS_DIRECTORY = fileURLToPath(new URL('./migrations/', import.meta.url));
const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;
// Any fixed number shared by every Delete Guard process; it serializes migrations.
const MIGRATION_LOCK_KEY = 4_127_553_001;

/** Reads the migration files `NNN_name.sql`, in version order. */
export async function loadMigrations(directory = MIGRATIONS_DIRECTORY): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const file of (await readdir(directory)).sort()) {
    const match = FILE_PATTERN.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: await readFile(`${directory}/${file}`, 'utf8') });
  }
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`Failed to load migrations: expected version ${index + 1} but found ${migration.version}_${migration.name}.sql.`);
  });
  return migrations;
}

/**
 * Brings the database to the newest known schema version ("apply"), or only
 * checks that it is there ("check"). Each migration runs in its own
 * transaction together with its row in `schema_migrations`, and an advisory
 * lock makes processes that start together migrate one after another.
 * Raises DatabaseNewerError when the database has a version this code does
 * not know, and DatabaseOutdatedError in "check" mode when one is missing.
 * Returns the versions applied now.
 */
export async function migrate(pool: pg.Pool, mode: MigrateMode, migrations?: Migration[]): Promise<number[]> {
  const known = migrations ?? (await loadMigrations());
  const knownVersion = known.at(-1)?.version ?? 0;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      if (mode === 'apply') {
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`);
      }
      const applied = await readAppliedVersions(client);
      const unknown = applied.filter((version) => version > knownVersion);
      if (unknown.length > 0) throw new DatabaseNewerError(unknown, knownVersion);

      const missing = known.filter((migration) => !applied.includes(migration.version));
      if (mode === 'check') {
        if (missing.length > 0) throw new DatabaseOutdatedError(missing.map((migration) => migration.version));
        return [];
      }
      for (const migration of missing) await applyMigration(client, migration);
      return missing.map((migration) => migration.version);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function readAppliedVersions(client: pg.PoolClient): Promise<number[]> {
  const table = await client.query<{ exists: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`);
  if (!table.rows[0]?.exists) return [];
  const result = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return result.rows.map((row) => row.version);
}

async function applyMigration(client: pg.PoolClient, migration: Migration): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`Failed to apply migration ${migration.version}_${migration.name}.sql: ${(error as Error).message}`, { cause: error });
  }
}
