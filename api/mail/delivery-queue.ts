import type { Logger } from 'pino';
import { maskEmail } from '../../shared/email.ts';
import type { Clock } from '../clock.ts';
import type { FailedResult, Mailer, OutgoingMail, SendResult } from './mailer.ts';
import type { FailureClass } from '../../shared/delivery.ts';

/** Delivery states, the same as `DELIVERY_STATUSES` of the API contract. */
export type DeliveryStatus = 'queued' | 'retrying' | 'sent' | 'failed';

/** One change of a delivery's state, for the store and the delivery history. */
export interface DeliveryStatusUpdate {
  status: DeliveryStatus;
  /** Attempts made so far: 0 while queued, 1 after the first attempt. */
  attempt: number;
  /** When the state changed, in milliseconds since the Unix epoch. */
  at: number;
  /** Reason of the last failure in plain words, with the recipient masked. */
  detail?: string;
  classification?: FailureClass;
  /** RFC 3463 enhanced status code of the last failure, such as "4.2.2". */
  enhancedStatus?: string;
  /** The server's last reply: its acceptance, or its rejection of the last attempt. Addresses are masked. */
  response?: string;
  /** Basic SMTP reply code of the last rejection, such as 451. */
  responseCode?: number;
  /** Socket or nodemailer error code of the last attempt when the server sent no reply, such as ETIMEDOUT. */
  errorCode?: string;
  /** Id the server queued the message under, when its reply names one. */
  queueId?: string;
  /** When the next attempt is due, for `retrying`. */
  nextAttemptAt?: number;
}

/** Runs `callback` after `ms` milliseconds and returns a function that cancels it. */
export type ScheduleFunction = (callback: () => void, ms: number) => () => void;

/** Settings of {@link createDeliveryQueue}. */
export interface DeliveryQueueOptions {
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  /** Timer source, injected so tests run retries without waiting. Defaults to setTimeout. */
  schedule?: ScheduleFunction;
  /**
   * Waits before each retry, in milliseconds. The default makes 4 attempts
   * over 2 minutes: at 0, 15, 60 and 120 seconds.
   */
  retryDelaysMs?: readonly number[];
  /**
   * Receives every state change in order. It is awaited before the queue goes
   * on, so a store write finishes before the next change. Errors it throws are
   * logged and do not stop the delivery.
   */
  onStatus(deliveryId: string, update: DeliveryStatusUpdate, context: DeliveryContext): void | Promise<void>;
}

/** Context the caller of enqueue gives for a delivery, passed back to onStatus. */
export interface DeliveryContext {
  /** Account the delivery belongs to, so the store finds its record without a search. */
  accountId?: string;
}

/** Options of one {@link DeliveryQueue.enqueue} call. */
export interface EnqueueOptions {
  /** When the code in the message expires, in milliseconds since the Unix epoch. No attempt starts after it. */
  validUntil: number;
  /** Account the delivery belongs to; onStatus receives it. */
  accountId?: string;
}

/** Sends mail and retries transient failures in the background. */
export interface DeliveryQueue {
  /**
   * Sends `mail` at once and resolves with the state after that first
   * attempt: `sent`, `failed`, or `retrying` when a transient failure will be
   * retried. Later changes reach `onStatus` only.
   *
   * Rejects when the queue is closed or `deliveryId` is already queued.
   */
  enqueue(deliveryId: string, mail: OutgoingMail, options: EnqueueOptions): Promise<DeliveryStatusUpdate>;
  /** Number of deliveries that wait for a retry or have an attempt running. */
  pendingCount(): number;
  /**
   * Cancels every waiting retry and marks those deliveries `failed`, then
   * waits for running attempts to finish. Call it before closing the mailer.
   */
  close(): Promise<void>;
}

