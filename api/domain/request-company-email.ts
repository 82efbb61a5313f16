import type { Logger } from 'pino';
import { z } from 'zod';
import { maskEmail } from '../../shared/email.ts';
import type { setCompanyEmailResponseSchema } from '../../shared/api/settings.ts';
import { createId } from '../ids.ts';
import { composeVerificationMail } from '../mail/templates.ts';
import { generateCode, hashCode } from '../security/codes.ts';
import type { AppServices } from '../services.ts';
import { toIso } from '../time.ts';
import { transactAccount } from './accounts.ts';
import { addQueuedDelivery } from './deliveries.ts';
import { pruneExpired } from './prune.ts';
import { describeFirstAttempt, mailFailure, queueMail } from './send-mail.ts';
import { checkSendLimits } from './send-limits.ts';

/** How long a company email verification code works. */
export const VERIFICATION_TTL_MS = 15 * 60 * 1000;

type SetCompanyEmailResponse = z.infer<typeof setCompanyEmailResponseSchema>;

/**
 * Emails a verification code to a new company address and keeps it as pending.
 * Codes keep going to the current destination until the code is verified.
 * A new request replaces any pending address. Verification mail shares the
 * hourly send cap with code mail and has its own resend wait.
 *
 * Raises MAIL_FAILED when the email failed for good; the pending address is
 * then dropped, also when that happens on a later retry.
 */
export async function requestCompanyEmail(services: AppServices, accountId: string, email: string, log: Logger): Promise<SetCompanyEmailResponse> {
  const { store, config, clock, secret } = services;
  const sentAt = clock.now();

  const issued = await transactAccount(store, accountId, (tx) => {
    pruneExpired(tx, sentAt);
    const { account } = tx;
    checkSendLimits(tx, 'verification', sentAt, config);

    const codeId = createId('verify');
    const code = (services.generateCode ?? generateCode)(config.OTP_DIGITS);
    account.pendingCompanyEmail = {
      email,
      codeId,
      codeHash: hashCode(secret, codeId, code),
      sentAt,
      expiresAt: sentAt + VERIFICATION_TTL_MS,
      attempts: 0,
    };
    tx.sends.push({ accountId, at: sentAt, kind: 'verification', failed: false });
    const delivery = addQueuedDelivery(tx, { accountId, kind: 'verification', to: email, at: sentAt, codeId });
    return { codeId, code, company: account.company, deliveryId: delivery.id };
  });

  const mail = composeVerificationMail({ company: issued.company, code: issued.code, ttlMinutes: VERIFICATION_TTL_MS / 60_000 });
  const [update, provider] = await Promise.all([
    queueMail(services, { accountId, deliveryId: issued.deliveryId, mail: { to: email, ...mail }, validUntil: sentAt + VERIFICATION_TTL_MS }, log),
    services.providerDetector.detect(email),
  ]);

  const logFields = { deliveryId: issued.deliveryId, to: maskEmail(email) };
  if (update.status === 'failed') {
    log.warn({ ...logFields, reason: update.detail, classification: update.classification }, 'Failed to send the company email verification');
    throw mailFailure(issued.deliveryId, update);
  }
  log.info({ ...logFields, status: update.status }, 'Sent company email verification');

  return {
    pendingCompanyEmail: maskEmail(email),
    provider,
    expiresAt: toIso(sentAt + VERIFICATION_TTL_MS),
    delivery: describeFirstAttempt(issued.deliveryId, update),
  };
}
