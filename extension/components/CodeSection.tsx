import { useId } from 'preact/hooks';
import type { OtpStatus } from '../../shared/api/otp.ts';
import { formatCountdown, pluralize } from './format.ts';
import { Spinner } from './Spinner.tsx';
import { useCountdown } from './useCountdown.ts';

/** Props of {@link CodeSection}. */
export interface CodeSectionProps {
  status: OtpStatus;
  /** True once a code was sent while this modal was open, which shows "Sent to …". */
  sentHere: boolean;
  sending: boolean;
  customerCount: number;
  onSend(): void;
  now?: () => number;
}

/**
 * Renders the part of the modal about the emailed code: where an active code
 * went and how long it lasts, or the Send OTP button with its resend countdown.
 */
export function CodeSection({ status, sentHere, sending, customerCount, onSend, now = Date.now }: CodeSectionProps) {
  const countdownId = useId();
  const resendSeconds = useCountdown(status.resendAvailableAt, now);
  const expirySeconds = useCountdown(status.expiresAt, now);

  // The status fields are optional in the contract, so a missing limit counts as not reached.
  const usesLeft = status.usesLeft;
  const expired = status.expiresAt !== undefined && expirySeconds <= 0;
  const stillActive = status.active && !expired && (usesLeft === undefined || usesLeft > 0);
  const showEarlierCode = stillActive && !sentHere;
  const buttonLabel = showEarlierCode ? 'Send a new code' : 'Send OTP';

  const limits: string[] = [];
  if (status.expiresAt !== undefined) limits.push(pluralize(Math.ceil(expirySeconds / 60), 'more minute', 'more minutes'));
  if (usesLeft !== undefined) limits.push(pluralize(usesLeft, 'more deletion', 'more deletions'));
  const limitText = limits.length > 0 ? ` and is good for ${limits.join(' and ')}` : '';

  let sendStatus = '';
  if (sending) sendStatus = 'Sending the code…';
  else if (sentHere && stillActive) sendStatus = `Sent to ${status.sentTo}. It usually arrives within 2 to 5 minutes.`;

  return (
    <div class="dg-code-section">
      {showEarlierCode && (
        <p class="dg-code-active">
          A code you got earlier still works. It went to <strong>{status.sentTo}</strong>
          {limitText}. Enter the same code below.
        </p>
      )}
      {status.active && !stillActive && !sending && (
        <p class="dg-code-active">Your earlier code has run out. Click Send OTP to get a new one.</p>
      )}
      {stillActive && usesLeft !== undefined && usesLeft < customerCount && (
        <p class="dg-warning">
          This code has only {pluralize(usesLeft, 'deletion', 'deletions')} left, but you picked{' '}
          {pluralize(customerCount, 'customer', 'customers')}. Send a new code or pick fewer customers.
        </p>
      )}

      <div class="dg-send-row">
        <button
          type="button"
          class={showEarlierCode ? 'dg-button' : 'dg-button dg-primary'}
          disabled={resendSeconds > 0}
          aria-disabled={sending ? 'true' : undefined}
          aria-describedby={resendSeconds > 0 ? countdownId : undefined}
          onClick={() => {
            if (!sending) onSend();
          }}
        >
          {sending && <Spinner />}
          {buttonLabel}
        </button>
        {resendSeconds > 0 && (
          <span id={countdownId} class="dg-countdown">
            Resend in {formatCountdown(resendSeconds)}
          </span>
        )}
      </div>
      <p role="status" class="dg-send-status">
        {sendStatus}
      </p>
    </div>
  );
}
