import pg from 'pg';
import type { WarningLogger } from '../audit-log.ts';

/** Options of {@link createPool}. */
export interface PoolOptions {
  /** A postgres:// URL, as in DATABASE_URL. */
  url: string;
  /** Connections at most; pg's default is 10. */
  max?: number;
  logger?: WarningLogger;
}

/**
 * Creates the connection pool. When the server drops an idle connection, the
 * pool emits an error. It is logged instead of crashing the process, and the
 * pool opens a new connection on the next query.
 */
export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: 'delete-guard',
  });
  pool.on('error', (error) => {
    options.logger?.warn({ err: error }, 'Lost an idle PostgreSQL connection; the pool opens a new one when needed');
  });
  return pool;
}
