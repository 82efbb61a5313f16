import { useEffect, useState } from 'preact/hooks';
import type { CreateDeletionResponse, Customer, Settings } from '../../shared/index.ts';
import type { ApiPort, ApiResult } from '../lib/api-port.ts';

/** Props shared with the components' DeletionModal. */
export interface DeletionModalProps {
  customers: Customer[];
  api: ApiPort;
  onApproved(result: CreateDeletionResponse): void;
  onClose(): void;
  supportUrl?: string;
}

/**
 * Minimal stand-in for `extension/components/DeletionModal.tsx` until it lands:
 * reason, confirmation word, Send OTP, code, Confirm and Delete, and the API's
 * error messages. It has none of the real modal's help or accessibility work.
 */
export function DeletionModalStub({ customers, api, onApproved, onClose, supportUrl }: DeletionModalProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [otp, setOtp] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async <T,>(call: () => Promise<ApiResult<T>>): Promise<T | null> => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    if (result.ok) {
      setError('');
      return result.data;
    }
    setError(`${result.error.message} (${result.error.code})`);
    return null;
  };

  useEffect(() => {
    void run(() => api.getSettings()).then((data) => data && setSettings(data));
  }, []);

  const confirm = async () => {
    const request = { customers, reason, note: note || undefined, confirmation, otp, pageUrl: location.href };
    const approval = await run(() => api.createDeletion(request));
    if (approval) onApproved(approval);
  };

  const names = customers.map((customer) => customer.name || customer.id).join(', ');
  return (
    <div class="dg-dialog" role="dialog" aria-modal="true" aria-label="Confirm deletion">
      <h2>Delete {names}?</h2>
      {settings && (
        <div>
          <label for="dg-reason">Reason</label>
          <select id="dg-reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)}>
            <option value="">Pick a reason</option>
            {settings.reasons.map((item) => <option key={item} value={item}>{item}</option>)}
          </select>
          {reason === settings.otherReason && (
            <>
              <label for="dg-note">Note</label>
              <textarea id="dg-note" value={note} onInput={(event) => setNote(event.currentTarget.value)} />
            </>
          )}
          <label for="dg-confirmation">Type {settings.confirmationWord} to confirm</label>
          <input id="dg-confirmation" value={confirmation} onInput={(event) => setConfirmation(event.currentTarget.value)} />
          <div class="dg-actions">
            <button type="button" disabled={busy} onClick={() => void run(() => api.sendOtp())}>Send OTP</button>
          </div>
          <label for="dg-otp">Code from the email</label>
          <input id="dg-otp" inputMode="numeric" autocomplete="one-time-code" value={otp} onInput={(event) => setOtp(event.currentTarget.value)} />
        </div>
      )}
      {error && <p class="dg-error" role="alert">{error}</p>}
      {supportUrl && <p><a href={supportUrl} target="_blank" rel="noreferrer">Contact support</a></p>}
      <div class="dg-actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" class="dg-danger" disabled={busy || !settings} onClick={() => void confirm()}>Confirm and Delete</button>
      </div>
    </div>
  );
}
