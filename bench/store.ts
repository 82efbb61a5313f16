import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AccountStore } from '../api/store/account-store.ts';
import { openDataStore } from '../api/store/file-store.ts';
import { openJsonAccountStore } from '../api/store/json/json-account-store.ts';
import type { Account, ApprovalRecord, CodeRecord } from '../api/store/schema.ts';

// Measures the latency of one approval (spend one use, append one approval)
// against the history size, for the new JSON back end and the current file
// store. Run with `npm run bench:store`. Files go to the OS temporary folder,
// so the numbers depend on that disk.

const ACCOUNTS = 1000;
const SAMPLES = 200;
const HISTORY_SIZES = [1_000, 10_000, 100_000];
const CURRENT_STORE_SIZES = [1_000, 10_000, 100_000];
// The current store rewrites all approvals on every change, so each size gets
// at most this long before its sampling stops.
const CURRENT_STORE_BUDGET_MS = 30_000;
const NOW = Date.UTC(2026, 0, 15, 9);

interface Result {
  store: string;
  history: number;
  samples: number;
  medianMs: number;
  p99Ms: number;
  bytesPerApproval: number | null;
  note: string;
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

function summarize(store: string, history: number, latencies: number[], bytes: number | null, note = ''): Result {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    store,
    history,
    samples: latencies.length,
    medianMs: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
    bytesPerApproval: bytes === null ? null : Math.round(bytes / latencies.length),
    note,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

function spendOne(store: AccountStore, accountIndex: number): Promise<void> {
  return store.transact(`acct_${accountIndex}`, (tx) => {
    tx.codes[0]!.usesLeft -= 1;
    tx.appendApprovals([approval(accountIndex)]);
  });
}

async function benchJsonStore(history: number): Promise<{ result: Result; startupMs: number }> {
  const directory = await mkdtemp(join(tmpdir(), 'delete-guard-bench-'));
  const file = join(directory, 'store.json');
  try {
    const store = await openJsonAccountStore({ file });
    for (let index = 0; index < ACCOUNTS; index += 1) await store.createAccount(account(index));
    await Promise.all(Array.from({ length: ACCOUNTS }, (_, index) => store.transact(`acct_${index}`, (tx) => void tx.codes.push(code(index)))));
    // Pre-fill concurrently, so group commit writes the history in few batches.
    for (let done = 0; done < history; done += 5_000) {
      const count = Math.min(5_000, history - done);
      await Promise.all(Array.from({ length: count }, (_, offset) => spendOne(store, (done + offset) % ACCOUNTS)));
    }
    await store.close();

    const startedAt = performance.now();
    const reopened = await openJsonAccountStore({ file });
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
    const bytes = bytesBefore === null || bytesAfter === null ? null : bytesAfter - bytesBefore;
    return { result: summarize('new JSON back end', history, latencies, bytes), startupMs: round(startupMs) };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function benchCurrentStore(history: number): Promise<Result> {
  const directory = await mkdtemp(join(tmpdir(), 'delete-guard-bench-'));
  try {
    const store = await openDataStore(join(directory, 'data.json'));
    await store.update((data) => {
      for (let index = 0; index < ACCOUNTS; index += 1) {
        data.accounts.push(account(index));
        data.codes.push(code(index));
      }
      for (let index = 0; index < history; index += 1) data.approvals.push(approval(index % ACCOUNTS));
    });

    const latencies: number[] = [];
    const bytesBefore = writtenBytes();
    const deadline = performance.now() + CURRENT_STORE_BUDGET_MS;
    for (let sample = 0; sample < SAMPLES && performance.now() < deadline; sample += 1) {
      const accountIndex = (sample * 7) % ACCOUNTS;
      const began = performance.now();
      await store.update((data) => {
        data.codes.find((candidate) => candidate.accountId === `acct_${accountIndex}`)!.usesLeft -= 1;
        data.approvals.push(approval(accountIndex));
      });
      latencies.push(performance.now() - began);
    }
    const bytesAfter = writtenBytes();
    const bytes = bytesBefore === null || bytesAfter === null ? null : bytesAfter - bytesBefore;
    const note = latencies.length < SAMPLES ? `stopped after ${CURRENT_STORE_BUDGET_MS / 1000} s` : '';
    return summarize('current file store', history, latencies, bytes, note);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const results: Result[] = [];
const startups: { history: number; startupMs: number }[] = [];
for (const history of HISTORY_SIZES) {
  const { result, startupMs } = await benchJsonStore(history);
  results.push(result);
  startups.push({ history, startupMs });
  console.log(`new JSON back end, ${history} approvals: median ${result.medianMs} ms, p99 ${result.p99Ms} ms, ${result.bytesPerApproval ?? '?'} bytes/approval, open ${startupMs} ms`);
}
for (const history of CURRENT_STORE_SIZES) {
  const result = await benchCurrentStore(history);
  results.push(result);
  console.log(`current file store, ${history} approvals: median ${result.medianMs} ms, p99 ${result.p99Ms} ms, ${result.bytesPerApproval ?? '?'} bytes/approval ${result.note}`);
}

console.log(`\n${ACCOUNTS} accounts, ${SAMPLES} sequential approvals per row, files in ${tmpdir()}.`);
console.table(results);
console.table(startups);
const small = results.find((result) => result.store === 'new JSON back end' && result.history === HISTORY_SIZES[0]);
const large = results.find((result) => result.store === 'new JSON back end' && result.history === HISTORY_SIZES.at(-1));
if (small && large) {
  const ratio = round(large.medianMs / small.medianMs);
  console.log(`Median at ${large.history} / median at ${small.history}: ${ratio} (goal: at most 1.5).`);
}
