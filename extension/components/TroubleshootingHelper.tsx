import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { OtpStatus } from '../../shared/api/otp.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { callApi } from './call-api.ts';
import { ChangeEmailForm } from './ChangeEmailForm.tsx';
import { DeliveryList } from './DeliveryList.tsx';
import { formatTimeAgo } from './format.ts';
import { describeApiError } from './messages.ts';
import { PROVIDER_NAMES } from './provider-steps.ts';
import { ProviderSteps } from './ProviderSteps.tsx';
import { ResendCode } from './ResendCode.tsx';
import { SubjectLine } from './SubjectLine.tsx';
import { useNow } from './useNow.ts';

/** Props of {@link TroubleshootingHelper}. */
export interface TroubleshootingHelperProps {
  api: ApiPort;
  /** Called by the close button: "Back" inside the deletion modal, "Close" elsewhere. */
  onClose(): void;
  /** Called after a new deletion code was sent from the helper. */
  onResent?(): void;
  /** An http(s) or mailto page where users can ask for help; shown as "Contact support". */
  supportUrl?: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
  /** Text of the close button; "Close" unless given. */
  closeLabel?: string;
}

type HelperData = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; status: OtpStatus };

/** Returns the URL when it is safe to put in a link, so a configured "javascript:" URL never runs. */
function toSafeLink(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:' || protocol === 'mailto:' ? url : null;
  } catch {
    return null;
  }
}

function findLastCodeSend(status: OtpStatus): number | null {
  const codeSends = status.deliveries.filter((delivery) => delivery.kind === 'otp').map((delivery) => Date.parse(delivery.at));
  if (status.issuedAt) codeSends.push(Date.parse(status.issuedAt));
  const valid = codeSends.filter(Number.isFinite);
  return valid.length > 0 ? Math.max(...valid) : null;
}

/**
 * Walks a user through a code email that did not arrive: where it went, where
 * to look at their provider, what happened to recent emails, and how to resend
 * it or send codes to a different address.
 */
export function TroubleshootingHelper({ api, onClose, onResent, supportUrl, now = Date.now, closeLabel = 'Close' }: TroubleshootingHelperProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [data, setData] = useState<HelperData>({ phase: 'loading' });
  // Counts destination changes. The API ends the resend wait on a new
  // destination, so ResendCode starts over and drops a wait it kept itself.
  const [destinationChanges, setDestinationChanges] = useState(0);
  const nowMs = useNow(now);
  const supportLink = toSafeLink(supportUrl);

  const load = useCallback(
    async (background: boolean) => {
      if (!background) setData({ phase: 'loading' });
      const result = await callApi(() => api.getOtpStatus());
      if (result.ok) setData({ phase: 'ready', status: result.data });
      else if (!background) setData({ phase: 'error', message: describeApiError(result.error) });
    },
    [api],
  );

  useEffect(() => {
    headingRef.current?.focus();
    void load(false);
  }, [load]);

  const lastSend = data.phase === 'ready' ? findLastCodeSend(data.status) : null;

  return (
    <section class="dg-helper" aria-labelledby={headingId}>
      <div class="dg-helper-header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} class="dg-title">
          Didn't get the code?
        </h2>
        <button type="button" class="dg-button" onClick={onClose}>
          {closeLabel}
        </button>
      </div>

      {data.phase === 'loading' && <p role="status">Checking where your code went…</p>}

      {data.phase === 'error' && (
        <div>
          <p role="alert" class="dg-alert">
            {data.message}
          </p>
          <button type="button" class="dg-button" onClick={() => void load(false)}>
            Retry
          </button>
        </div>
      )}

      {data.phase === 'ready' && (
        <>
          <p>
            Codes go to <strong>{data.status.sentTo}</strong>
            {data.status.provider === 'other' ? '.' : ` (${PROVIDER_NAMES[data.status.provider]}).`}
          </p>
          <p>
            {lastSend === null ? 'No code has been sent yet.' : `The last code was sent ${formatTimeAgo(nowMs - lastSend)}.`} Mail
            usually arrives within 2–5 minutes.
          </p>

          <h3 class="dg-subheading">Where to look</h3>
          <ProviderSteps provider={data.status.provider} />
          <SubjectLine subject={data.status.subject} />

          <h3 class="dg-subheading">Recent emails</h3>
          <DeliveryList deliveries={data.status.deliveries} nowMs={nowMs} />

          <h3 class="dg-subheading">Still nothing?</h3>
          <ResendCode
            key={destinationChanges}
            api={api}
            status={data.status}
            now={now}
            onSent={() => {
              onResent?.();
              void load(true);
            }}
          />
          <ChangeEmailForm
            api={api}
            onChanged={() => {
              setDestinationChanges((count) => count + 1);
              void load(true);
            }}
          />
          {supportLink && (
            <p>
              <a href={supportLink} target="_blank" rel="noopener noreferrer">
                Contact support
              </a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
