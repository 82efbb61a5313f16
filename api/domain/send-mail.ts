import type { Logger } from 'pino';
import { troubleshootingStepFor } from '../../shared/delivery.ts';
import { ApiFailure } from '../http/api-failure.ts';
import type { DeliveryStatusUpdate } from '../mail/delivery-queue.ts';
import type { OutgoingMail } from '../mail/mailer.ts';
import type { AppServices } from '../services.ts';
import { toIso } from '../time.ts';
import { applyDeliveryStatus } from './delivery-effects.ts';

/** Input of {@link queueMail}: a delivery record already in the store and the message it stands for. */
export interface QueuedMail {
  accountId: string;
  deliveryId: string;
  mail: OutgoingMail;
  /** No attempt starts after this time, in epoch milliseconds: the code's expiry for code emails. */
  validUntil: number;
}

/**
 * Hands one email to the delivery queue and returns the state after its first
 * attempt. Always returns: when the queue rejects the email (it is closing),
 * the delivery is recorded as failed so no request ends in a 500.
 */
export async function queueMail(services: AppServices, queued: QueuedMail, log: Logger): Promise<DeliveryStatusUpdate> {
  try {
    return await services.deliveryQueue.enqueue(queued.deliveryId, queued.mail, { validUntil: queued.validUntil, accountId: queued.accountId });
  } catch (error) {
    log.error({ err: error, deliveryId: queued.deliveryId }, 'Failed to queue an email');
    const update: DeliveryStatusUpdate = {
      status: 'failed',
      attempt: 0,
      at: services.clock.now(),
      classification: 'transient',
      detail: 'The API is stopping, so the email was not sent. Try again in a minute.',
    };
    await services.store.transact(queued.accountId, (tx) => applyDeliveryStatus(tx, queued.deliveryId, update));
    return update;
  }
}

/** Builds the 502 MAIL_FAILED failure for a delivery that failed for good. */
export function mailFailure(deliveryId: string, update: DeliveryStatusUpdate): ApiFailure {
  const classification = update.classification ?? 'other';
  return new ApiFailure('MAIL_FAILED', {
    reason: update.detail ?? 'The mail server did not accept the email.',
    classification,
    step: troubleshootingStepFor(classification),
    deliveryId,
  });
}

/** Fields of a send response's `delivery` that describe its first attempt. */
export function describeFirstAttempt(deliveryId: string, update: DeliveryStatusUpdate) {
  const classification = update.classification;
  return {
    id: deliveryId,
    status: update.status,
    attempts: update.attempt,
    ...(update.status !== 'sent' && update.detail ? { detail: update.detail } : {}),
    ...(update.status !== 'sent' && classification ? { classification, step: troubleshootingStepFor(classification) } : {}),
    ...(update.nextAttemptAt !== undefined ? { nextAttemptAt: toIso(update.nextAttemptAt) } : {}),
  };
}
