import type { Logger } from 'pino';
import { maskEmail } from '../../shared/email.ts';
import { normalizeOtpInput } from '../../shared/otp-input.ts';
import type { AppServices } from '../services.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { verifyCode } from '../security/codes.ts';
import type { Account } from '../store/schema.ts';
import { transactAccount } from './accounts.ts';
import { sendChangeNotice } from './change-notice.ts';
import { endOpenCodes } from './codes.ts';
import { clearCodeResendWait } from './send-limits.ts';

type VerifyOutcome =
  | { kind: 'verified'; account: Account }
  | { kind: 'expired' }
  | { kind: 'wrong'; attemptsLeft: number };

/**
 * Checks the verification code of the pending company email. On success the
 * address becomes the destination, the current deletion code ends (it went to
 * the old address), Send OTP works at once (the hourly cap still applies) and
 * the registered email gets a change notice.
 * A wrong code counts an attempt; after OTP_MAX_ATTEMPTS, or once expired, the
 * pending address is dropped and must be entered again.
 */
export async function verifyCompanyEmail(deps: AppServices, accountId: string, typedCode: string, log: Logger): Promise<Account> {
  const typed = normalizeOtpInput(typedCode);
  const now = deps.clock.now();

  const outcome = await transactAccount(deps.store, accountId, (tx): VerifyOutcome => {
    const { account } = tx;
    const pending = account.pendingCompanyEmail;
    if (!pending) throw new ApiFailure('NO_PENDING_EMAIL');

    if (now >= pending.expiresAt) {
      account.pendingCompanyEmail = null;
      return { kind: 'expired' };
    }
    if (!verifyCode(deps.secret, pending.codeId, typed, pending.codeHash)) {
      pending.attempts += 1;
      const attemptsLeft = Math.max(0, deps.config.OTP_MAX_ATTEMPTS - pending.attempts);
      if (attemptsLeft === 0) account.pendingCompanyEmail = null;
      return { kind: 'wrong', attemptsLeft };
    }

    account.companyEmail = pending.email;
    account.pendingCompanyEmail = null;
    endOpenCodes(tx, 'destination_changed', now);
    clearCodeResendWait(tx);
    return { kind: 'verified', account: structuredClone(account) };
  });

  if (outcome.kind === 'expired') {
    throw new ApiFailure('VERIFICATION_FAILED', { attemptsLeft: 0 }, { message: 'The verification code has expired. Enter the company email again to get a new code.' });
  }
  if (outcome.kind === 'wrong') {
    log.warn({ attemptsLeft: outcome.attemptsLeft }, 'Rejected a wrong company email verification code');
    const message = outcome.attemptsLeft === 0 ? 'Too many wrong verification codes. Enter the company email again to get a new code.' : undefined;
    throw new ApiFailure('VERIFICATION_FAILED', { attemptsLeft: outcome.attemptsLeft }, message ? { message } : {});
  }

  log.info({ destination: maskEmail(outcome.account.companyEmail ?? '') }, 'Verified the company email; codes now go there');
  await sendChangeNotice(deps, outcome.account, now, log);
  return outcome.account;
}
