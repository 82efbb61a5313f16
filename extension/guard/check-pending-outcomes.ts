import type { SiteProfile } from '../../shared/profile.ts';
import { sendBackgroundMessage } from '../lib/message-api-port.ts';
import type { PendingOutcome } from '../lib/messages.ts';
import { isCustomerShown, isProfileOnPage } from './customer-presence.ts';
import { matchProfiles } from './match-profiles.ts';
import { reportOutcome } from './report-outcome.ts';

/**
 * Checks the deletions that an earlier page of this origin left pending, for
 * example a delete link that reloaded the page. A customer missing from a
 * rendered page of the same profile is reported `deleted`. One still shown
 * after its deadline is reported `failed`. Returns how many entries are still
 * undecided, so the caller can check again.
 */
export async function checkPendingOutcomes(profiles: readonly SiteProfile[]): Promise<number> {
  const result = await sendBackgroundMessage<PendingOutcome[]>({ type: 'outcome:listPending', origin: location.origin });
  if (!result.ok) return 0;

  let undecided = 0;
  const active = matchProfiles(profiles, location.href);
  for (const entry of result.data) {
    const profile = active.find((candidate) => candidate.id === entry.profileId);
    const pastDeadline = Date.now() > entry.deadline;
    if (!profile) {
      if (pastDeadline) await reportOutcome(entry.deletionId, { outcome: 'failed', detail: 'The page of this deletion was not shown again before the deadline, so its outcome is unknown.' });
      else undecided += 1;
      continue;
    }
    // Rows rendered after load are missing at first; an empty page is judged only after the deadline.
    const rendered = isProfileOnPage(profile, document);
    if (!isCustomerShown(profile, entry.customerId, document) && (rendered || pastDeadline)) {
      await reportOutcome(entry.deletionId, { outcome: 'deleted' });
    } else if (pastDeadline) {
      await reportOutcome(entry.deletionId, { outcome: 'failed', detail: 'The customer was still listed when the page loaded again.' });
    } else {
      undecided += 1;
    }
  }
  return undecided;
}
