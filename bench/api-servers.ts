// Child process of `npm run bench:api`: hosts the servers under test, so that
// autocannon in the parent does not share their event loop. It sends a
// ServersReady message when they listen, and stops on "stop", when the parent
// goes away, or after MAX_LIFETIME_MS. With BENCH_DATABASE_URL the API uses
// PostgreSQL. With BENCH_NO_BARE=1 it hosts the API alone, for a second
// instance on the same database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from '../api/start-api.ts';
import { startBareServer } from './bare-app.ts';

/** Message the child sends once the API and the bare server listen. */
export interface ServersReady {
  apiUrl: string;
  apiKey: string;
  /** Empty with BENCH_NO_BARE=1. */
  bareUrl: string;
  dataFile: string;
}

const MAX_LIFETIME_MS = 20 * 60_000;
// Limits raised so that one code lasts the whole run and rejected requests
// never lock the account: the benchmark measures request cost, not limits.
const UNLIMITED = 10_000_000;

const smtpUrl = process.env.BENCH_SMTP_URL;
const databaseUrl = process.env.BENCH_DATABASE_URL;
// Instances on one database must share the secret that keys the code hashes.
const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
if (!smtpUrl || !process.send) {
  throw new Error('bench/api-servers.ts runs only as the child of bench/api.ts, which sets BENCH_SMTP_URL and an IPC channel.');
}

const dataDir = mkdtempSync(join(tmpdir(), 'delete-guard-bench-'));
const api = await startApi({
  dataFile: join(dataDir, 'data.json'),
  port: 0,
  env: { SMTP_URL: smtpUrl, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl, DELETE_GUARD_SECRET: BENCH_SECRET } : {}) },
  config: {
    OTP_TTL_SECONDS: UNLIMITED,
    OTP_MAX_USES: UNLIMITED,
    OTP_MAX_ATTEMPTS: UNLIMITED,
    OTP_ACCOUNT_FAILURES_PER_HOUR: UNLIMITED,
  },
});
const bare = process.env.BENCH_NO_BARE === '1' ? null : await startBareServer();

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([api.close(), bare?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('disconnect', () => void stop());
setTimeout(() => void stop(), MAX_LIFETIME_MS).unref();

// A second instance on the same database finds the demo account already there.
const apiKey = api.apiKey ?? '';
if (!apiKey && bare) throw new Error('The API did not create the demo account in its new store.');
const ready: ServersReady = { apiUrl: api.url, apiKey, bareUrl: bare?.url ?? '', dataFile: api.dataFile };
process.send(ready);
