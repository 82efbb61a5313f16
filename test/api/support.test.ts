import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { startDeliveryStack, type DeliveryStack } from './helpers/delivery-stack.ts';
import { runAccountsCli } from './helpers/processes.ts';

let stack: DeliveryStack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Creates a support key with the real CLI on the stack's data file and returns it with its id. */
async function createSupportKeyWithCli(env: Record<string, string>): Promise<{ supportKeyId: string; name: string; supportKey: string }> {
  const run = await runAccountsCli(['create-support-key', '--name', 'Ana (support)'], env);
  if (run.code !== 0) throw new Error(`create-support-key exited with ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as { supportKeyId: string; name: string; supportKey: string };
}

describe('support key', () => {
  it('searches, reads deliveries and sends a test email', async () => {
    stack = await startDeliveryStack({ smtp: { queuedReply: 'Ok: queued as Q42' } });
    const created = await createSupportKeyWithCli(stack.storeEnv);
    expect(created.supportKey).toMatch(/^dg_support_/);
    expect(created.name).toBe('Ana (support)');
    if (stack.databaseUrl === undefined) {
      const stored = await readFile(stack.dataFile, 'utf8');
      expect(stored).not.toContain(created.supportKey);
      expect((JSON.parse(stored) as { supportKeys: { role: string }[] }).supportKeys.map((supportKey) => supportKey.role)).toEqual(['support']);
    }
    const key = created.supportKey;

    expect((await stack.call('POST', '/v1/otp')).status).toBe(201);

    // Search: the domain is compared case-insensitively, and the response is masked.
    const search = await stack.call('GET', '/v1/support/accounts?email=owner%40DEMO.test', undefined, key);
    expect(search.status).toBe(200);
    expect(search.json.accounts).toHaveLength(1);
    const account = search.json.accounts[0];
    expect(account).toMatchObject({ company: 'Demo Company', registeredEmail: 'o***@demo.test', destination: 'o***@demo.test', provider: 'other' });
    expect(search.text).not.toContain('owner@demo.test');

    const unknown = await stack.call('GET', '/v1/support/accounts?email=nobody%40demo.test', undefined, key);
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ accounts: [] });

    const deliveries = await stack.call('GET', `/v1/support/accounts/${account.id}/deliveries`, undefined, key);
    expect(deliveries.status).toBe(200);
    expect(deliveries.json.deliveries[0]).toMatchObject({ kind: 'otp', status: 'sent', sentTo: 'o***@demo.test', attempts: 1, queueId: 'Q42' });
    expect(deliveries.text).not.toContain('owner@demo.test');

    const test = await stack.call('POST', `/v1/support/accounts/${account.id}/test-email`, undefined, key);
    expect(test.status).toBe(201);
    expect(test.json.delivery).toMatchObject({ kind: 'test', status: 'sent', sentTo: 'o***@demo.test', queueId: 'Q42' });
    const mail = await simpleParser(stack.smtp.messages.at(-1)!.raw);
    expect(stack.smtp.messages.at(-1)!.rcptTo).toEqual(['owner@demo.test']);
    expect(mail.subject).toBe('Delete Guard delivery test for Demo Company');
    expect(mail.text).toContain('This is a delivery test from Delete Guard support');
    expect(mail.text).not.toMatch(/\b\d{6}\b/);

    const events = await stack.call('GET', `/v1/support/events?accountId=${account.id}`, undefined, key);
    expect(events.status).toBe(200);
    expect(events.json.events.map((event: { action: string }) => event.action)).toEqual(['send_test_email', 'list_deliveries', 'search_accounts']);
    for (const event of events.json.events) {
      expect(event).toMatchObject({ supportKeyId: created.supportKeyId, supportKeyName: 'Ana (support)' });
      expect(Date.parse(event.at)).toBe(stack.clock.now());
    }
    expect(events.json.events[0]).toMatchObject({ accountId: account.id, deliveryId: test.json.delivery.id });
    expect(events.json.events[2]).toMatchObject({ accountId: null, matchedAccountIds: [account.id] });

    // The search that found nothing is in the trail too, without an account.
    const all = await stack.call('GET', '/v1/support/events', undefined, key);
    expect(all.json.events).toHaveLength(4);
    expect(all.json.events[2]).toMatchObject({ action: 'search_accounts', matchedAccountIds: [] });

    expect(stack.logLines.join('\n')).not.toContain(key);
  });

  it('rejects each kind of key on the other routes', async () => {
    stack = await startDeliveryStack();
    const { supportKey } = await createSupportKeyWithCli(stack.storeEnv);

    const accountOnSupport = await stack.call('GET', '/v1/support/accounts?email=owner%40demo.test');
    expect(accountOnSupport.status).toBe(403);
    expect(accountOnSupport.json.error.code).toBe('FORBIDDEN');
    expect((await stack.call('GET', '/v1/support/events')).status).toBe(403);

    for (const [method, path] of [
      ['GET', '/v1/otp'],
      ['POST', '/v1/otp'],
      ['GET', '/v1/settings'],
    ] as const) {
      const response = await stack.call(method, path, undefined, supportKey);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.json.error.code).toBe('FORBIDDEN');
    }

    expect((await stack.call('GET', '/v1/support/events', undefined, null)).status).toBe(401);
    expect((await stack.call('GET', '/v1/support/events', undefined, 'dg_support_wrong')).status).toBe(401);
    expect(stack.smtp.messages).toHaveLength(0);
  });

  it('limits test emails per account and hour', async () => {
    stack = await startDeliveryStack({ env: { OTP_SENDS_PER_HOUR: '2' } });
    const { supportKey } = await createSupportKeyWithCli(stack.storeEnv);
    const accountId = (await stack.call('GET', '/v1/support/accounts?email=owner%40demo.test', undefined, supportKey)).json.accounts[0].id;
    const path = `/v1/support/accounts/${accountId}/test-email`;

    expect((await stack.call('POST', path, undefined, supportKey)).status).toBe(201);
    expect((await stack.call('POST', path, undefined, supportKey)).status).toBe(201);
    const third = await stack.call('POST', path, undefined, supportKey);
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('SEND_LIMIT_REACHED');

    // Test emails do not use up the account's code emails.
    expect((await stack.call('POST', '/v1/otp')).status).toBe(201);

    stack.clock.advance(60 * 60 * 1000);
    expect((await stack.call('POST', path, undefined, supportKey)).status).toBe(201);
  });

  it('returns a failed test email with its reason', async () => {
    stack = await startDeliveryStack({ smtp: { replyToRcpt: () => ({ code: 554, message: '5.7.1 Rejected by policy: sender on a blocklist' }) } });
    const { supportKey } = await createSupportKeyWithCli(stack.storeEnv);
    const accountId = (await stack.call('GET', '/v1/support/accounts?email=owner%40demo.test', undefined, supportKey)).json.accounts[0].id;

    const test = await stack.call('POST', `/v1/support/accounts/${accountId}/test-email`, undefined, supportKey);
    expect(test.status).toBe(201);
    expect(test.json.delivery).toMatchObject({ status: 'failed', classification: 'blocked', step: 'ask-it-to-allow-sender', responseCode: 554 });
  });

  it('answers 404 for an unknown account id', async () => {
    stack = await startDeliveryStack();
    const { supportKey } = await createSupportKeyWithCli(stack.storeEnv);
    expect((await stack.call('GET', '/v1/support/accounts/acct_missing/deliveries', undefined, supportKey)).status).toBe(404);
    expect((await stack.call('POST', '/v1/support/accounts/acct_missing/test-email', undefined, supportKey)).status).toBe(404);
  });
});
