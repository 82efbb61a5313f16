import { maskEmail } from '../../shared/email.ts';
import { detectProvider } from '../../shared/provider.ts';
import type { SendOtpResponse } from '../../shared/api/otp.ts';
import type { Logger } from 'pino';
import type { AppDeps } from '../deps.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { createId } from '../ids.ts';
import { composeOtpMail } from '../mail/templates.ts';
import { generateCode, hashCode } from '../security/codes.ts';
import { toIso } from '../time.ts';
import { getAccount } from './accounts.ts';
import { endOpenCodes } from './codes.ts';
import { recordDelivery } from './deliveries.ts';
import { findDestination } from './destination.ts';
import { pruneExpired } from './prune.ts';
import { sendMailSafely } from './send-mail.ts';
import { checkSendLimits } from './send-limits.ts';

/**
 * Issues a new code and emails it to the account's destination.
 *
 * The code is stored first but stays unusable until the mail server accepts
 * the email. Only then are earlier codes ended, so when sending fails the
 * previous code keeps working and the failed one can never be used. The send
 * is recorded in the first transaction, so a second request arriving during
 * the send gets RESEND_TOO_SOON and the account never has two active codes.
 */
export async function sendOtp(deps: AppDeps, accountId: string, log: Logger): Promise<SendOtpResponse> {
  const { store, config, clock, secret } = deps;
  const issuedAt = clock.now();

  const issued = await store.update((data) => {
    pruneExpired(data, issuedAt);
    const account = getAccount(data, accountId);
    checkSendLimits(data, accountId, 'otp', issuedAt, config);

    const codeId = createId('code');
    const code = (deps.generateCode ?? generateCode)(config.OTP_DIGITS);
    const destination = findDestination(account);
    data.codes.push({
      id: codeId,
      accountId,
      codeHash: hashCode(secret, codeId, code),
      issuedAt,
      activatedAt: null,
      expiresAt: issuedAt + config.OTP_TTL_SECONDS * 1000,
      maxUses: config.OTP_MAX_USES,
      usesLeft: config.OTP_MAX_USES,
      wrongAttempts: 0,
      endedAt: null,
      endReason: null,
      destination,
    });
    data.sends.push({ accountId, at: issuedAt, kind: 'otp', failed: false });
    return { codeId, code, destination, company: account.company };
  });

  const mail = composeOtpMail({
    company: issued.company,
    code: issued.code,
    ttlMinutes: Math.round(config.OTP_TTL_SECONDS / 60),
    maxUses: config.OTP_MAX_USES,
    ...(config.CRM_URL ? { crmUrl: config.CRM_URL } : {}),
  });
  const result = await sendMailSafely(deps.mailer, { to: issued.destination, ...mail }, log);
  const finishedAt = clock.now();

  const outcome = await store.update((data) => {
    const code = data.codes.find((candidate) => candidate.id === issued.codeId);
    const delivery = recordDelivery(data, { accountId, kind: 'otp', to: issued.destination, at: finishedAt, result });
    if (!code) return { delivery, code: undefined };

    if (result.status === 'sent') {
      code.activatedAt = finishedAt;
      // A slower, older send finishing late must not end a newer code.
      const newer = data.codes.some((other) => other.accountId === accountId && other.activatedAt !== null && other.issuedAt > code.issuedAt);
      if (newer) {
        code.endedAt = finishedAt;
        code.endReason = 'replaced';
      } else {
        endOpenCodes(data, accountId, 'replaced', finishedAt, code.id);
      }
    } else {
      code.endedAt = finishedAt;
      code.endReason = 'mail_failed';
      const send = data.sends.find((entry) => entry.accountId === accountId && entry.at === issuedAt && entry.kind === 'otp');
      if (send) send.failed = true;
    }
    return { delivery, code: code.endedAt === null ? { ...code } : undefined };
  });

  const logFields = { codeId: issued.codeId, deliveryId: outcome.delivery.id, to: maskEmail(issued.destination) };
  if (result.status === 'failed') {
    log.warn({ ...logFields, reason: result.reason }, 'Failed to send code email; the previous code still works');
    throw new ApiFailure('MAIL_FAILED', { reason: result.reason, deliveryId: outcome.delivery.id });
  }
  if (!outcome.code) throw new ApiFailure('NO_ACTIVE_OTP', {}, { message: 'The code was withdrawn while it was being sent. Click Send OTP again.' });
  log.info(logFields, 'Sent code email');

  return {
    sentTo: maskEmail(issued.destination),
    provider: detectProvider(issued.destination),
    issuedAt: toIso(issuedAt),
    expiresAt: toIso(outcome.code.expiresAt),
    maxUses: outcome.code.maxUses,
    usesLeft: outcome.code.usesLeft,
    resendAvailableAt: toIso(issuedAt + config.OTP_RESEND_SECONDS * 1000),
    delivery: { id: outcome.delivery.id, status: outcome.delivery.status },
  };
}
