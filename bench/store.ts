import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AccountStore } from '../api/store/account-store.ts';
import { openJsonAccountStore } from '../api/store/json/json-account-store.ts';
import { openPostgresAccountStore } from '../api/store/postgres/postgres-account-store.ts';
import type { Account, ApprovalRecord, CodeRecord } from '../api/store/schema.ts';
import { findPostgresBin, startTestCluster, type TestCluster } from '../scripts/pg-test-cluster.ts';

// Measures the latency of one approval (spend one use, append one approval)
// against the history size, for the JSON back end and, when the PostgreSQL
// server binaries are installed, the PostgreSQL back end on a throwaway local
// cluster (scripts/pg-test-cluster.ts). Run with `npm run bench:store`. Files
// and the cluster go to the OS temporary folder, so the numbers depend on that disk.

const ACCOUNTS = 1000;
const SAMPLES = 200;
const HISTORY_SIZES = [1_000, 10_000, 100_000];
const NOW = Date.UTC(2026, 0, 15, 9);

interface Result {
  store: string;
  history: number;
  samples: number;
  medianMs: number;
  p99Ms: number;
  bytesPerApproval: number | null;
}

function account(index: number): Account {
  return {
    id: `acct_${index}`,
    company: `Company ${index}`,
    registeredEmail: `owner${index}@example.test`,
    companyEmail: null,
    pendingCompanyEmail: null,
    confirmationWord: 'DELETE',
    reasons: ['Customer request', 'Duplicate', 'Other'],
    apiKeyHash: String(index).padStart(64, '0'),
    role: 'account',
    createdAt: NOW,
  };
}

function code(index: number): CodeRecord {
  return {
    id: `code_${index}`,
    accountId: `acct_${index}`,
    codeHash: 'f'.repeat(64),
    issuedAt: NOW,
    activatedAt: NOW,
    expiresAt: NOW + 3_600_000,
    maxUses: 1_000_000,
    usesLeft: 1_000_000,
    wrongAttempts: 0,
    endedAt: null,
    endReason: null,
    destination: `team${index}@example.test`,
  };
}

let approvalCounter = 0;
function approval(accountIndex: number): ApprovalRecord {
  approvalCounter += 1;
  return {
    id: `del_${approvalCounter.toString(36).padStart(16, '0')}`,
    accountId: `acct_${accountIndex}`,
    codeId: `code_${accountIndex}`,
    customer: { id: `cust_${approvalCounter}`, name: `Customer number ${approvalCounter}` },
    reason: 'Customer request',
    note: null,
    at: NOW + approvalCounter,
    outcome: null,
    outcomeDetail: null,
    outcomeAt: null,
    pageUrl: 'https://crm.example.test/customers',
    requester: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0', ip: '203.0.113.7' },
  };
}

