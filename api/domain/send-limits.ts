import type { Config } from '../config.ts';
import { tooManyRequests } from '../http/api-failure.ts';
import type { AccountHotState, SendRecord } from '../store/account-store.ts';
import { HOUR_MS } from '../time.ts';

type SendKind = SendRecord['kind'];

/** Returns when the account may next send mail of this kind (epoch ms); `now` or earlier means at once. */
export function findResendAvailableAt(state: Pick<AccountHotState, 'sends'>, kind: SendKind, config: Config): number {
  let lastSentAt = 0;
  for (const send of state.sends) {
    if (send.kind === kind && !send.failed) lastSentAt = Math.max(lastSentAt, send.at);
  }
  return lastSentAt === 0 ? 0 : lastSentAt + config.OTP_RESEND_SECONDS * 1000;
}

/**
 * Ends the resend wait of code emails, for when codes start going to another
 * address: the user needs a code at the new address at once. The sends stay
 * in the hourly cap. A send marked failed is exactly a send that counts
 * toward the cap but not toward the wait, so this marks the earlier code sends
 * that way instead of adding a field to both stores.
 */
export function clearCodeResendWait(state: Pick<AccountHotState, 'sends'>): void {
  for (const send of state.sends) {
    if (send.kind === 'otp') send.failed = true;
  }
}

/**
 * Raises RESEND_TOO_SOON within OTP_RESEND_SECONDS of the last successful send
 * of this kind, and SEND_LIMIT_REACHED once the account sent OTP_SENDS_PER_HOUR
 * code and verification emails in the last hour. Support's test emails have
 * their own cap. Expects sends older than an hour pruned.
 */
export function checkSendLimits(state: Pick<AccountHotState, 'sends'>, kind: SendKind, now: number, config: Config): void {
  const availableAt = findResendAvailableAt(state, kind, config);
  if (now < availableAt) throw tooManyRequests('RESEND_TOO_SOON', availableAt - now);

  const recent = state.sends.filter((send) => send.kind !== 'test' && now - send.at < HOUR_MS);
  if (recent.length >= config.OTP_SENDS_PER_HOUR) {
    const oldest = Math.min(...recent.map((send) => send.at));
    throw tooManyRequests('SEND_LIMIT_REACHED', oldest + HOUR_MS - now);
  }
}
