// `npm run bench:api`: request throughput and latency of the real API next to
// a bare Hono server, at 1, 10 and 50 connections. Prints figures and ratios;
// it checks no thresholds. BENCH_SECONDS sets the length of each cell (default 4).
import { fork } from 'node:child_process';
import { statSync } from 'node:fs';
import type { ServersReady } from './api-servers.ts';
import { runLoad, type LoadResult } from './load.ts';
import { describeMachine } from './machine.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { fixed, markdownTable } from './table.ts';

const CONNECTIONS = [1, 10, 50];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
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

function customers(count: number) {
  return Array.from({ length: count }, (_, index) => ({ id: `cus_${1001 + index}`, name: `Bench customer ${index + 1}` }));
}

function deletionBody(code: string, customerCount: number, confirmation = 'DELETE'): string {
  return JSON.stringify({ customers: customers(customerCount), reason: 'Duplicate record', confirmation, otp: code });
}

function startServers(smtpUrl: string) {
  const child = fork(new URL('./api-servers.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_SMTP_URL: smtpUrl },
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

const sink = await startSmtpSink();
const servers = startServers(sink.url);
try {
  const { apiUrl, apiKey, bareUrl, dataFile } = await servers.ready;
  const auth = { Authorization: `Bearer ${apiKey}` };
  const json = { 'Content-Type': 'application/json' };

  // One code for the whole run: the server process raised its use and time limits.
  const sent = await fetch(`${apiUrl}/v1/otp`, { method: 'POST', headers: auth });
  if (sent.status !== 201) throw new Error(`POST /v1/otp returned ${sent.status}: ${await sent.text()}`);
  const code = await sink.waitForCode(1);

  const cases: Case[] = [
    { name: 'GET /v1/otp', method: 'GET', path: '/v1/otp', expectedStatus: 200, bare: 'GET' },
    { name: 'POST /v1/deletions, 1 customer', method: 'POST', path: '/v1/deletions', body: deletionBody(code, 1), expectedStatus: 201, bare: 'POST' },
    { name: 'POST /v1/deletions, 10 customers', method: 'POST', path: '/v1/deletions', body: deletionBody(code, 10), expectedStatus: 201, bare: 'POST' },
    { name: 'POST /v1/deletions, wrong confirmation (400)', method: 'POST', path: '/v1/deletions', body: deletionBody(code, 1, 'NOT IT'), expectedStatus: 400, bare: 'POST' },
  ];
  const bareBody = deletionBody(code, 1);

  console.log(`Machine: ${describeMachine()}`);
  console.log(`Each cell runs ${SECONDS} s. Latencies in ms from autocannon's response events; ratio = ours / bare requests per second.\n`);

  await runLoad({ url: `${bareUrl}/fixed`, method: 'GET', connections: 10, durationSeconds: WARM_UP_SECONDS, expectedStatus: 200 });
  await runLoad({ url: `${apiUrl}/v1/otp`, method: 'GET', headers: auth, connections: 10, durationSeconds: WARM_UP_SECONDS, expectedStatus: 200 });

  const rows: string[][] = [];
  const goalRows: { name: string; connections: number; ratio: number; p99: number }[] = [];
  for (const connections of CONNECTIONS) {
    const bare = {
      GET: await runLoad({ url: `${bareUrl}/fixed`, method: 'GET', connections, durationSeconds: SECONDS, expectedStatus: 200 }),
      POST: await runLoad({ url: `${bareUrl}/fixed`, method: 'POST', headers: json, body: bareBody, connections, durationSeconds: SECONDS, expectedStatus: 201 }),
    };
    rows.push([`bare GET /fixed`, String(connections), fixed(bare.GET.requestsPerSecond, 0), '', fixed(bare.GET.p50Ms, 2), fixed(bare.GET.p99Ms, 2), problems(bare.GET)]);
    rows.push([`bare POST /fixed`, String(connections), fixed(bare.POST.requestsPerSecond, 0), '', fixed(bare.POST.p50Ms, 2), fixed(bare.POST.p99Ms, 2), problems(bare.POST)]);

    for (const benchCase of cases) {
      const headers = benchCase.body ? { ...auth, ...json } : auth;
      const result = await runLoad({
        url: `${apiUrl}${benchCase.path}`,
        method: benchCase.method,
        headers,
        ...(benchCase.body ? { body: benchCase.body } : {}),
        connections,
        durationSeconds: SECONDS,
        expectedStatus: benchCase.expectedStatus,
      });
      const ratio = result.requestsPerSecond / bare[benchCase.bare].requestsPerSecond;
      rows.push([benchCase.name, String(connections), fixed(result.requestsPerSecond, 0), fixed(ratio, 2), fixed(result.p50Ms, 2), fixed(result.p99Ms, 2), problems(result)]);
      goalRows.push({ name: benchCase.name, connections, ratio, p99: result.p99Ms });
      console.error(`  done: ${benchCase.name} at ${connections} connections`);
    }
  }

  console.log(markdownTable(['endpoint', 'connections', 'req/s', 'ratio ours/bare', 'p50 ms', 'p99 ms', 'problems'], rows));
  console.log(`\nData file after the run: ${(statSync(dataFile).size / 1024 ** 2).toFixed(1)} MiB; it keeps every approval of the run.`);

  console.log('\nGoals (approvals at >= 50 % of the bare POST, p99 < 5 ms at 10 connections):');
  for (const row of goalRows.filter((goal) => goal.connections === 10)) {
    const approval = row.name.startsWith('POST /v1/deletions, 1') || row.name.startsWith('POST /v1/deletions, 10');
    const ratioVerdict = approval ? `, ratio ${fixed(row.ratio, 2)} ${row.ratio >= 0.5 ? 'met' : 'missed'}` : '';
    console.log(`- ${row.name}: p99 ${fixed(row.p99, 2)} ms ${row.p99 < 5 ? 'met' : 'missed'}${ratioVerdict}`);
  }
} finally {
  await servers.stop();
  await sink.close();
}
