import type { Logger } from 'pino';
import { maskEmail } from '../../shared/email.ts';
import { composeChangeNotice } from '../mail/templates.ts';
import type { AppServices } from '../services.ts';
import type { Account } from '../store/schema.ts';
import { addQueuedDelivery } from './deliveries.ts';
import { findDestination } from './destination.ts';
import { queueMail } from './send-mail.ts';

// A notice carries no code, so it may be retried for as long as the queue retries.
const NOTICE_VALID_MS = 10 * 60 * 1000;

/**
 * Tells the registered email that codes now go to another address, so an
 * owner notices a change they did not make. A failed notice is recorded and
 * logged but does not undo the change.
 */
export async function sendChangeNotice(services: AppServices, account: Account, changedAt: number, log: Logger): Promise<void> {
  const destination = findDestination(account);
  const mail = composeChangeNotice({
    company: account.company,
    destination: maskEmail(destination),
    changedAt: new Date(changedAt),
    backToRegisteredEmail: account.companyEmail === null,
  });

  try {
    const queuedAt = services.clock.now();
    const delivery = await services.store.transact(account.id, (tx) =>
      addQueuedDelivery(tx, { accountId: account.id, kind: 'notice', to: account.registeredEmail, at: queuedAt }),
    );
    const update = await queueMail(
      services,
      { accountId: account.id, deliveryId: delivery.id, mail: { to: account.registeredEmail, ...mail }, validUntil: queuedAt + NOTICE_VALID_MS },
      log,
    );
    if (update.status === 'failed') log.warn({ deliveryId: delivery.id, reason: update.detail }, 'Failed to send the destination change notice');
  } catch (error) {
    log.error({ err: error }, 'Failed to record the destination change notice');
  }
}