/** Waits of 15, 45 and 60 seconds: 4 attempts within about 2 minutes. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [15_000, 45_000, 60_000];

const CLOSED_DETAIL = 'The API stopped before the email could be sent. Resend the code.';

interface PendingDelivery {
  id: string;
  context: DeliveryContext;
  mail: OutgoingMail;
  validUntil: number;
  attempt: number;
  lastFailure?: FailedResult;
  cancelRetry?: () => void;
}

/**
 * Creates a queue that sends each message once at once and retries transient
 * failures (4xx replies, refused or reset connections, timeouts) after the
 * delays in `retryDelaysMs`, as long as the code is still valid at the next
 * attempt. Permanent failures end at once. A full mailbox (4.2.2) counts as
 * permanent when two attempts in a row report it.
 *
 * The queue lives in memory, so a restart drops waiting retries.
 */
export function createDeliveryQueue(options: DeliveryQueueOptions): DeliveryQueue {
  const { mailer, clock } = options;
  const schedule = options.schedule ?? scheduleWithTimer;
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const logger = options.logger.child({ component: 'delivery-queue' });
  const pending = new Map<string, PendingDelivery>();
  const running = new Set<Promise<unknown>>();
  let closed = false;

  async function report(delivery: PendingDelivery, update: Omit<DeliveryStatusUpdate, 'at'>): Promise<DeliveryStatusUpdate> {
    const full: DeliveryStatusUpdate = { ...update, at: clock.now() };
    try {
      await options.onStatus(delivery.id, full, delivery.context);
    } catch (error) {
      logger.error({ err: error, deliveryId: delivery.id, status: full.status }, 'Failed to record a delivery status');
    }
    return full;
  }

  async function attempt(delivery: PendingDelivery): Promise<DeliveryStatusUpdate> {
    delivery.attempt += 1;
    const result = await sendSafely(delivery);
    if (result.status === 'sent') {
      pending.delete(delivery.id);
      return report(delivery, {
        status: 'sent',
        attempt: delivery.attempt,
        response: result.response,
        ...(result.queueId ? { queueId: result.queueId } : {}),
      });
    }

    const previous = delivery.lastFailure;
    delivery.lastFailure = result;
    const stopReason = findStopReason(delivery, result, previous);
    if (stopReason) {
      pending.delete(delivery.id);
      logFailure(delivery, result, stopReason);
      return report(delivery, { status: 'failed', attempt: delivery.attempt, ...describeFailure(result) });
    }

    const delay = retryDelaysMs[delivery.attempt - 1]!;
    const nextAttemptAt = clock.now() + delay;
    logger.info(
      { deliveryId: delivery.id, to: maskEmail(delivery.mail.to), attempt: delivery.attempt, delayMs: delay, classification: result.classification },
      'Email not sent yet; retrying later',
    );
    const update = await report(delivery, { status: 'retrying', attempt: delivery.attempt, nextAttemptAt, ...describeFailure(result) });

    // close() may have run while the status was being recorded.
    if (closed) {
      pending.delete(delivery.id);
      await report(delivery, { status: 'failed', attempt: delivery.attempt, classification: 'transient', detail: CLOSED_DETAIL });
      return update;
    }
    delivery.cancelRetry = schedule(() => startRetry(delivery), delay);
    return update;
  }

  function findStopReason(delivery: PendingDelivery, result: FailedResult, previous: FailedResult | undefined): string | undefined {
    if (!result.transient) return 'permanent failure';
    if (closed) return 'the delivery queue is closed';
    if (result.classification === 'mailbox_full' && previous?.classification === 'mailbox_full') {
      return 'mailbox full on two attempts in a row';
    }
    if (delivery.attempt > retryDelaysMs.length) return 'no retries left';
    if (clock.now() + retryDelaysMs[delivery.attempt - 1]! >= delivery.validUntil) return 'the code expires before the next attempt';
    return undefined;
  }

  function startRetry(delivery: PendingDelivery): void {
    delivery.cancelRetry = undefined;
    if (closed || !pending.has(delivery.id)) return;
    track(retry(delivery));
  }

  async function retry(delivery: PendingDelivery): Promise<void> {
    // The clock may have moved further than the timer, as after a suspend.
    if (clock.now() >= delivery.validUntil) {
      pending.delete(delivery.id);
      logger.warn({ deliveryId: delivery.id, attempt: delivery.attempt }, 'Stopped retrying an email: the code has expired');
      const last = delivery.lastFailure;
      await report(delivery, { status: 'failed', attempt: delivery.attempt, ...(last ? describeFailure(last) : {}) });
      return;
    }
    await attempt(delivery);
  }

  async function sendSafely(delivery: PendingDelivery): Promise<SendResult> {
    try {
      return await mailer.send(delivery.mail);
    } catch (error) {
      // The Mailer contract forbids send from throwing, so this is a bug in
      // the mailer. Retrying would likely throw again.
      logger.error({ err: error, deliveryId: delivery.id }, 'Failed to send email: the mailer threw');
      return { status: 'failed', reason: 'The mailer failed unexpectedly.', classification: 'other', transient: false };
    }
  }

  function logFailure(delivery: PendingDelivery, result: FailedResult, stopReason: string): void {
    logger.warn(
      {
        deliveryId: delivery.id,
        to: maskEmail(delivery.mail.to),
        attempt: delivery.attempt,
        classification: result.classification,
        reason: result.reason,
        stopReason,
      },
      'Failed to deliver email',
    );
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    running.add(promise);
    void promise.finally(() => running.delete(promise)).catch(() => undefined);
    return promise;
  }

  async function enqueue(deliveryId: string, mail: OutgoingMail, enqueueOptions: EnqueueOptions): Promise<DeliveryStatusUpdate> {
    if (closed) throw new Error(`Failed to enqueue delivery ${deliveryId}: the delivery queue is closed.`);
    if (pending.has(deliveryId)) throw new Error(`Failed to enqueue delivery ${deliveryId}: it is already in the queue.`);

    const context: DeliveryContext = enqueueOptions.accountId === undefined ? {} : { accountId: enqueueOptions.accountId };
    const delivery: PendingDelivery = { id: deliveryId, context, mail, validUntil: enqueueOptions.validUntil, attempt: 0 };
    pending.set(deliveryId, delivery);
    return track(
      (async () => {
        await report(delivery, { status: 'queued', attempt: 0 });
        return attempt(delivery);
      })(),
    );
  }

  async function close(): Promise<void> {
    closed = true;
    const waiting = [...pending.values()].filter((delivery) => delivery.cancelRetry);
    for (const delivery of waiting) {
      delivery.cancelRetry!();
      pending.delete(delivery.id);
    }
    if (waiting.length > 0) logger.warn({ count: waiting.length }, 'Delivery queue closed; cancelled waiting retries');
    await Promise.all(
      waiting.map((delivery) =>
        report(delivery, { status: 'failed', attempt: delivery.attempt, classification: 'transient', detail: CLOSED_DETAIL }),
      ),
    );
    await Promise.allSettled([...running]);
  }

  return { enqueue, pendingCount: () => pending.size, close };
}

type FailureFields = 'detail' | 'classification' | 'enhancedStatus' | 'response' | 'responseCode' | 'errorCode';

function describeFailure(result: FailedResult): Pick<DeliveryStatusUpdate, FailureFields> {
  return {
    detail: result.reason,
    classification: result.classification ?? (result.transient ? 'transient' : 'other'),
    ...(result.enhancedStatus ? { enhancedStatus: result.enhancedStatus } : {}),
    ...(result.response ? { response: result.response } : {}),
    ...(result.responseCode !== undefined ? { responseCode: result.responseCode } : {}),
    ...(result.errorCode ? { errorCode: result.errorCode } : {}),
  };
}

function scheduleWithTimer(callback: () => void, ms: number): () => void {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
}
