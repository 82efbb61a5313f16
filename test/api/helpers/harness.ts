import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { createAccount } from '../../../api/accounts/create-account.ts';
import { createApp } from '../../../api/app.ts';
import { createManualClock } from '../../../api/clock.ts';
import { testConfig, type Config } from '../../../api/config.ts';
import type { Mailer } from '../../../api/mail/mailer.ts';
import { createSmtpMailer } from '../../../api/mail/smtp-mailer.ts';
import type { CodeGenerator } from '../../../api/security/codes.ts';
import { createCapturedLogger } from './log-capture.ts';
import { readCodeFromMail, startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { openTestStore } from './test-store.ts';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
export const OWNER_EMAIL = 'owner@acme.test';

/** Options of {@link createHarness}. */
export interface HarnessOptions {
  config?: Partial<Config>;
  generateCode?: CodeGenerator;
  /** Replaces the SMTP mailer, for failure cases. */
  mailer?: Mailer;
}

/**
 * Creates a fresh app on an empty store of the test back end (see
 * test-store.ts): a real JSON store in a temporary directory, or a new
 * PostgreSQL database. It sends
 * real SMTP to a local sink and uses a manual clock and a captured logger.
 */
export async function createHarness(options: HarnessOptions = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'delete-guard-api-'));
  const dataFile = join(dir, 'data.json');
  const sink = await startSmtpSink();
  const { logger, lines: logLines } = createCapturedLogger();
  const clock = createManualClock();
  const config = testConfig(options.config);
  const mailer = options.mailer ?? createSmtpMailer({ url: sink.url, from: config.MAIL_FROM, logger, timeouts: { connectMs: 2_000, greetingMs: 2_000, socketMs: 2_000, sendMs: 4_000 } });
  const testStore = await openTestStore(dataFile);
  const { store } = testStore;
  const { account, apiKey } = await createAccount(store, { company: 'Acme Credit', email: OWNER_EMAIL }, clock.now());

  const app = createApp({
    store,
    mailer,
    clock,
    config,
    logger,
    secret: TEST_SECRET,
    ...(options.generateCode ? { generateCode: options.generateCode } : {}),
  });

  /** Sends a JSON request with the account's key unless `key` is given (null for none). */
  async function call(method: string, path: string, body?: unknown, key: string | null = apiKey) {
    const headers: Record<string, string> = {};
    if (key !== null) headers.Authorization = `Bearer ${key}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, any>) : {};
    return { status: response.status, headers: response.headers, json };
  }

  /** Clicks Send OTP and returns the code read from the received email. */
  async function sendOtp(): Promise<{ code: string; mail: ParsedMail; json: Record<string, any> }> {
    const before = sink.messages.length;
    const response = await call('POST', '/v1/otp');
    if (response.status !== 201) throw new Error(`POST /v1/otp returned ${response.status}: ${JSON.stringify(response.json)}`);
    const mail = await sink.waitForMessage(before + 1);
    return { code: readCodeFromMail(mail), mail, json: response.json };
  }

  /** Confirms deleting `count` customers with `code`. */
  function confirm(code: string, count = 1, extra: Record<string, unknown> = {}) {
    const customers = Array.from({ length: count }, (_, index) => ({ id: `c${index}`, name: `Customer ${index}` }));
    return call('POST', '/v1/deletions', { customers, reason: 'Duplicate record', confirmation: 'DELETE', otp: code, ...extra });
  }

  /** Returns a copy of the account's hot state: codes, sends, failures, deliveries. */
  function readState() {
    return store.transact(account.id, (tx) =>
      structuredClone({ account: tx.account, codes: tx.codes, failures: tx.failures, sends: tx.sends, deliveries: tx.deliveries }),
    );
  }

  /** Returns the account's approvals, newest first (up to 500). */
  async function listApprovals() {
    return (await store.listApprovals(account.id, { limit: 500 }))!.items;
  }

  return {
    app,
    readState,
    listApprovals,
    dir,
    dataFile,
    store,
    testStore,
    sink,
    clock,
    config,
    logLines,
    account,
    apiKey,
    call,
    sendOtp,
    confirm,
    async close() {
      await mailer.close();
      await sink.close();
      await testStore.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** Returns a code of the same length that differs from `code` in every digit. */
export function wrongCodeFor(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 1) % 10)).join('');
}
