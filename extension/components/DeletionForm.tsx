import type { Ref } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CreateDeletionRequest, CreateDeletionResponse, Customer } from '../../shared/api/deletions.ts';
import type { OtpStatus, SendOtpResponse } from '../../shared/api/otp.ts';
import type { Settings } from '../../shared/api/settings.ts';
import { matchesConfirmation } from '../../shared/confirmation.ts';
import { isOtpComplete, normalizeOtpInput } from '../../shared/otp-input.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { callApi } from './call-api.ts';
import { CodeField } from './CodeField.tsx';
import type { CodeMemory } from './code-memory.ts';
import { CodeSection } from './CodeSection.tsx';
import { ConfirmationField } from './ConfirmationField.tsx';
import { CustomerList } from './CustomerList.tsx';
import { describeApiError, type ApiErrorBody } from './messages.ts';
import { isReasonComplete, ReasonField } from './ReasonField.tsx';
import { Spinner } from './Spinner.tsx';

/** Errors after which the code can never work again, so the field and the memory are cleared. */
const CODE_ENDING_ERRORS = new Set(['OTP_EXPIRED', 'OTP_USED_UP', 'OTP_LOCKED', 'NO_ACTIVE_OTP']);

/** Props of {@link DeletionForm}. */
export interface DeletionFormProps {
  customers: Customer[];
  api: ApiPort;
  settings: Settings;
  status: OtpStatus;
  sentHere: boolean;
  codeMemory?: CodeMemory;
  pageUrl?: string;
  /** Hides the form while the troubleshooting panel shows, keeping what the user typed. */
  hidden: boolean;
  helpButtonRef: Ref<HTMLButtonElement>;
  onCodeSent(response: SendOtpResponse): void;
  onStatusChange(change: (status: OtpStatus) => OtpStatus): void;
  onApproved(result: CreateDeletionResponse, request: CreateDeletionRequest): void;
  onCancel(): void;
  onOpenHelp(): void;
  now?: () => number;
}

function readRememberedCode(memory: CodeMemory | undefined, status: OtpStatus): string {
  if (!status.active) return '';
  const remembered = normalizeOtpInput(memory?.get() ?? '');
  return /^\d+$/.test(remembered) ? remembered : '';
}

