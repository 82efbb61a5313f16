import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../api/clock.ts';
import {
  createDeliveryQueue,
  type DeliveryQueue,
  type DeliveryQueueOptions,
  type DeliveryStatusUpdate,
} from '../../api/mail/delivery-queue.ts';
import type { Mailer } from '../../api/mail/mailer.ts';
import { createSmtpMailer } from '../../api/mail/smtp-mailer.ts';
import { composeOtpMail } from '../../api/mail/templates.ts';
import { createCapturingLogger, findClosedPort, startTestSmtpServer, type TestSmtpServerOptions } from './smtp-test-servers.ts';

const FROM = 'Delete Guard <no-reply@delete-guard.localhost>';
const RECIPIENT = 'owner@acme.test';
const CODE = '048213';
const MAIL = { to: RECIPIENT, ...composeOtpMail({ company: 'Demo Company', code: CODE, ttlMinutes: 60, maxUses: 50 }) };
const HOUR_MS = 3_600_000;
const TRY_AGAIN = { code: 451, message: '4.3.0 Try again later' };

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A schedule function that keeps callbacks until the test runs them. */
function createManualSchedule() {
  const timers: Array<{ callback: () => void; ms: number; cancelled: boolean }> = [];
  const schedule = (callback: () => void, ms: number) => {
    const timer = { callback, ms, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  return { schedule, timers };
}

interface Harness {
  queue: DeliveryQueue;
  statuses: DeliveryStatusUpdate[];
  timers: ReturnType<typeof createManualSchedule>['timers'];
  clock: ReturnType<typeof createManualClock>;
  logLines: string[];
  /** Moves the clock to the next timer, runs it and waits until `statusCount` statuses exist. */
  runNextRetry(statusCount: number): Promise<void>;
}

async function createMailerFor(serverOptions: TestSmtpServerOptions | 'refused'): Promise<{ mailer: Mailer; received: () => number }> {
  const { logger } = createCapturingLogger();
  if (serverOptions === 'refused') {
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${await findClosedPort()}`, from: FROM, logger });
    cleanups.push(() => mailer.close());
    return { mailer, received: () => 0 };
  }
  const server = await startTestSmtpServer(serverOptions);
  cleanups.push(() => server.close());
  const mailer = createSmtpMailer({ url: server.url, from: FROM, logger });
  cleanups.push(() => mailer.close());
  return { mailer, received: () => server.messages.length };
}

function createHarness(mailer: Mailer, overrides: Partial<DeliveryQueueOptions> = {}): Harness {
  const clock = createManualClock();
  const { schedule, timers } = createManualSchedule();
  const { logger, lines } = createCapturingLogger();
  const statuses: DeliveryStatusUpdate[] = [];
  const queue = createDeliveryQueue({
    mailer,
    clock,
    logger,
    schedule,
    onStatus: (_id, update) => {
      statuses.push(update);
    },
    ...overrides,
  });
  cleanups.push(() => queue.close());

  async function runNextRetry(statusCount: number): Promise<void> {
    const timer = timers.find((candidate) => !candidate.cancelled && candidate.ms >= 0);
    if (!timer) throw new Error('No retry is scheduled');
    timers.splice(timers.indexOf(timer), 1);
    clock.advance(timer.ms);
    timer.callback();
    await vi.waitFor(() => expect(statuses).toHaveLength(statusCount));
  }

  return { queue, statuses, timers, clock, logLines: lines, runNextRetry };
}

describe('createDeliveryQueue', () => {
  it('451 twice then 250 ends sent', async () => {
    const { mailer, received } = await createMailerFor({
      replyToRcpt: (_address, count) => (count <= 2 ? TRY_AGAIN : undefined),
      queuedReply: 'Ok: queued as ABC123',
    });
    const harness = createHarness(mailer);
    const validUntil = harness.clock.now() + HOUR_MS;

    const first = await harness.queue.enqueue('dlv_1', MAIL, { validUntil });
    expect(first.status).toBe('retrying');
    expect(first.classification).toBe('transient');
    expect(first.detail).toContain('451');
    expect(first.nextAttemptAt).toBe(harness.clock.now() + 15_000);

    await harness.runNextRetry(3);
    await harness.runNextRetry(4);

    expect(harness.statuses.map((update) => update.status)).toEqual(['queued', 'retrying', 'retrying', 'sent']);
    expect(harness.statuses.map((update) => update.attempt)).toEqual([0, 1, 2, 3]);
    expect(harness.statuses[3]).toMatchObject({ response: '250 Ok: queued as ABC123', queueId: 'ABC123' });
    expect(received()).toBe(1);
    expect(harness.queue.pendingCount()).toBe(0);
  });

  it('waits 15 then 45 seconds between retries', async () => {
    const { mailer } = await createMailerFor({ replyToRcpt: (_address, count) => (count <= 2 ? TRY_AGAIN : undefined) });
    const harness = createHarness(mailer);
    await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });

    expect(harness.timers.map((timer) => timer.ms)).toEqual([15_000]);
    await harness.runNextRetry(3);
    expect(harness.timers.map((timer) => timer.ms)).toEqual([45_000]);
  });

  it('552 fails as mailbox_full without retry', async () => {
    const { mailer } = await createMailerFor({ replyToRcpt: () => ({ code: 552, message: '5.2.2 Mailbox full' }) });
    const harness = createHarness(mailer);

    const first = await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });

    expect(first.status).toBe('failed');
    expect(first.classification).toBe('mailbox_full');
    expect(first.enhancedStatus).toBe('5.2.2');
    expect(harness.timers).toHaveLength(0);
    expect(harness.statuses.map((update) => update.status)).toEqual(['queued', 'failed']);
  });

  it('connection refused fails after all tries', async () => {
    const { mailer } = await createMailerFor('refused');
    const harness = createHarness(mailer);

    const first = await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });
    expect(first.status).toBe('retrying');
    await harness.runNextRetry(3);
    await harness.runNextRetry(4);
    await harness.runNextRetry(5);

    expect(harness.statuses.map((update) => update.status)).toEqual(['queued', 'retrying', 'retrying', 'retrying', 'failed']);
    expect(harness.statuses[4]).toMatchObject({ attempt: 4, classification: 'transient' });
    expect(harness.statuses[4]?.detail).toContain('ECONNREFUSED');
    expect(harness.timers).toHaveLength(0);
  });

  it('stops when the code expires first', async () => {
    const { mailer } = await createMailerFor({ replyToRcpt: () => TRY_AGAIN });
    const harness = createHarness(mailer);

    await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + 30_000 });
    await harness.runNextRetry(3);

    // The second retry would start 60 seconds in, after the code expired.
    expect(harness.statuses.map((update) => update.status)).toEqual(['queued', 'retrying', 'failed']);
    expect(harness.timers).toHaveLength(0);
  });

  it('no retry when code expires within the first delay', async () => {
    const { mailer } = await createMailerFor({ replyToRcpt: () => TRY_AGAIN });
    const harness = createHarness(mailer);

    const first = await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + 10_000 });

    expect(first.status).toBe('failed');
    expect(first.classification).toBe('transient');
  });

  it('fails when the clock passes expiry before a retry', async () => {
    const { mailer } = await createMailerFor({ replyToRcpt: () => TRY_AGAIN });
    const harness = createHarness(mailer);
    await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });

    harness.clock.advance(HOUR_MS);
    await harness.runNextRetry(3);

    expect(harness.statuses[2]).toMatchObject({ status: 'failed', attempt: 1, classification: 'transient' });
  });

  it('repeated 4.2.2 counts as mailbox full', async () => {
    const { mailer } = await createMailerFor({ replyToRcpt: () => ({ code: 452, message: '4.2.2 Mailbox full, try again later' }) });
    const harness = createHarness(mailer);

    const first = await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });
    expect(first).toMatchObject({ status: 'retrying', classification: 'mailbox_full' });
    await harness.runNextRetry(3);

    expect(harness.statuses[2]).toMatchObject({ status: 'failed', attempt: 2, classification: 'mailbox_full' });
    expect(harness.timers).toHaveLength(0);
  });

  it('close cancels a waiting retry', async () => {
    const { mailer } = await createMailerFor({ replyToRcpt: () => TRY_AGAIN });
    const harness = createHarness(mailer);
    await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });

    await harness.queue.close();

    expect(harness.timers[0]?.cancelled).toBe(true);
    expect(harness.statuses.at(-1)).toMatchObject({ status: 'failed', classification: 'transient' });
    expect(harness.statuses.at(-1)?.detail).toContain('Resend the code');
    expect(harness.queue.pendingCount()).toBe(0);
    await expect(harness.queue.enqueue('dlv_2', MAIL, { validUntil: harness.clock.now() + HOUR_MS })).rejects.toThrow(
      'Failed to enqueue delivery dlv_2: the delivery queue is closed.',
    );
  });

  it('rejects a delivery id already queued', async () => {
    const { mailer } = await createMailerFor({ replyToRcpt: () => TRY_AGAIN });
    const harness = createHarness(mailer);
    await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });

    await expect(harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS })).rejects.toThrow(
      'already in the queue',
    );
  });

  it('keeps going when onStatus throws', async () => {
    const { mailer, received } = await createMailerFor({});
    const harness = createHarness(mailer, {
      onStatus: () => {
        throw new Error('store is read-only');
      },
    });

    const first = await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });

    expect(first.status).toBe('sent');
    expect(received()).toBe(1);
    expect(harness.logLines.join('\n')).toContain('Failed to record a delivery status');
  });

  it('mailer that throws fails without retry', async () => {
    const mailer: Mailer = {
      send: () => Promise.reject(new Error('bug')),
      close: () => Promise.resolve(),
    };
    const harness = createHarness(mailer);

    const first = await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + HOUR_MS });

    expect(first).toMatchObject({ status: 'failed', classification: 'other' });
    expect(harness.timers).toHaveLength(0);
  });

  it('retries on real timers by default', async () => {
    const { mailer, received } = await createMailerFor({ replyToRcpt: (_address, count) => (count === 1 ? TRY_AGAIN : undefined) });
    const statuses: DeliveryStatusUpdate[] = [];
    const queue = createDeliveryQueue({
      mailer,
      clock: { now: () => Date.now() },
      logger: createCapturingLogger().logger,
      retryDelaysMs: [20],
      onStatus: (_id, update) => {
        statuses.push(update);
      },
    });
    cleanups.push(() => queue.close());

    await queue.enqueue('dlv_1', MAIL, { validUntil: Date.now() + HOUR_MS });
    await vi.waitFor(() => expect(statuses.at(-1)?.status).toBe('sent'));

    expect(received()).toBe(1);
  });

  it('logs neither code nor full address', async () => {
    const { mailer } = await createMailerFor('refused');
    const harness = createHarness(mailer);
    await harness.queue.enqueue('dlv_1', MAIL, { validUntil: harness.clock.now() + 20_000 });
    await harness.runNextRetry(3);

    const output = harness.logLines.join('\n');
    expect(output).toContain('dlv_1');
    expect(output).toContain('o***@acme.test');
    expect(output).not.toContain(RECIPIENT);
    expect(output).not.toContain(CODE);
  });
});
