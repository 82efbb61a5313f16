import { useId, useState } from 'preact/hooks';
import type { Delivery } from '../../shared/api/otp.ts';
import type { SupportAccount } from '../../shared/api/support.ts';
import { callApi } from '../components/call-api.ts';
import { describeApiError } from '../components/messages.ts';
import type { ApiResult } from '../lib/api-port.ts';
import type { SupportPort } from '../lib/support-port.ts';
import type { MailProvider } from '../../shared/provider.ts';
import { STATUS_LABELS, SupportDeliveries } from './SupportDeliveries.tsx';

/** Mail providers as support staff name them; "other" is any provider without its own steps. */
const PROVIDER_LABELS: Record<MailProvider, string> = {
  gmail: 'Gmail',
  outlook: 'Outlook or Hotmail',
  yahoo: 'Yahoo Mail',
  other: 'Other provider',
};

/** Props of {@link SupportPanel}. */
export interface SupportPanelProps {
  support: SupportPort;
}

type Notice = { kind: 'error' | 'status'; text: string } | null;

/**
 * Support tools of the troubleshooting page: find an account by its
 * registered or company email, read its deliveries, and send it a test email.
 * Every action is recorded in the API's support audit trail.
 */
export function SupportPanel({ support }: SupportPanelProps) {
  const emailId = useId();
  const [email, setEmail] = useState('');
  const [accounts, setAccounts] = useState<SupportAccount[] | null>(null);
  const [selected, setSelected] = useState<SupportAccount | null>(null);
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const run = async <T,>(call: () => Promise<ApiResult<T>>): Promise<T | null> => {
    setBusy(true);
    setNotice(null);
    const result = await callApi(call);
    setBusy(false);
    if (result.ok) return result.data;
    setNotice({ kind: 'error', text: describeApiError(result.error) });
    return null;
  };

  const search = async (event: Event) => {
    event.preventDefault();
    if (email.trim() === '') return setNotice({ kind: 'error', text: 'Enter the email address the customer gave you.' });
    const data = await run(() => support.searchAccounts(email.trim()));
    if (!data) return;
    setAccounts(data.accounts);
    setSelected(null);
    setDeliveries(null);
  };

  const open = async (account: SupportAccount) => {
    setSelected(account);
    setDeliveries(null);
    const data = await run(() => support.listDeliveries(account.id));
    if (data) setDeliveries(data.deliveries);
  };

  const sendTest = async () => {
    if (!selected) return;
    const data = await run(() => support.sendTestEmail(selected.id));
    if (!data) return;
    const list = await run(() => support.listDeliveries(selected.id));
    if (list) setDeliveries(list.deliveries);
    // Set last, because run() clears the notice when it starts.
    setNotice({ kind: 'status', text: `Test email to ${data.delivery.sentTo}: ${STATUS_LABELS[data.delivery.status].toLowerCase()}.` });
  };

  return (
    <section class="dg-helper" aria-label="Support tools">
      <h2 class="dg-title">Support: find an account</h2>
      <form onSubmit={(event) => void search(event)} noValidate>
        <label for={emailId}>Customer email</label>
        <input id={emailId} type="email" value={email} onInput={(event) => setEmail(event.currentTarget.value)} />
        <button type="submit" class="dg-button" disabled={busy}>
          Search
        </button>
      </form>

      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} class={notice.kind === 'error' ? 'dg-alert' : 'dg-hint'}>
          {notice.text}
        </p>
      )}

      {accounts !== null && accounts.length === 0 && <p role="status">No account uses this email as its registered or company email.</p>}
      {accounts !== null && accounts.length > 0 && (
        <ul>
          {accounts.map((account) => (
            <li key={account.id}>
              <button type="button" class="dg-button" onClick={() => void open(account)}>
                {account.company} ({account.registeredEmail})
              </button>
            </li>
          ))}
        </ul>
      )}

      {selected && (
        <>
          <h3 class="dg-subheading">{selected.company}</h3>
          <p>
            Codes go to <strong>{selected.destination}</strong> ({PROVIDER_LABELS[selected.provider]}).
            {selected.pendingCompanyEmail && ` A change to ${selected.pendingCompanyEmail} waits for verification.`}
          </p>
          <button type="button" class="dg-button" disabled={busy} onClick={() => void sendTest()}>
            Send test email
          </button>
          <h3 class="dg-subheading">Deliveries</h3>
          {deliveries === null ? <p role="status">Loading deliveries…</p> : <SupportDeliveries deliveries={deliveries} />}
        </>
      )}
    </section>
  );
}
