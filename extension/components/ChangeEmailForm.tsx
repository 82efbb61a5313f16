import { useId, useRef, useState } from 'preact/hooks';
import type { Settings } from '../../shared/api/settings.ts';
import { describeEmailAddressProblem, normalizeEmailAddress } from '../../shared/email-address.ts';
import { normalizeOtpInput } from '../../shared/otp-input.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { callApi } from './call-api.ts';
import { joinDescribedBy } from './describedBy.ts';
import { describeApiError } from './messages.ts';
import { Spinner } from './Spinner.tsx';

/** Props of {@link ChangeEmailForm}. */
export interface ChangeEmailFormProps {
  api: ApiPort;
  /** Called once the new address is confirmed; the old deletion code has ended by then. */
  onChanged(settings: Settings): void;
}

type Step = { name: 'closed' } | { name: 'address' } | { name: 'verify'; sentTo: string } | { name: 'done'; destination: string };

/**
 * "Use a different email": the user enters a new address, the API sends a
 * code there, and entering that code makes it the address for deletion codes.
 */
export function ChangeEmailForm({ api, onChanged }: ChangeEmailFormProps) {
  const addressId = useId();
  const codeId = useId();
  const [step, setStep] = useState<Step>({ name: 'closed' });
  const [address, setAddress] = useState('');
  const [addressError, setAddressError] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const addressRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  const runOnce = async (work: () => Promise<void>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setFailure('');
    try {
      await work();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const open = () => {
    setStep({ name: 'address' });
    setTimeout(() => addressRef.current?.focus(), 0);
  };

  const sendVerification = () =>
    runOnce(async () => {
      const trimmed = address.trim();
      const problem = trimmed ? describeEmailAddressProblem(trimmed) : 'Enter an email address.';
      if (problem) {
        setAddressError(problem);
        addressRef.current?.focus();
        return;
      }
      setAddressError('');
      const result = await callApi(() => api.setCompanyEmail(normalizeEmailAddress(trimmed)));
      if (!result.ok) {
        const fieldIssue = result.error.issues?.find((issue) => issue.path.includes('email'));
        if (fieldIssue) setAddressError(fieldIssue.message);
        else setFailure(describeApiError(result.error));
        return;
      }
      setCode('');
      setCodeError('');
      setStep({ name: 'verify', sentTo: result.data.pendingCompanyEmail });
      setTimeout(() => codeRef.current?.focus(), 0);
    });

  const verify = () =>
    runOnce(async () => {
      const normalized = normalizeOtpInput(code);
      if (!/^\d+$/.test(normalized)) {
        setCodeError('Enter the code from the email, digits only.');
        codeRef.current?.focus();
        return;
      }
      setCodeError('');
      const result = await callApi(() => api.verifyCompanyEmail(normalized));
      if (!result.ok) {
        if (result.error.code === 'VERIFICATION_FAILED') setCodeError(describeApiError(result.error));
        else setFailure(describeApiError(result.error));
        return;
      }
      setStep({ name: 'done', destination: result.data.destination });
      // The Confirm button is gone now, so focus the result instead of letting it fall to the page.
      setTimeout(() => doneRef.current?.focus(), 0);
      onChanged(result.data);
    });

  const submitOnEnter = (action: () => Promise<void>) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void action();
  };

  if (step.name === 'closed') {
    return (
      <button type="button" class="dg-button" onClick={open}>
        Use a different email
      </button>
    );
  }

  if (step.name === 'done') {
    return (
      <p role="status" class="dg-success" ref={doneRef} tabIndex={-1}>
        Codes now go to <strong>{step.destination}</strong>. The code you had for deleting has ended, so send a new one.
      </p>
    );
  }

  return (
    <div class="dg-change-email">
      <h3 class="dg-subheading">Use a different email</h3>
      {step.name === 'address' && (
        <div class="dg-field">
          <label for={addressId}>Email address</label>
          <p id={`${addressId}-hint`} class="dg-hint">
            We'll send a code there to check it's yours. Deletion codes go there once you enter it.
          </p>
          <input
            id={addressId}
            ref={addressRef}
            type="email"
            autocomplete="email"
            spellcheck={false}
            value={address}
            aria-invalid={addressError ? 'true' : undefined}
            aria-describedby={joinDescribedBy(`${addressId}-hint`, addressError && `${addressId}-error`)}
            onInput={(event) => setAddress(event.currentTarget.value)}
            onKeyDown={submitOnEnter(sendVerification)}
          />
          {addressError && (
            <p id={`${addressId}-error`} class="dg-field-error">
              {addressError}
            </p>
          )}
          <div class="dg-actions">
            <button type="button" class="dg-button" onClick={() => setStep({ name: 'closed' })}>
              Keep the current email
            </button>
            <button type="button" class="dg-button dg-primary" aria-disabled={busy ? 'true' : undefined} onClick={() => void sendVerification()}>
              {busy && <Spinner />}
              Send verification code
            </button>
          </div>
        </div>
      )}

      {step.name === 'verify' && (
        <div class="dg-field">
          <p>
            We sent a code to <strong>{step.sentTo}</strong>. Enter it here to start using that address.
          </p>
          <label for={codeId}>Verification code</label>
          <input
            id={codeId}
            ref={codeRef}
            type="text"
            inputMode="numeric"
            autocomplete="one-time-code"
            spellcheck={false}
            value={code}
            aria-invalid={codeError ? 'true' : undefined}
            aria-describedby={joinDescribedBy(codeError && `${codeId}-error`)}
            onInput={(event) => setCode(event.currentTarget.value)}
            onKeyDown={submitOnEnter(verify)}
          />
          {codeError && (
            <p id={`${codeId}-error`} class="dg-field-error">
              {codeError}
            </p>
          )}
          <div class="dg-actions">
            <button type="button" class="dg-button" onClick={open}>
              Change the address
            </button>
            <button type="button" class="dg-button dg-primary" aria-disabled={busy ? 'true' : undefined} onClick={() => void verify()}>
              {busy && <Spinner />}
              Confirm email
            </button>
          </div>
        </div>
      )}

      <p role="alert" class="dg-alert">
        {failure}
      </p>
    </div>
  );
}
