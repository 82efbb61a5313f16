import { maskEmail } from '../../shared/email.ts';
import type { SendOtpResponse } from '../../shared/api/otp.ts';
import type { Logger } from 'pino';
import { ApiFailure } from '../http/api-failure.ts';
import { createId } from '../ids.ts';
import { composeOtpMail } from '../mail/templates.ts';
import { generateCode, hashCode } from '../security/codes.ts';
import type { AppServices } from '../services.ts';
import { toIso } from '../time.ts';
import { transactAccount } from './accounts.ts';
import { addQueuedDelivery } from './deliveries.ts';
import { findDestination } from './destination.ts';
import { pruneExpired } from './prune.ts';
import { describeFirstAttempt, mailFailure, queueMail } from './send-mail.ts';
import { checkSendLimits } from './send-limits.ts';

/**
 * Issues a new code and emails it to the account's destination through the
 * delivery queue.
 *
 * The code is stored first but stays unusable until the mail server accepts
 * the email, which may happen on a later retry. Only then are earlier codes
 * ended, so while the email is retried, and when it fails for good, the
 * previous code keeps working and the new one can never be used. The send is
 * recorded in the first transaction, so a second request arriving during the
 * send gets RESEND_TOO_SOON and the account never has two active codes.
 *
 * Returns when the first attempt is over: `sent`, or `retrying` after a
 * temporary failure. Raises MAIL_FAILED when the email failed for good.
 */
export async function sendOtp(services: AppServices, accountId: string, log: Logger): Promise<SendOtpResponse> {
  const { store, config, clock, secret } = services;
  const issuedAt = clock.now();

  // The limits are checked and the send recorded in one transaction, so two
  // instances cannot both pass the resend wait.
  const issued = await transactAccount(store, accountId, (tx) => {
    pruneExpired(tx, issuedAt);
    const { account } = tx;
    checkSendLimits(tx, 'otp', issuedAt, config);

    const codeId = createId('code');
    const code = (services.generateCode ?? generateCode)(config.OTP_DIGITS);
    const destination = findDestination(account);
    const expiresAt = issuedAt + config.OTP_TTL_SECONDS * 1000;
    tx.codes.push({
      id: codeId,
      accountId,
      codeHash: hashCode(secret, codeId, code),
      issuedAt,
      activatedAt: null,
      expiresAt,
      maxUses: config.OTP_MAX_USES,
      usesLeft: config.OTP_MAX_USES,
      wrongAttempts: 0,
      endedAt: null,
      endReason: null,
      destination,
    });
    tx.sends.push({ accountId, at: issuedAt, kind: 'otp', failed: false });
    const delivery = addQueuedDelivery(tx, { accountId, kind: 'otp', to: destination, at: issuedAt, codeId });
    return { codeId, code, destination, expiresAt, company: account.company, deliveryId: delivery.id };
  });

  const mail = composeOtpMail({
    company: issued.company,
    code: issued.code,
    ttlMinutes: Math.round(config.OTP_TTL_SECONDS / 60),
    maxUses: config.OTP_MAX_USES,
    ...(config.CRM_URL ? { crmUrl: config.CRM_URL } : {}),
  });
  const [update, provider] = await Promise.all([
    queueMail(services, { accountId, deliveryId: issued.deliveryId, mail: { to: issued.destination, ...mail }, validUntil: issued.expiresAt }, log),
    services.providerDetector.detect(issued.destination),
  ]);

  const logFields = { codeId: issued.codeId, deliveryId: issued.deliveryId, to: maskEmail(issued.destination) };
  if (update.status === 'failed') {
    log.warn({ ...logFields, reason: update.detail, classification: update.classification }, 'Failed to send code email; the previous code still works');
    throw mailFailure(issued.deliveryId, update);
  }

  // The queue has recorded the first attempt, so the code is active when it was sent.
  const code = await transactAccount(store, accountId, (tx) => tx.codes.find((candidate) => candidate.id === issued.codeId));
  if (!code || code.endedAt !== null) {
    throw new ApiFailure('NO_ACTIVE_OTP', {}, { message: 'The code was withdrawn while it was being sent. Click Send OTP again.' });
  }
  if (update.status === 'retrying') log.info({ ...logFields, attempt: update.attempt }, 'Code email failed temporarily; retrying');
  else log.info(logFields, 'Sent code email');

  return {
    sentTo: maskEmail(issued.destination),
    provider,
    issuedAt: toIso(issuedAt),
    expiresAt: toIso(code.expiresAt),
    maxUses: code.maxUses,
    usesLeft: code.usesLeft,
    resendAvailableAt: toIso(issuedAt + config.OTP_RESEND_SECONDS * 1000),
    delivery: describeFirstAttempt(issued.deliveryId, update),
  };
}
