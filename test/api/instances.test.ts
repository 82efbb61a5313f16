import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/accounts/create-account.ts';
import { createApp } from '../../api/app.ts';
import { createManualClock } from '../../api/clock.ts';
import { testConfig } from '../../api/config.ts';
import { createSmtpMailer } from '../../api/mail/smtp-mailer.ts';
import type { AccountStore } from '../../api/store/account-store.ts';
import { openPostgresAccountStore } from '../../api/store/postgres/postgres-account-store.ts';
import { TEST_SECRET } from './helpers/harness.ts';
import { createCapturedLogger } from './helpers/log-capture.ts';
import { readCodeFromMail, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';
import { TEST_BACKEND, createTestDatabase } from './helpers/test-store.ts';

let sink: SmtpSink | undefined;
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sink?.close();
  sink = undefined;
});

// Two app instances, each with its own pool, on one database: what two API
// processes behind a load balancer do.
async function startTwoInstances() {
  const url = await createTestDatabase();
  sink = await startSmtpSink();
  const clock = createManualClock();
  const config = testConfig();
  const { logger } = createCapturedLogger();
  const stores: AccountStore[] = [];
  const apps: ReturnType<typeof createApp>[] = [];
  for (let index = 0; index < 2; index += 1) {
    const store = await openPostgresAccountStore({ url, migrations: 'apply' });
    const mailer = createSmtpMailer({ url: sink.url, from: config.MAIL_FROM, logger });
    cleanups.push(() => store.close(), () => mailer.close());
    stores.push(store);
    apps.push(createApp({ store, mailer, clock, config, logger, secret: TEST_SECRET }));
  }
  const { account, apiKey } = await createAccount(stores[0]!, { company: 'Acme Credit', email: 'owner@acme.test' }, clock.now());

  async function call(instance: number, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await apps[instance]!.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: response.status, json: (await response.json()) as Record<string, any> };
  }
  async function sendOtp(instance: number): Promise<string> {
    const before = sink!.messages.length;
    const response = await call(instance, 'POST', '/v1/otp');
    expect(response.status).toBe(201);
    return readCodeFromMail(await sink!.waitForMessage(before + 1));
  }
  function confirm(instance: number, code: string, customerId: string) {
    return call(instance, 'POST', '/v1/deletions', { customers: [{ id: customerId, name: customerId }], reason: 'Duplicate record', confirmation: 'DELETE', otp: code });
  }
  return { stores, account, clock, call, sendOtp, confirm };
}

describe.skipIf(TEST_BACKEND !== 'postgres')('two API instances on one database', () => {
  it('spend a 50-use code exactly 50 times', { timeout: 60_000 }, async () => {
    const cluster = await startTwoInstances();
    const code = await cluster.sendOtp(0);

    const responses = await Promise.all(Array.from({ length: 200 }, (_, index) => cluster.confirm(index % 2, code, `c${index}`)));
    const statuses = responses.map((response) => response.status);

    expect(statuses.filter((status) => status === 201)).toHaveLength(50);
    expect(statuses.filter((status) => status !== 201 && status !== 410)).toEqual([]);
    const approvals = await cluster.stores[1]!.listApprovals(cluster.account.id, { limit: 200 });
    expect(approvals!.items).toHaveLength(50);
    expect(new Set(approvals!.items.map((approval) => approval.customer.id)).size).toBe(50);
  });

  it('end the code on one instance when the other resends', async () => {
    const cluster = await startTwoInstances();
    const first = await cluster.sendOtp(0);
    expect((await cluster.confirm(1, first, 'c1')).status).toBe(201);

    // The resend wait applies across instances.
    expect((await cluster.call(1, 'POST', '/v1/otp')).json.error.code).toBe('RESEND_TOO_SOON');
    cluster.clock.advance(61_000);
    const second = await cluster.sendOtp(1);

    const stale = await cluster.confirm(0, first, 'c2');
    expect(stale.status).toBe(403);
    expect(stale.json.error.code).toBe('OTP_INVALID');
    expect((await cluster.confirm(0, second, 'c3')).status).toBe(201);
    expect((await cluster.call(0, 'GET', '/v1/otp')).json.usesLeft).toBe(49);
  });
});
