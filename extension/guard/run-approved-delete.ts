import type { CreateDeletionResponse, Customer } from '../../shared/api/deletions.ts';
import { sendBackgroundMessage } from '../lib/message-api-port.ts';
import type { PendingOutcome } from '../lib/messages.ts';
import { armAcceptConfirm, DISARM_CONFIRM_EVENT } from './accept-confirm.ts';
import type { ControlMatch } from './find-control.ts';
import type { MenuTracker } from './menu-tracker.ts';
import { reacquireControl } from './reacquire-control.ts';
import { replayControl } from './replay-events.ts';
import { reportOutcome } from './report-outcome.ts';
import { watchOutcome, type WatchedDeletion } from './watch-outcome.ts';
import type { GuardContext } from './guard-context.ts';

/** State of one approved delete: the control, the customers and the API approval. */
export interface ApprovedDelete {
  match: ControlMatch;
  customers: Customer[];
  rows: (Element | null)[];
  approval: CreateDeletionResponse;
}

function toWatched(approved: ApprovedDelete): WatchedDeletion[] {
  return approved.approval.deletions.map((deletion) => {
    const index = approved.customers.findIndex((customer) => customer.id === deletion.customerId);
    return { deletionId: deletion.id, customerId: deletion.customerId, row: approved.rows[index] ?? null };
  });
}

async function failAll(watched: WatchedDeletion[], detail: string): Promise<void> {
  console.warn(`Delete Guard: ${detail}`);
  await Promise.all(watched.map((deletion) => reportOutcome(deletion.deletionId, { outcome: 'failed', detail })));
}

function selectedIdsNow(approved: ApprovedDelete): string[] {
  const bulk = approved.match.profile.bulk;
  if (!bulk) return [];
  return [...document.querySelectorAll(bulk.selectedCheckbox)].map((box) => (box as HTMLInputElement).value?.trim() ?? '');
}

function sameIds(left: string[], right: string[]): boolean {
  return left.length === right.length && [...left].sort().join('\n') === [...right].sort().join('\n');
}

/**
 * Runs the CRM's own deletion once for an approved request (replay the
 * control, or follow its link), then watches the page and reports each
 * outcome. Refuses to run, and reports `failed`, when the page no longer shows
 * exactly the approved customers.
 */
export async function runApprovedDelete(ctx: GuardContext, approved: ApprovedDelete, menus: MenuTracker): Promise<void> {
  const { profile } = approved.match;
  const watched = toWatched(approved);
  const deadline = Date.now() + profile.outcome.waitSeconds * 1000;
  const pending: PendingOutcome[] = watched.map((deletion) => ({
    deletionId: deletion.deletionId,
    customerId: deletion.customerId,
    profileId: profile.id,
    origin: location.origin,
    deadline,
  }));
  // Stored before the CRM acts, so a delete that reloads the page is still checked.
  await sendBackgroundMessage({ type: 'outcome:remember', pending });

  const customerIds = approved.customers.map((customer) => customer.id);
  if (approved.match.kind === 'bulk' && !sameIds(selectedIdsNow(approved), customerIds)) {
    return failAll(watched, 'The selection changed while the code was entered, so the CRM\'s bulk delete was not run. Select the customers again and repeat.');
  }

  const control = await reacquireControl(approved.match, customerIds[0] ?? '', menus);
  if (!control) {
    return failAll(watched, 'The delete control was no longer on the page, so the CRM\'s delete was not run.');
  }

  if (profile.proceed.mode === 'navigate') {
    const href = control.closest('a[href]')?.getAttribute('href');
    const target = href ? new URL(href, location.href) : null;
    if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
      return failAll(watched, 'The delete control has no http(s) link to follow, so the CRM\'s delete was not run. Use proceed mode "replay" in the profile.');
    }
    location.assign(target.href);
  } else {
    if (profile.proceed.acceptConfirm) armAcceptConfirm();
    try {
      replayControl(profile, control);
    } finally {
      // A confirm() opened by a later task, like a timer or a network reply, is left to the user.
      if (profile.proceed.acceptConfirm) ctx.setTimeout(() => window.dispatchEvent(new Event(DISARM_CONFIRM_EVENT)), 0);
    }
  }
  watchOutcome(ctx, profile, watched);
}
