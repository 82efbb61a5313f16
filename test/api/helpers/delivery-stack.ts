import type { MxRecord } from 'node:dns';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { createManualClock } from '../../../api/clock.ts';
import type { ScheduleFunction } from '../../../api/mail/delivery-queue.ts';
import { startApi, type RunningApi } from '../../../api/start-api.ts';
import { startTestSmtpServer, type TestSmtpServer, type TestSmtpServerOptions } from '../../mail/smtp-test-servers.ts';
import { createCapturedLogger } from './log-capture.ts';
import { readCodeFromMail } from './smtp-sink.ts';
import { TEST_BACKEND, createTestDatabase, storeEnv } from './test-store.ts';
import type { AccountStore } from '../../../api/store/account-store.ts';
import { openJsonAccountStore } from '../../../api/store/json/json-account-store.ts';
import { openPostgresAccountStore } from '../../../api/store/postgres/postgres-account-store.ts';

/** Retry timers that fire only when a test runs them, moving the manual clock to their due time. */
export interface ManualScheduler {
  schedule: ScheduleFunction;
  /** Number of timers waiting. */
  pendingCount(): number;
  /** Moves the clock to the earliest timer's due time and fires it. Throws when none waits. */
  runNext(): void;
}

/** Creates a {@link ManualScheduler} on `clock`. */
export function createManualScheduler(clock: ReturnType<typeof createManualClock>): ManualScheduler {
  const timers: Array<{ callback: () => void; dueAt: number }> = [];
  return {
    schedule(callback, ms) {
      const timer = { callback, dueAt: clock.now() + ms };
      timers.push(timer);
      return () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      };
    },
    pendingCount: () => timers.length,
    runNext() {
      timers.sort((a, b) => a.dueAt - b.dueAt);
      const timer = timers.shift();
      if (!timer) throw new Error('No retry is scheduled.');
      clock.set(Math.max(clock.now(), timer.dueAt));
      timer.callback();
    },
  };
}

/** Options of {@link startDeliveryStack}. */
export interface DeliveryStackOptions {
  smtp?: TestSmtpServerOptions;
  /** MX records by domain; every other domain fails as if it had none. */
  mxRecords?: Record<string, MxRecord[]>;
  env?: Record<string, string>;
}

/**
 * Starts a test SMTP server on 127.0.0.1 and the API in this process, which
 * sends to it through SMTP_URL. The API runs on a manual clock, manual retry
 * timers and a stub MX resolver, so no test waits for a retry or sends a DNS query.
 */
export async function startDeliveryStack(options: DeliveryStackOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'delete-guard-delivery-'));
  const smtp: TestSmtpServer = await startTestSmtpServer(options.smtp);
  const clock = createManualClock();
  const scheduler = createManualScheduler(clock);
  const { logger, lines: logLines } = createCapturedLogger();
  const mxLookups: string[] = [];
  const resolveMx = async (domain: string): Promise<MxRecord[]> => {
    mxLookups.push(domain);
    const records = options.mxRecords?.[domain];
    if (records) return records;
    throw Object.assign(new Error(`queryMx ENOTFOUND ${domain}`), { code: 'ENOTFOUND' });
  };

  const dataFile = join(dir, 'data.json');
  let api: RunningApi;
  let databaseUrl: string | undefined;
  try {
    databaseUrl = TEST_BACKEND === 'postgres' ? await createTestDatabase() : undefined;
    api = await startApi({
      env: { SMTP_URL: smtp.url, LOG_LEVEL: 'debug', ...storeEnv(databaseUrl), ...options.env },
      dataFile,
      port: 0,
      logger,
      clock,
      schedule: scheduler.schedule,
      resolveMx,
    });
  } catch (error) {
    await smtp.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const apiKey = api.apiKey!;

  /** Sends a request with `key` (the demo account's key unless given; null for none) and parses the JSON response. */
  async function call(method: string, path: string, body?: unknown, key: string | null = apiKey) {
    const headers: Record<string, string> = {};
    if (key !== null) headers.Authorization = `Bearer ${key}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${api.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    return { status: response.status, text, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
  }

  /** Polls `check` every 10 ms for up to 5 s until it returns a value other than undefined. */
  async function waitFor<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits until the newest delivery of GET /v1/otp matches `predicate` and returns it. */
  function waitForLatestDelivery(predicate: (delivery: Record<string, any>) => boolean, what: string) {
    return waitFor(async () => {
      const latest = (await call('GET', '/v1/otp')).json.deliveries?.[0] as Record<string, any> | undefined;
      return latest && predicate(latest) ? latest : undefined;
    }, what);
  }

  /** Reads the code from the `index`th message the SMTP server received. */
  async function readCode(index: number): Promise<string> {
    return readCodeFromMail(await simpleParser(smtp.messages[index]!.raw));
  }

  /** Confirms deleting one customer with `code`. */
  function confirm(code: string) {
    return call('POST', '/v1/deletions', {
      customers: [{ id: 'c1', name: 'Customer 1' }],
      reason: 'Duplicate record',
      confirmation: 'DELETE',
      otp: code,
    });
  }

  let apiStopped = false;
  /** Stops the API once; later calls do nothing. */
  async function stopApi(): Promise<void> {
    if (apiStopped) return;
    apiStopped = true;
    await api.close();
  }

  /** Opens the stack's store directly; on the JSON store only once the API has stopped. */
  function openStore(): Promise<AccountStore> {
    return databaseUrl ? openPostgresAccountStore({ url: databaseUrl, migrations: 'check' }) : openJsonAccountStore({ file: dataFile });
  }

  return {
    api,
    apiKey,
    dataFile,
    databaseUrl,
    /** Environment that points the accounts CLI at the stack's store. */
    storeEnv: { DELETE_GUARD_DATA: dataFile, ...storeEnv(databaseUrl) },
    openStore,
    smtp,
    clock,
    scheduler,
    logLines,
    mxLookups,
    call,
    waitFor,
    waitForLatestDelivery,
    readCode,
    confirm,
    stopApi,
    async close() {
      await stopApi();
      await smtp.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type DeliveryStack = Awaited<ReturnType<typeof startDeliveryStack>>;
