import type { SiteProfile } from '../../shared/profile.ts';
import { isCustomerShown } from './customer-presence.ts';
import { reportOutcome } from './report-outcome.ts';
import type { GuardContext } from './guard-context.ts';

const POLL_MS = 250;

/** One approved customer the watcher follows. */
export interface WatchedDeletion {
  deletionId: string;
  customerId: string;
  row: Element | null;
}

/**
 * Polls until each customer has left the page (reported `deleted`) or
 * `waitSeconds` pass (reported `failed`). If the page unloads first, the
 * pending entries kept by the background are checked on the next load.
 */
export function watchOutcome(ctx: GuardContext, profile: SiteProfile, deletions: WatchedDeletion[]): void {
  const deadline = Date.now() + profile.outcome.waitSeconds * 1000;
  let open = [...deletions];

  const check = () => {
    const timedOut = Date.now() >= deadline;
    open = open.filter((deletion) => {
      if (!isCustomerShown(profile, deletion.customerId, document, deletion.row)) {
        void reportOutcome(deletion.deletionId, { outcome: 'deleted' });
        return false;
      }
      if (timedOut) {
        void reportOutcome(deletion.deletionId, {
          outcome: 'failed',
          detail: `The customer was still on the page ${profile.outcome.waitSeconds} s after the CRM's delete control ran.`,
        });
        return false;
      }
      return true;
    });
    if (open.length > 0) ctx.setTimeout(check, POLL_MS);
  };
  ctx.setTimeout(check, POLL_MS);
}
