// `npm run bench:api`: request throughput and latency of the real API next to
// a bare Hono server, at 1, 10 and 50 connections. It runs the API on the JSON
// store, then on PostgreSQL with one instance and with two instances on one
// database, when the PostgreSQL server binaries are installed. Prints figures
// and ratios and checks no thresholds. BENCH_SECONDS sets the length of each
// cell (default 3).
import { fork } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { findPostgresBin, startTestCluster, type TestCluster } from '../scripts/pg-test-cluster.ts';
import type { ServersReady } from './api-servers.ts';
import { runLoad, type LoadResult } from './load.ts';
import { describeMachine } from './machine.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { fixed, markdownTable } from './table.ts';

const CONNECTIONS = [1, 10, 50];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARM_UP_SECONDS = 1;
const READY_TIMEOUT_MS = 30_000;

/** One endpoint of the API and the bare route it is compared with. */
interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  expectedStatus: number;
  bare: 'GET' | 'POST';
}

/** The bare server's figures at one connection count. */
type BareFigures = Record<'GET' | 'POST', LoadResult>;

function customers(count: number) {
  return Array.from({ length: count }, (_, index) => ({ id: `cus_${1001 + index}`, name: `Bench customer ${index + 1}` }));
}

function deletionBody(code: string, customerCount: number, confirmation = 'DELETE'): string {
  return JSON.stringify({ customers: customers(customerCount), reason: 'Duplicate record', confirmation, otp: code });
}

