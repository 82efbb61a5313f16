import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { createDeliveryQueue, type DeliveryQueue, type ScheduleFunction } from '../mail/delivery-queue.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { AccountStore } from '../store/account-store.ts';
import { AccountNotFoundError } from '../store/account-store-errors.ts';
import type { DeliveryStatusUpdate } from '../mail/delivery-queue.ts';
import { applyDeliveryStatus } from './delivery-effects.ts';

/** Settings of {@link createTrackedDeliveryQueue}. */
export interface TrackedDeliveryQueueOptions {
  store: AccountStore;
  mailer: Mailer;
  clock: Clock;
  logger: Logger;
  /** Timer source of the retries; tests inject one to run them without waiting. */
  schedule?: ScheduleFunction;
  /** Waits before each retry, in milliseconds; defaults to the queue's 15, 45 and 60 seconds. */
  retryDelaysMs?: readonly number[];
}

/**
 * Creates the app's delivery queue. Every state change it reports is written
 * to the delivery record in the store, together with its effect on the code
 * the email carries (see {@link applyDeliveryStatus}).
 *
 * Close it on shutdown before the mailer: closing marks waiting retries
 * `failed` in the store.
 */
export function createTrackedDeliveryQueue(options: TrackedDeliveryQueueOptions): DeliveryQueue {
  const { store, logger } = options;
  return createDeliveryQueue({
    mailer: options.mailer,
    clock: options.clock,
    logger,
    ...(options.schedule ? { schedule: options.schedule } : {}),
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    async onStatus(deliveryId, update, { accountId }) {
      const record = accountId === undefined ? false : await recordStatus(store, accountId, deliveryId, update);
      if (!record) logger.warn({ deliveryId, status: update.status }, 'Failed to record a delivery status: the delivery record is missing');
    },
  });
}

// Returns false when the record or its account is gone.
async function recordStatus(store: AccountStore, accountId: string, deliveryId: string, update: DeliveryStatusUpdate): Promise<boolean> {
  try {
    return await store.transact(accountId, (tx) => applyDeliveryStatus(tx, deliveryId, update) !== undefined);
  } catch (error) {
    if (error instanceof AccountNotFoundError) return false;
    throw error;
  }
}
