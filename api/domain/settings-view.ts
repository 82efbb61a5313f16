import { maskEmail } from '../../shared/email.ts';
import type { MailProvider } from '../../shared/provider.ts';
import { OTHER_REASON } from '../../shared/reasons.ts';
import type { Settings } from '../../shared/api/settings.ts';
import type { Config } from '../config.ts';
import type { Account } from '../store/schema.ts';
import { findDestination } from './destination.ts';

/**
 * Describes the account's settings for GET /v1/settings, every address masked.
 * `provider` is the destination's provider, found by the caller because it may take an MX lookup.
 */
export function describeSettings(account: Account, config: Config, provider: MailProvider): Settings {
  const destination = findDestination(account);
  return {
    company: account.company,
    registeredEmail: maskEmail(account.registeredEmail),
    companyEmail: account.companyEmail === null ? null : maskEmail(account.companyEmail),
    pendingCompanyEmail: account.pendingCompanyEmail === null ? null : maskEmail(account.pendingCompanyEmail.email),
    destination: maskEmail(destination),
    provider,
    confirmationWord: account.confirmationWord,
    reasons: account.reasons,
    otherReason: OTHER_REASON,
    limits: {
      otpTtlSeconds: config.OTP_TTL_SECONDS,
      otpMaxUses: config.OTP_MAX_USES,
      otpResendSeconds: config.OTP_RESEND_SECONDS,
      otpMaxAttempts: config.OTP_MAX_ATTEMPTS,
      otpDigits: config.OTP_DIGITS,
    },
  };
}
