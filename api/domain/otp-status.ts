import { maskEmail } from '../../shared/email.ts';
import type { OtpStatus } from '../../shared/api/otp.ts';
import type { MailProvider } from '../../shared/provider.ts';
import type { Config } from '../config.ts';
import { otpSubject } from '../mail/templates.ts';
import type { AccountHotState } from '../store/account-store.ts';
import { toIso } from '../time.ts';
import { findCurrentCode, getCodeState } from './codes.ts';
import { listRecentDeliveries } from './deliveries.ts';
import { findDestination } from './destination.ts';
import { findResendAvailableAt } from './send-limits.ts';

/**
 * Describes the account's code state for GET /v1/otp, never the code itself.
 * Code fields are present only while a code is usable. `provider` is the
 * destination's provider, found by the caller because it may take an MX lookup.
 */
export function describeOtpStatus(state: AccountHotState, config: Config, now: number, provider: MailProvider): OtpStatus {
  const { account } = state;
  const destination = findDestination(account);
  const code = findCurrentCode(state);
  const usable = code !== undefined && getCodeState(code, now) === 'usable';

  return {
    active: usable,
    sentTo: maskEmail(destination),
    provider,
    subject: otpSubject(account.company),
    ...(usable
      ? {
          issuedAt: toIso(code.issuedAt),
          expiresAt: toIso(code.expiresAt),
          maxUses: code.maxUses,
          usesLeft: code.usesLeft,
          attemptsLeft: config.OTP_MAX_ATTEMPTS - code.wrongAttempts,
        }
      : {}),
    resendAvailableAt: toIso(Math.max(now, findResendAvailableAt(state, 'otp', config))),
    deliveries: listRecentDeliveries(state),
  };
}