function startServers(smtpUrl: string, env: Record<string, string> = {}) {
  const child = fork(new URL('./api-servers.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SMTP_URL: smtpUrl, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<ServersReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server process did not start within ${READY_TIMEOUT_MS} ms.`)), READY_TIMEOUT_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as ServersReady);
    });
    child.once('exit', (code) => reject(new Error(`The server process exited with code ${code} before it was ready.`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send('stop');
    });
  return { ready, stop };
}

function problems(result: LoadResult): string {
  const parts = [];
  if (result.unexpected > 0) parts.push(`${result.unexpected} unexpected status`);
  if (result.errors > 0) parts.push(`${result.errors} errors`);
  return parts.join(', ') || 'none';
}

function resultRow(name: string, connections: number, result: LoadResult, ratio?: number): string[] {
  return [name, String(connections), fixed(result.requestsPerSecond, 0), ratio === undefined ? '' : fixed(ratio, 2), fixed(result.p50Ms, 2), fixed(result.p99Ms, 2), problems(result)];
}

const HEADER = ['endpoint', 'connections', 'req/s', 'ratio ours/bare', 'p50 ms', 'p99 ms', 'problems'];

async function measureBare(bareUrl: string, bareBody: string): Promise<Map<number, BareFigures>> {
  const json = { 'Content-Type': 'application/json' };
  await runLoad({ url: `${bareUrl}/fixed`, method: 'GET', connections: 10, durationSeconds: WARM_UP_SECONDS, expectedStatus: 200 });
  const figures = new Map<number, BareFigures>();
  for (const connections of CONNECTIONS) {
    figures.set(connections, {
      GET: await runLoad({ url: `${bareUrl}/fixed`, method: 'GET', connections, durationSeconds: SECONDS, expectedStatus: 200 }),
      POST: await runLoad({ url: `${bareUrl}/fixed`, method: 'POST', headers: json, body: bareBody, connections, durationSeconds: SECONDS, expectedStatus: 201 }),
    });
  }
  return figures;
}

/**
 * Gets a code from the first API URL, drives every case at every connection
 * count against all URLs together and prints the table and the goals.
 */
async function measureApi(title: string, apiUrls: string[], apiKey: string, sink: SmtpSink, emailNumber: number, bare: Map<number, BareFigures>): Promise<void> {
  const auth = { Authorization: `Bearer ${apiKey}` };
  const json = { 'Content-Type': 'application/json' };

  // One code per setup, because the server processes raised the code's use and time limits.
  const sent = await fetch(`${apiUrls[0]}/v1/otp`, { method: 'POST', headers: auth });
  if (sent.status !== 201) throw new Error(`POST /v1/otp returned ${sent.status}: ${await sent.text()}`);
  const code = await sink.waitForCode(emailNumber);

  const cases: Case[] = [
    { name: 'GET /v1/otp', method: 'GET', path: '/v1/otp', expectedStatus: 200, bare: 'GET' },
    { name: 'POST /v1/deletions, 1 customer', method: 'POST', path: '/v1/deletions', body: deletionBody(code, 1), expectedStatus: 201, bare: 'POST' },
    { name: 'POST /v1/deletions, 10 customers', method: 'POST', path: '/v1/deletions', body: deletionBody(code, 10), expectedStatus: 201, bare: 'POST' },
    { name: 'POST /v1/deletions, wrong confirmation (400)', method: 'POST', path: '/v1/deletions', body: deletionBody(code, 1, 'NOT IT'), expectedStatus: 400, bare: 'POST' },
  ];
  await runLoad({ url: apiUrls.map((url) => `${url}/v1/otp`), method: 'GET', headers: auth, connections: 10, durationSeconds: WARM_UP_SECONDS, expectedStatus: 200 });

  const rows: string[][] = [];
  const goalRows: { name: string; ratio: number; p99: number }[] = [];
  for (const connections of CONNECTIONS) {
    for (const benchCase of cases) {
      const result = await runLoad({
        url: apiUrls.map((url) => `${url}${benchCase.path}`),
        method: benchCase.method,
        headers: benchCase.body ? { ...auth, ...json } : auth,
        ...(benchCase.body ? { body: benchCase.body } : {}),
        connections,
        durationSeconds: SECONDS,
        expectedStatus: benchCase.expectedStatus,
      });
      const ratio = result.requestsPerSecond / bare.get(connections)![benchCase.bare].requestsPerSecond;
      rows.push(resultRow(benchCase.name, connections, result, ratio));
      if (connections === 10) goalRows.push({ name: benchCase.name, ratio, p99: result.p99Ms });
      console.error(`  done: ${title}, ${benchCase.name} at ${connections} connections`);
    }
  }

  console.log(`\n### ${title}\n`);
  console.log(markdownTable(HEADER, rows));
  console.log('\nGoals at 10 connections (approvals at >= 50 % of the bare POST, p99 < 5 ms):');
  for (const row of goalRows) {
    const approval = row.name.startsWith('POST /v1/deletions, 1') || row.name.startsWith('POST /v1/deletions, 10');
    const ratioVerdict = approval ? `, ratio ${fixed(row.ratio, 2)} ${row.ratio >= 0.5 ? 'met' : 'missed'}` : '';
    console.log(`- ${row.name}: p99 ${fixed(row.p99, 2)} ms ${row.p99 < 5 ? 'met' : 'missed'}${ratioVerdict}`);
  }
}

// The JSON store keeps a document and audit log segments beside it, all named after the data file.
function storeBytes(dataFile: string): number {
  const prefix = basename(dataFile).replace(/\.json$/, '');
  return readdirSync(dirname(dataFile))
    .filter((name) => name.startsWith(prefix) && (name.endsWith('.json') || name.endsWith('.jsonl')))
    .reduce((sum, name) => sum + statSync(join(dirname(dataFile), name)).size, 0);
}

async function runJson(sink: SmtpSink): Promise<Map<number, BareFigures>> {
  const servers = startServers(sink.url);
  try {
    const { apiUrl, apiKey, bareUrl, dataFile } = await servers.ready;
    const bare = await measureBare(bareUrl, deletionBody('000000', 1));
    const rows = CONNECTIONS.flatMap((connections) => {
      const figures = bare.get(connections)!;
      return [resultRow('bare GET /fixed', connections, figures.GET), resultRow('bare POST /fixed', connections, figures.POST)];
    });
    console.log('### Bare Hono app\n');
    console.log(markdownTable(HEADER, rows));

    await measureApi('JSON store, one instance', [apiUrl], apiKey, sink, 1, bare);
    console.log(`\nStore files after the run: ${(storeBytes(dataFile) / 1024 ** 2).toFixed(1)} MiB (document and audit log); they keep every approval of the run.`);
    return bare;
  } finally {
    await servers.stop();
  }
}

async function runPostgres(sink: SmtpSink, cluster: TestCluster, instances: number, emailNumber: number, bare: Map<number, BareFigures>): Promise<void> {
  const databaseUrl = await cluster.createDatabase(`bench_api_${instances}`);
  const started: ReturnType<typeof startServers>[] = [];
  try {
    // The first instance applies the migrations and creates the demo account; the others find both.
    const first = startServers(sink.url, { BENCH_DATABASE_URL: databaseUrl, BENCH_NO_BARE: '1' });
    started.push(first);
    const ready = [await first.ready];
    for (let index = 1; index < instances; index += 1) {
      const next = startServers(sink.url, { BENCH_DATABASE_URL: databaseUrl, BENCH_NO_BARE: '1' });
      started.push(next);
      ready.push(await next.ready);
    }
    const title = `PostgreSQL, ${instances === 1 ? 'one instance' : `${instances} instances on one database`}`;
    await measureApi(title, ready.map((servers) => servers.apiUrl), ready[0]!.apiKey, sink, emailNumber, bare);
  } finally {
    await Promise.all(started.map((servers) => servers.stop()));
  }
}

const sink = await startSmtpSink();
try {
  console.log(`Machine: ${describeMachine()}`);
  console.log(`Each cell runs ${SECONDS} s. Latencies in ms from autocannon's response events; ratio = ours / bare requests per second.\n`);
  const bare = await runJson(sink);

  if (findPostgresBin() === null) {
    console.log('\nPostgreSQL server binaries not found: the PostgreSQL runs are left out. Install the "postgresql" package or set PG_BIN.');
  } else {
    const cluster = await startTestCluster({ durable: true });
    try {
      console.log('\nPostgreSQL: a throwaway cluster on 127.0.0.1 with fsync and synchronous_commit on, pool of 10 connections per instance.');
      await runPostgres(sink, cluster, 1, 2, bare);
      await runPostgres(sink, cluster, 2, 3, bare);
    } finally {
      await cluster.stop();
    }
  }
} finally {
  await sink.close();
}
