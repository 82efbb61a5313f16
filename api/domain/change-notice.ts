import type { Logger } from 'pino';
import { maskEmail } from '../../shared/email.ts';
import type { AppDeps } from '../deps.ts';
import { composeChangeNotice } from '../mail/templates.ts';
import type { Account } from '../store/schema.ts';
import { recordDelivery } from './deliveries.ts';
import { findDestination } from './destination.ts';
import { sendMailSafely } from './send-mail.ts';

/**
 * Tells the registered email that codes now go to another address, so an
 * owner notices a change they did not make. A failed notice is recorded and
 * logged but does not undo the change.
 */
export async function sendChangeNotice(deps: AppDeps, account: Account, changedAt: number, log: Logger): Promise<void> {
  const destination = findDestination(account);
  const mail = composeChangeNotice({
    company: account.company,
    destination: maskEmail(destination),
    changedAt: new Date(changedAt),
    backToRegisteredEmail: account.companyEmail === null,
  });
  const result = await sendMailSafely(deps.mailer, { to: account.registeredEmail, ...mail }, log);

  try {
    const delivery = await deps.store.update((data) =>
      recordDelivery(data, { accountId: account.id, kind: 'notice', to: account.registeredEmail, at: deps.clock.now(), result }),
    );
    if (result.status === 'failed') log.warn({ deliveryId: delivery.id, reason: result.reason }, 'Failed to send the destination change notice');
  } catch (error) {
    log.error({ err: error }, 'Failed to record the destination change notice');
  }
}
