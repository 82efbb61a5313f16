import { afterEach, describe, expect, it } from 'vitest';
import { startDeliveryStack, type DeliveryStack } from './helpers/delivery-stack.ts';

let stack: DeliveryStack | undefined;

afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('temporary rejection', () => {
  it('retries 451 twice, then delivers a usable code', async () => {
    stack = await startDeliveryStack({
      smtp: {
        replyToRcpt: (_address, count) => (count <= 2 ? { code: 451, message: '4.3.0 Try again later' } : undefined),
        queuedReply: 'Ok: queued as ABC123',
      },
    });

    const send = await stack.call('POST', '/v1/otp');
    expect(send.status).toBe(201);
    expect(send.json.delivery).toMatchObject({ status: 'retrying', attempts: 1, classification: 'transient', step: 'wait-and-resend' });
    expect(send.json.delivery.nextAttemptAt).toBe(new Date(stack.clock.now() + 15_000).toISOString());

    const first = (await stack.call('GET', '/v1/otp')).json;
    expect(first.deliveries[0]).toMatchObject({ kind: 'otp', status: 'retrying', attempts: 1, responseCode: 451, enhancedStatus: '4.3.0' });
    expect(first.deliveries[0].response).toContain('451 4.3.0 Try again later');
    expect(first.active).toBe(false);

    stack.scheduler.runNext();
    await stack.waitForLatestDelivery((delivery) => delivery.attempts === 2, 'the second attempt');
    expect(stack.smtp.messages).toHaveLength(0);

    stack.scheduler.runNext();
    const sent = await stack.waitForLatestDelivery((delivery) => delivery.status === 'sent', 'the third attempt to succeed');
    expect(sent).toMatchObject({ attempts: 3, queueId: 'ABC123' });
    expect(sent.response).toContain('queued as ABC123');
    expect(sent).not.toHaveProperty('classification');
    expect(stack.scheduler.pendingCount()).toBe(0);

    expect(stack.smtp.messages).toHaveLength(1);
    const status = (await stack.call('GET', '/v1/otp')).json;
    expect(status.active).toBe(true);
    expect((await stack.confirm(await stack.readCode(0))).status).toBe(201);
  });

  it('keeps the previous code while a resend is retried', async () => {
    let failing = false;
    stack = await startDeliveryStack({
      smtp: { replyToRcpt: () => (failing ? { code: 421, message: '4.7.0 Too many connections, slow down' } : undefined) },
    });
    expect((await stack.call('POST', '/v1/otp')).status).toBe(201);
    const oldCode = await stack.readCode(0);

    stack.clock.advance(61_000);
    failing = true;
    const resend = await stack.call('POST', '/v1/otp');
    expect(resend.status).toBe(201);
    expect(resend.json.delivery.status).toBe('retrying');

    // Every retry fails too: after the last one the new code is dropped for good.
    for (let retry = 0; retry < 3; retry += 1) {
      stack.scheduler.runNext();
      await stack.waitForLatestDelivery((delivery) => delivery.attempts === retry + 2, `attempt ${retry + 2}`);
    }
    const failed = await stack.waitForLatestDelivery((delivery) => delivery.status === 'failed', 'the delivery to fail');
    expect(failed).toMatchObject({ attempts: 4, classification: 'transient', step: 'wait-and-resend' });
    expect(stack.scheduler.pendingCount()).toBe(0);

    expect((await stack.confirm(oldCode)).status).toBe(201);
  });
});

describe('permanent rejection', () => {
  it('returns 502 for a full mailbox and keeps the old code', async () => {
    let full = false;
    stack = await startDeliveryStack({
      smtp: { replyToRcpt: (address) => (full ? { code: 552, message: `5.2.2 <${address}>: Mailbox full` } : undefined) },
    });
    expect((await stack.call('POST', '/v1/otp')).status).toBe(201);
    const oldCode = await stack.readCode(0);

    stack.clock.advance(61_000);
    full = true;
    const resend = await stack.call('POST', '/v1/otp');
    expect(resend.status).toBe(502);
    expect(resend.json.error).toMatchObject({ code: 'MAIL_FAILED', classification: 'mailbox_full', step: 'free-space' });
    expect(resend.json.error.reason).toContain('Mailbox full');
    expect(resend.text).not.toContain('owner@demo.test');

    const delivery = (await stack.call('GET', '/v1/otp')).json.deliveries[0];
    expect(delivery).toMatchObject({
      id: resend.json.error.deliveryId,
      status: 'failed',
      attempts: 1,
      classification: 'mailbox_full',
      step: 'free-space',
      responseCode: 552,
      enhancedStatus: '5.2.2',
    });
    expect(delivery.response).toContain('552 5.2.2 <o***@demo.test>: Mailbox full');
    expect(stack.scheduler.pendingCount()).toBe(0);

    expect((await stack.confirm(oldCode)).status).toBe(201);
  });

  it('keeps full addresses out of the logs', async () => {
    stack = await startDeliveryStack({
      smtp: { replyToRcpt: (address) => ({ code: 550, message: `5.1.1 <${address}>: Recipient address rejected` }) },
    });
    const send = await stack.call('POST', '/v1/otp');
    expect(send.json.error).toMatchObject({ classification: 'no_such_mailbox', step: 'check-address' });
    expect(stack.logLines.join('\n')).not.toContain('owner@demo.test');
  });
});

describe('shutdown', () => {
  it('marks a waiting retry failed', async () => {
    stack = await startDeliveryStack({ smtp: { replyToRcpt: () => ({ code: 451, message: '4.3.0 Try again later' }) } });
    expect((await stack.call('POST', '/v1/otp')).json.delivery.status).toBe('retrying');

    await stack.stopApi();
    const store = await stack.openStore();
    const [accountId] = (await store.listAccounts()).map((account) => account.id);
    const data = await store.transact(accountId!, (tx) => structuredClone({ deliveries: tx.deliveries, codes: tx.codes }));
    await store.close();
    expect(data.deliveries.at(-1)).toMatchObject({ status: 'failed', classification: 'transient' });
    expect(data.codes.at(-1)).toMatchObject({ endReason: 'mail_failed', activatedAt: null });
  });
});
