import { useEffect, useState } from 'preact/hooks';
import type { DeletionRecord, ListDeletionsResponse } from '../../shared/api/deletions.ts';
import { describeApiError } from '../components/messages.ts';
import { sendBackgroundMessage } from '../lib/message-api-port.ts';

/** Number of approvals that one page of the list shows. */
const PAGE_SIZE = 20;

function describeOutcome(record: DeletionRecord): string {
  if (record.outcome === 'deleted') return 'Deleted';
  if (record.outcome === 'failed') return record.outcomeDetail ? `Failed: ${record.outcomeDetail}` : 'Failed';
  return 'No outcome reported yet';
}

// Names and notes come from CRM pages and users. Preact sets them as text, and
// <bdi> keeps right-to-left or override characters in them from reordering the text around them.
function DeletionRow({ record }: { record: DeletionRecord }) {
  return (
    <tr>
      <td><time dateTime={record.at}>{new Date(record.at).toLocaleString()}</time></td>
      <td class="customer-cell"><bdi>{record.customer.name || 'Unnamed customer'}</bdi> <span class="hint">ID <bdi>{record.customer.id}</bdi></span></td>
      <td><bdi>{record.reason}</bdi></td>
      <td class="note-cell"><bdi>{record.note ?? ''}</bdi></td>
      <td><bdi>{describeOutcome(record)}</bdi></td>
    </tr>
  );
}

/**
 * Lists the account's latest approved deletions from `GET /v1/deletions`,
 * newest first, through the background worker, with "Older" for the next page.
 */
export function RecentDeletions() {
  const [records, setRecords] = useState<DeletionRecord[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  const load = async (before?: string) => {
    setLoading(true);
    const result = await sendBackgroundMessage<ListDeletionsResponse>({ type: 'api:listDeletions', limit: PAGE_SIZE, ...(before ? { before } : {}) });
    setLoading(false);
    if (!result.ok) {
      setError(`Failed to load recent deletions: ${describeApiError(result.error)}`);
      return;
    }
    setError('');
    setRecords((current) => (before ? [...current, ...result.data.deletions] : result.data.deletions));
    setNextBefore(result.data.nextBefore);
  };

  useEffect(() => {
    void load();
  }, []);

  return (
    <section aria-labelledby="recent-deletions-heading">
      <h2 id="recent-deletions-heading">Recent deletions</h2>
      {error && <p role="alert" class="error">{error}</p>}
      {!error && !loading && records.length === 0 && <p class="hint">No deletions have been approved for this account yet.</p>}
      {records.length > 0 && (
        <table class="deletions">
          <thead>
            <tr><th scope="col">Time</th><th scope="col">Customer</th><th scope="col">Reason</th><th scope="col">Note</th><th scope="col">Outcome</th></tr>
          </thead>
          <tbody>
            {records.map((record) => <DeletionRow key={record.id} record={record} />)}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => void load()} disabled={loading}>Refresh</button>
      {nextBefore && <button type="button" onClick={() => void load(nextBefore)} disabled={loading}>Older</button>}
    </section>
  );
}
