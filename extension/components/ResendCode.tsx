import { useId, useRef, useState } from 'preact/hooks';
import type { OtpStatus, SendOtpResponse } from '../../shared/api/otp.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { callApi } from './call-api.ts';
import { formatCountdown } from './format.ts';
import { describeApiError } from './messages.ts';
import { Spinner } from './Spinner.tsx';
import { useCountdown } from './useCountdown.ts';

/** Props of {@link ResendCode}. */
export interface ResendCodeProps {
  api: ApiPort;
  status: OtpStatus;
  onSent(response: SendOtpResponse): void;
  now?: () => number;
}

function pickLater(first: string | undefined, second: string): string {
  return first !== undefined && Date.parse(first) > Date.parse(second) ? first : second;
}

/** Renders the helper's "Resend code" button, locked with a live countdown until the API allows a new send. */
export function ResendCode({ api, status, onSent, now = Date.now }: ResendCodeProps) {
  const countdownId = useId();
  const [resendAvailableAt, setResendAvailableAt] = useState<string | undefined>(undefined);
  const secondsLeft = useCountdown(pickLater(resendAvailableAt, status.resendAvailableAt), now);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const [result, setResult] = useState<{ tone: 'done' | 'error'; text: string } | null>(null);

  const resend = async () => {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setResult(null);
    const response = await callApi(() => api.sendOtp());
    sendingRef.current = false;
    setSending(false);

    if (response.ok) {
      setResendAvailableAt(response.data.resendAvailableAt);
      setResult({
        tone: 'done',
        text: `A new code is on its way to ${response.data.sentTo}. Codes sent before it no longer work.`,
      });
      onSent(response.data);
      return;
    }
    const retryAfter = response.error.retryAfterSeconds;
    if (retryAfter !== undefined) setResendAvailableAt(new Date(now() + retryAfter * 1000).toISOString());
    setResult({ tone: 'error', text: describeApiError(response.error) });
  };

  return (
    <div class="dg-resend">
      <div class="dg-send-row">
        <button
          type="button"
          class="dg-button dg-primary"
          disabled={secondsLeft > 0}
          aria-disabled={sending ? 'true' : undefined}
          aria-describedby={secondsLeft > 0 ? countdownId : undefined}
          onClick={() => void resend()}
        >
          {sending && <Spinner />}
          Resend code
        </button>
        {secondsLeft > 0 && (
          <span id={countdownId} class="dg-countdown">
            Resend in {formatCountdown(secondsLeft)}
          </span>
        )}
      </div>
      <p role="status" class="dg-send-status">
        {result?.tone === 'done' ? result.text : ''}
      </p>
      <p role="alert" class="dg-alert">
        {result?.tone === 'error' ? result.text : ''}
      </p>
    </div>
  );
}
