import type { Logger } from 'pino';
import { maskEmail } from '../../shared/email.ts';
import type { Delivery } from '../../shared/api/otp.ts';
import { tooManyRequests } from '../http/api-failure.ts';
import { composeTestMail } from '../mail/templates.ts';
import type { AppServices } from '../services.ts';
import type { AccountHotState } from '../store/account-store.ts';
import type { SupportKey } from '../store/schema.ts';
import { HOUR_MS } from '../time.ts';
import { addQueuedDelivery, toDeliveryView } from './deliveries.ts';
import { findDestination } from './destination.ts';
import { pruneExpired } from './prune.ts';
import { queueMail } from './send-mail.ts';
import { transactSupport } from './support-accounts.ts';
import { buildSupportEvent } from './support-audit.ts';

// A test email carries no code, so it may be retried as long as the queue retries.
const TEST_MAIL_VALID_MS = 10 * 60 * 1000;

/**
 * Sends a delivery test email to the account's current destination through
 * the delivery queue, records the send in the support audit trail and returns
 * the delivery after its first attempt, whatever its status.
 *
 * Raises NOT_FOUND for an unknown account and SEND_LIMIT_REACHED once the
 * account got OTP_SENDS_PER_HOUR test emails in the last hour. Test emails
 * have their own count, so support cannot use up the account's code emails.
 */
export async function sendTestEmail(services: AppServices, supportKey: SupportKey, accountId: string, log: Logger): Promise<Delivery> {
  const { store, clock, config } = services;
  const queuedAt = clock.now();

  const queued = await transactSupport(store, accountId, (tx) => {
    pruneExpired(tx, queuedAt);
    const { account } = tx;
    checkTestEmailLimit(tx, queuedAt, config.OTP_SENDS_PER_HOUR);

    const to = findDestination(account);
    tx.sends.push({ accountId, at: queuedAt, kind: 'test', failed: false });
    const delivery = addQueuedDelivery(tx, { accountId, kind: 'test', to, at: queuedAt });
    tx.appendSupportEvents([buildSupportEvent(supportKey, { action: 'send_test_email', accountId, deliveryId: delivery.id }, queuedAt)]);
    return { to, company: account.company, deliveryId: delivery.id };
  });

  const mail = composeTestMail({ company: queued.company, sentAt: new Date(queuedAt) });
  const update = await queueMail(
    services,
    { accountId, deliveryId: queued.deliveryId, mail: { to: queued.to, ...mail }, validUntil: queuedAt + TEST_MAIL_VALID_MS },
    log,
  );
  log.info(
    { accountId, deliveryId: queued.deliveryId, to: maskEmail(queued.to), status: update.status, classification: update.classification },
    'Support sent a test email',
  );

  const record = await transactSupport(store, accountId, (tx) => tx.deliveries.find((candidate) => candidate.id === queued.deliveryId));
  // The record is written before the email is queued, and only twenty newer deliveries push it out.
  if (!record) throw new Error(`Failed to read delivery ${queued.deliveryId}: it is missing from the store.`);
  return toDeliveryView(record);
}

function checkTestEmailLimit(state: Pick<AccountHotState, 'sends'>, now: number, perHour: number): void {
  const recent = state.sends.filter((send) => send.kind === 'test' && now - send.at < HOUR_MS);
  if (recent.length >= perHour) {
    const oldest = Math.min(...recent.map((send) => send.at));
    throw tooManyRequests('SEND_LIMIT_REACHED', oldest + HOUR_MS - now);
  }
}
