import type { ReportOutcomeRequest } from '../../shared/api/deletions.ts';
import type { SiteProfile } from '../../shared/profile.ts';
import { sendBackgroundMessage } from '../lib/message-api-port.ts';
import type { PendingOutcome } from '../lib/messages.ts';
import { isCustomerShown, isProfileOnPage } from './customer-presence.ts';
import { matchProfiles } from './match-profiles.ts';
import { reportOutcome } from './report-outcome.ts';

/**
 * Delay after the deadline beyond which a failed outcome's detail notes the
 * late check, because the page or the browser was closed in between.
 */
const LATE_CHECK_MS = 60_000;

/** State of the current page for one pending deletion's customer. */
export interface PendingPage {
  /** Whether the entry's site profile matches this page. */
  profileActive: boolean;
  /** Whether that profile's list or detail view has rendered. */
  rendered: boolean;
  /** Whether the customer is still shown. */
  customerShown: boolean;
}

/**
 * Decides the outcome of one pending deletion from the page loaded now, or
 * returns null while it is still undecided. A customer missing from a
 * rendered page of the same profile is `deleted`. One still shown after its
 * deadline is `failed`, and so is an entry whose page never came back
 * before the deadline. A check well past the deadline adds how late it ran.
 */
export function decidePendingOutcome(entry: PendingOutcome, page: PendingPage, now: number): ReportOutcomeRequest | null {
  const pastDeadline = now > entry.deadline;
  if (!page.profileActive) {
    if (!pastDeadline) return null;
    return { outcome: 'failed', detail: withLateNote('The page of this deletion was not shown again before the deadline, so its outcome is unknown.', entry, now) };
  }
  // Rows rendered after load are missing at first; an empty page is judged only after the deadline.
  if (!page.customerShown && (page.rendered || pastDeadline)) return { outcome: 'deleted' };
  if (!pastDeadline) return null;
  return { outcome: 'failed', detail: withLateNote('The customer was still listed when the page loaded again.', entry, now) };
}

function withLateNote(detail: string, entry: PendingOutcome, now: number): string {
  const lateMs = now - entry.deadline;
  if (lateMs <= LATE_CHECK_MS) return detail;
  return `${detail} The check ran late, ${formatDelay(lateMs)} after its deadline, because no page of this site was open in the meantime (for example, the browser was closed).`;
}

function formatDelay(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/**
 * Checks the deletions that an earlier page of this origin left pending, for
 * example a delete link that reloaded the page, or a browser closed before
 * the check, and reports each decided outcome (see {@link decidePendingOutcome}).
 * Returns how many entries are still undecided, so the caller can check again.
 */
export async function checkPendingOutcomes(profiles: readonly SiteProfile[]): Promise<number> {
  const result = await sendBackgroundMessage<PendingOutcome[]>({ type: 'outcome:listPending', origin: location.origin });
  if (!result.ok) return 0;

  let undecided = 0;
  const active = matchProfiles(profiles, location.href);
  for (const entry of result.data) {
    const profile = active.find((candidate) => candidate.id === entry.profileId);
    const page: PendingPage = profile
      ? { profileActive: true, rendered: isProfileOnPage(profile, document), customerShown: isCustomerShown(profile, entry.customerId, document) }
      : { profileActive: false, rendered: false, customerShown: false };
    const report = decidePendingOutcome(entry, page, Date.now());
    if (report) await reportOutcome(entry.deletionId, report);
    else undecided += 1;
  }
  return undecided;
}