// Bytes passed to write(2) by this process, from /proc/self/io (Linux only).
function writtenBytes(): number | null {
  if (!existsSync('/proc/self/io')) return null;
  const match = /^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  return match ? Number(match[1]) : null;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

function summarize(store: string, history: number, latencies: number[], bytes: number | null): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    store,
    history,
    samples: latencies.length,
    medianMs: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    bytesPerApproval: bytes === null ? null : Math.round(bytes / latencies.length),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

function spendOne(store: AccountStore, accountIndex: number): Promise<void> {
  return store.transact(`acct_${accountIndex}`, (tx) => {
    tx.codes[0]!.usesLeft -= 1;
    tx.appendApprovals([approval(accountIndex)]);
  });
}

/** A back end under test: how to open a fresh store and how to open it again. */
interface Backend {
  name: string;
  /** Whether the bytes this process writes are the store's writes (false for a database server). */
  countsBytes: boolean;
  /** Opens an empty store for one history size and returns the function that reopens it. */
  create(history: number): Promise<{ store: AccountStore; reopen(): Promise<AccountStore>; remove(): Promise<void> }>;
}

const jsonBackend: Backend = {
  name: 'JSON',
  countsBytes: true,
  async create() {
    const directory = await mkdtemp(join(tmpdir(), 'delete-guard-bench-'));
    const file = join(directory, 'store.json');
    return {
      store: await openJsonAccountStore({ file }),
      reopen: () => openJsonAccountStore({ file }),
      remove: () => rm(directory, { recursive: true, force: true }),
    };
  },
};

function postgresBackend(cluster: TestCluster): Backend {
  return {
    name: 'PostgreSQL',
    countsBytes: false,
    async create(history) {
      const url = await cluster.createDatabase(`bench_${history}`);
      const open = () => openPostgresAccountStore({ url, migrations: 'apply' });
      return { store: await open(), reopen: open, remove: async () => undefined };
    },
  };
}

async function benchBackend(backend: Backend, history: number): Promise<{ result: Result; startupMs: number }> {
  const { store, reopen, remove } = await backend.create(history);
  try {
    for (let index = 0; index < ACCOUNTS; index += 1) await store.createAccount(account(index));
    // The history goes in one transaction per account, which keeps the fill
    // short on both back ends; only the measured approvals go one by one.
    await Promise.all(
      Array.from({ length: ACCOUNTS }, (_, index) =>
        store.transact(`acct_${index}`, (tx) => {
          const records = Array.from({ length: Math.ceil((history - index) / ACCOUNTS) }, () => approval(index));
          const spent = code(index);
          spent.usesLeft -= records.length;
          tx.codes.push(spent);
          tx.appendApprovals(records);
        }),
      ),
    );
    await store.close();

    const startedAt = performance.now();
    const reopened = await reopen();
    const startupMs = performance.now() - startedAt;

    const latencies: number[] = [];
    const bytesBefore = writtenBytes();
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      const began = performance.now();
      await spendOne(reopened, (sample * 7) % ACCOUNTS);
      latencies.push(performance.now() - began);
    }
    const bytesAfter = writtenBytes();
    await reopened.close();
    const bytes = !backend.countsBytes || bytesBefore === null || bytesAfter === null ? null : bytesAfter - bytesBefore;
    return { result: summarize(backend.name, history, latencies, bytes), startupMs: round(startupMs) };
  } finally {
    await remove();
  }
}

const backends: Backend[] = [jsonBackend];
let cluster: TestCluster | null = null;
if (findPostgresBin() !== null) {
  cluster = await startTestCluster();
  backends.push(postgresBackend(cluster));
} else {
  console.log('PostgreSQL server binaries not found, so only the JSON back end runs. Install the "postgresql" package or set PG_BIN.');
}

const results: Result[] = [];
const startups: { store: string; history: number; startupMs: number }[] = [];
try {
  for (const backend of backends) {
    for (const history of HISTORY_SIZES) {
      const { result, startupMs } = await benchBackend(backend, history);
      results.push(result);
      startups.push({ store: backend.name, history, startupMs });
      console.log(`${backend.name}, ${history} approvals: median ${result.medianMs} ms, p99 ${result.p99Ms} ms, ${result.bytesPerApproval ?? '?'} bytes/approval, open ${startupMs} ms`);
    }
  }
} finally {
  await cluster?.stop();
}

console.log(`\n${ACCOUNTS} accounts, ${SAMPLES} sequential approvals per row, files in ${tmpdir()}. Bytes are what this process wrote, so none for PostgreSQL.`);
console.table(results);
console.table(startups);
for (const backend of backends) {
  const small = results.find((result) => result.store === backend.name && result.history === HISTORY_SIZES[0]);
  const large = results.find((result) => result.store === backend.name && result.history === HISTORY_SIZES.at(-1));
  if (small && large) console.log(`${backend.name}: median at ${large.history} / median at ${small.history}: ${round(large.medianMs / small.medianMs)} (goal: at most 1.5).`);
}
