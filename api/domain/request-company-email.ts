import type { Logger } from 'pino';
import { z } from 'zod';
import { maskEmail } from '../../shared/email.ts';
import { detectProvider } from '../../shared/provider.ts';
import type { setCompanyEmailResponseSchema } from '../../shared/api/settings.ts';
import type { AppDeps } from '../deps.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { createId } from '../ids.ts';
import { composeVerificationMail } from '../mail/templates.ts';
import { generateCode, hashCode } from '../security/codes.ts';
import { toIso } from '../time.ts';
import { getAccount } from './accounts.ts';
import { recordDelivery } from './deliveries.ts';
import { pruneExpired } from './prune.ts';
import { sendMailSafely } from './send-mail.ts';
import { checkSendLimits } from './send-limits.ts';

/** How long a company email verification code works. */
export const VERIFICATION_TTL_MS = 15 * 60 * 1000;

type SetCompanyEmailResponse = z.infer<typeof setCompanyEmailResponseSchema>;

/**
 * Emails a verification code to a new company address and keeps it as pending.
 * Codes keep going to the current destination until the code is verified.
 * A new request replaces any pending address. Verification mail shares the
 * hourly send cap with code mail and has its own resend wait.
 */
export async function requestCompanyEmail(deps: AppDeps, accountId: string, email: string, log: Logger): Promise<SetCompanyEmailResponse> {
  const { store, config, clock, secret } = deps;
  const sentAt = clock.now();

  const issued = await store.update((data) => {
    pruneExpired(data, sentAt);
    const account = getAccount(data, accountId);
    checkSendLimits(data, accountId, 'verification', sentAt, config);

    const codeId = createId('verify');
    const code = (deps.generateCode ?? generateCode)(config.OTP_DIGITS);
    account.pendingCompanyEmail = {
      email,
      codeId,
      codeHash: hashCode(secret, codeId, code),
      sentAt,
      expiresAt: sentAt + VERIFICATION_TTL_MS,
      attempts: 0,
    };
    data.sends.push({ accountId, at: sentAt, kind: 'verification', failed: false });
    return { codeId, code, company: account.company };
  });

  const mail = composeVerificationMail({ company: issued.company, code: issued.code, ttlMinutes: VERIFICATION_TTL_MS / 60_000 });
  const result = await sendMailSafely(deps.mailer, { to: email, ...mail }, log);

  const delivery = await store.update((data) => {
    const record = recordDelivery(data, { accountId, kind: 'verification', to: email, at: clock.now(), result });
    if (result.status === 'failed') {
      const account = getAccount(data, accountId);
      if (account.pendingCompanyEmail?.codeId === issued.codeId) account.pendingCompanyEmail = null;
      const send = data.sends.find((entry) => entry.accountId === accountId && entry.at === sentAt && entry.kind === 'verification');
      if (send) send.failed = true;
    }
    return record;
  });

  if (result.status === 'failed') {
    log.warn({ deliveryId: delivery.id, to: maskEmail(email), reason: result.reason }, 'Failed to send the company email verification');
    throw new ApiFailure('MAIL_FAILED', { reason: result.reason, deliveryId: delivery.id });
  }
  log.info({ deliveryId: delivery.id, to: maskEmail(email) }, 'Sent company email verification');

  return {
    pendingCompanyEmail: maskEmail(email),
    provider: detectProvider(email),
    expiresAt: toIso(sentAt + VERIFICATION_TTL_MS),
    delivery: { id: delivery.id, status: delivery.status },
  };
}