/** Renders the body of the deletion modal: customers, reason, confirmation word, code and the buttons. */
export function DeletionForm(props: DeletionFormProps) {
  const { customers, api, settings, status, codeMemory, now = Date.now } = props;
  const digits = settings.limits.otpDigits;

  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [code, setCode] = useState(() => readRememberedCode(codeMemory, status));
  const [showErrors, setShowErrors] = useState(false);
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // The serial number makes a repeated message a new DOM node, so screen readers announce it again.
  const [message, setMessage] = useState({ text: '', serial: 0 });

  // Refs, not state, guard the two requests, because a second click in the same tick still reads the old state.
  const submittingRef = useRef(false);
  const sendingRef = useRef(false);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  // Before the first paint, so a form shown from cached data opens with Reason focused.
  useLayoutEffect(() => {
    reasonRef.current?.focus({ preventScroll: true });
  }, []);

  // A new code replaces the old one, so whatever is in the field no longer works.
  const issuedAt = useRef(status.issuedAt);
  useEffect(() => {
    if (issuedAt.current === status.issuedAt) return;
    issuedAt.current = status.issuedAt;
    setCode('');
  }, [status.issuedAt]);

  const normalizedCode = normalizeOtpInput(code);
  const confirmationMatches = matchesConfirmation(confirmation, settings.confirmationWord);
  const canConfirm =
    isReasonComplete(reason, note, settings.otherReason) && confirmationMatches && isOtpComplete(normalizedCode, digits);

  const showError = (error: ApiErrorBody) => {
    const text = describeApiError(error, { customerCount: customers.length, confirmationWord: settings.confirmationWord });
    setMessage((current) => ({ text, serial: current.serial + 1 }));
  };

  const sendCode = async () => {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    setMessage((current) => ({ ...current, text: '' }));
    const result = await callApi(() => api.sendOtp());
    sendingRef.current = false;
    setSending(false);

    if (result.ok) {
      codeMemory?.clear();
      setCode('');
      props.onCodeSent(result.data);
      codeRef.current?.focus();
      return;
    }
    const retryAfter = result.error.retryAfterSeconds;
    if (retryAfter !== undefined && (result.error.code === 'RESEND_TOO_SOON' || result.error.code === 'SEND_LIMIT_REACHED')) {
      const resendAvailableAt = new Date(now() + retryAfter * 1000).toISOString();
      props.onStatusChange((current) => ({ ...current, resendAvailableAt }));
    }
    showError(result.error);
  };

  const handleDeletionError = (error: ApiErrorBody) => {
    showError(error);
    if (error.code === 'OTP_INVALID') {
      codeMemory?.clear();
      props.onStatusChange((current) => ({ ...current, attemptsLeft: error.attemptsLeft }));
      codeRef.current?.focus();
      codeRef.current?.select();
    } else if (CODE_ENDING_ERRORS.has(error.code)) {
      codeMemory?.clear();
      setCode('');
      props.onStatusChange((current) => ({ ...current, active: false }));
    } else if (error.code === 'NOT_ENOUGH_USES' && error.usesLeft !== undefined) {
      const usesLeft = error.usesLeft;
      props.onStatusChange((current) => ({ ...current, usesLeft }));
    } else if (error.code === 'CONFIRMATION_MISMATCH') {
      confirmationRef.current?.focus();
    }
  };

  const submit = async () => {
    if (submittingRef.current) return;
    if (!canConfirm) {
      setShowErrors(true);
      return;
    }
    submittingRef.current = true;
    setSubmitting(true);
    setMessage((current) => ({ ...current, text: '' }));

    const trimmedNote = note.trim();
    const request: CreateDeletionRequest = {
      customers,
      reason,
      confirmation: confirmation.trim(),
      otp: normalizedCode,
      ...(trimmedNote ? { note: trimmedNote } : {}),
      ...(props.pageUrl ? { pageUrl: props.pageUrl } : {}),
    };
    const result = await callApi(() => api.createDeletion(request));
    if (result.ok) {
      // The guard stays set: this confirmation is used up, and the caller closes the modal.
      codeMemory?.set(request.otp);
      props.onApproved(result.data, request);
      return;
    }
    submittingRef.current = false;
    setSubmitting(false);
    handleDeletionError(result.error);
  };

  const handleKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    // Enter that commits an IME composition picks a candidate; it must not submit.
    if (event.isComposing || event.keyCode === 229) {
      event.preventDefault();
      return;
    }
    const tag = (event.target as HTMLElement).tagName;
    if (tag === 'TEXTAREA' || tag === 'BUTTON' || tag === 'A') return;
    event.preventDefault();
    void submit();
  };

  return (
    <form
      class="dg-body"
      noValidate
      hidden={props.hidden}
      onKeyDown={handleKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <CustomerList customers={customers} />
      <ReasonField
        reasons={settings.reasons}
        otherReason={settings.otherReason}
        reason={reason}
        note={note}
        onReasonChange={setReason}
        onNoteChange={setNote}
        showErrors={showErrors}
        selectRef={reasonRef}
      />
      <ConfirmationField
        word={settings.confirmationWord}
        value={confirmation}
        onInput={setConfirmation}
        showErrors={showErrors}
        inputRef={confirmationRef}
      />
      <CodeSection
        status={status}
        sentHere={props.sentHere}
        sending={sending}
        customerCount={customers.length}
        onSend={() => void sendCode()}
        now={now}
      />
      <CodeField digits={digits} value={code} onInput={setCode} showErrors={showErrors} inputRef={codeRef} />
      <button type="button" class="dg-link-button" ref={props.helpButtonRef} onClick={props.onOpenHelp}>
        Didn't get the code?
      </button>

      <div role="alert" class="dg-alert">
        {message.text && <span key={message.serial}>{message.text}</span>}
      </div>
      {!canConfirm && (
        <p class="dg-hint">Confirm and Delete turns on once the reason, the confirmation word and the code are all filled in.</p>
      )}
      <div class="dg-actions">
        <button type="button" class="dg-button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class="dg-button dg-danger"
          disabled={!canConfirm}
          aria-disabled={submitting ? 'true' : undefined}
          onClick={() => void submit()}
        >
          {submitting && <Spinner />}
          Confirm and Delete
        </button>
      </div>
    </form>
  );
}
