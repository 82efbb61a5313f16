import type { Customer } from '../../shared/api/deletions.ts';
import type { SiteProfile } from '../../shared/profile.ts';
import { createMessageApiPort, extensionApi } from '../lib/message-api-port.ts';
import { STAND_IN_CRM_PROFILES } from '../profiles/stand-in-crm.ts';
import { createAccountCache } from './account-cache.ts';
import { checkPendingOutcomes } from './check-pending-outcomes.ts';
import { createCodeMemory } from './code-memory.ts';
import { extractCustomers } from './extract-customers.ts';
import { requestGuardProfiles, watchSavedProfiles } from './guard-profiles.ts';
import { highlightProfile } from './highlight-profile.ts';
import type { ControlMatch } from './find-control.ts';
import { LOCATION_CHANGE_EVENT, type GuardContext } from './guard-context.ts';
import { interceptDeletes } from './intercept.ts';
import { matchProfiles } from './match-profiles.ts';
import { MenuTracker } from './menu-tracker.ts';
import { mountModal } from './mount-modal.tsx';
import { showNotice } from './notice.ts';
import { rerouteOwnUiClicks } from './own-ui.ts';
import { runApprovedDelete } from './run-approved-delete.ts';
import { WARN_DELAY_MS, warnUnmatchedProfiles } from './warn-unmatched.ts';
import { watchControlApproach } from './watch-approach.ts';
import { whenIdle } from './when-idle.ts';

const RELOADED_NOTICE = 'Delete Guard was updated or reloaded while this tab was open, so it cannot check this delete. Reload the page (F5), then try again.';
const PENDING_CHECK_MS = 1000;
const PENDING_CHECK_TIMES = 30;

/**
 * Starts the guard in a page: intercepts delete controls, opens the modal, runs
 * approved deletes and reports outcomes.
 *
 * The blocking listeners are deliberately not owned by `ctx`. When the
 * extension is reloaded under an open tab, `ctx` is invalidated, and
 * listeners owned by it would be removed, letting deletes through unguarded.
 * They stay instead and block every delete with a "reload the page" notice.
 * Everything else (menu tracking aside, timers, navigation watching, the
 * modal) is owned by `ctx` and stops with it. The profile request is the one
 * extension message sent at document_start: until its answer arrives, only
 * the bundled profiles guard clicks, so deferring it would leave deletes on
 * sites with saved profiles unguarded for longer.
 */
export function startGuard(ctx: GuardContext): void {
  // Bundled profiles, written already parsed, guard the first clicks. The
  // background worker's validated list replaces them within milliseconds.
  let profiles: SiteProfile[] = STAND_IN_CRM_PROFILES;
  let busy = false;
  const menus = new MenuTracker();
  const api = createMessageApiPort();
  const codeMemory = createCodeMemory();
  const accountCache = createAccountCache(api);
  const currentProfiles = () => matchProfiles(profiles, location.href);

  const onBlocked = (match: ControlMatch) => {
    if (!ctx.isValid) {
      showNotice(RELOADED_NOTICE);
      return;
    }
    if (busy) return;
    const extraction = extractCustomers(match, menus, document, location.href);
    if (!extraction.ok) {
      showNotice(extraction.message);
      return;
    }
    busy = true;
    try {
      openModal(match, extraction.customers, extraction.rows);
    } catch (error) {
      busy = false;
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`Delete Guard: failed to open the deletion modal: ${reason}`);
      showNotice(`Delete Guard could not open its confirmation window (${reason}). Nothing was deleted. Reload the page and try again.`);
    }
  };

  // Synchronous, so the dialog is focused in the task of the click. The form
  // shows from the cache when a delete control was approached before.
  const openModal = (match: ControlMatch, customers: Customer[], rows: (Element | null)[]) => {
    const modal = mountModal(ctx, {
      customers,
      api,
      supportUrl: accountCache.supportUrl(),
      pageUrl: location.href,
      codeMemory,
      cached: accountCache.snapshot(),
      onDataChange: accountCache.store,
      onClose: () => {
        busy = false;
      },
      onApproved: (approval) => {
        void runApprovedDelete(ctx, { match, customers, rows, approval }, menus).finally(() => {
          busy = false;
        });
      },
    });
    // The modal fetches settings and code status itself; the support page may have changed in the options.
    void accountCache.loadSupportUrl().then(modal.setSupportUrl);
  };

  interceptDeletes({ getProfiles: currentProfiles, menus, onBlocked });
  rerouteOwnUiClicks();
  watchControlApproach(currentProfiles, () => void accountCache.prefetch(), ctx.signal);

  const refreshProfiles = async () => {
    profiles = (await requestGuardProfiles()) ?? profiles;
  };
  void refreshProfiles();

  // Listeners on extension events wait until the page is idle: the first use
  // of `runtime` and `storage` builds their bindings, which costs script time
  // during the page load.
  whenIdle(ctx, () => {
    ctx.onInvalidated(watchSavedProfiles(() => void refreshProfiles()));

    // "Test on open tab" in the options page.
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
      if ((message as { type?: unknown })?.type !== 'guard:highlightProfile') return false;
      sendResponse(highlightProfile((message as { profile: SiteProfile }).profile));
      return false;
    };
    const runtime = extensionApi().runtime;
    runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => runtime.onMessage.removeListener(onMessage));
  });

  const scheduleWarning = () => ctx.setTimeout(() => warnUnmatchedProfiles(currentProfiles()), WARN_DELAY_MS);
  ctx.addEventListener(window, LOCATION_CHANGE_EVENT, scheduleWarning);
  ctx.addEventListener(window, 'load', scheduleWarning);

  let pendingChecks = 0;
  const checkPending = async () => {
    pendingChecks += 1;
    const undecided = await checkPendingOutcomes(profiles);
    if (undecided > 0 && pendingChecks < PENDING_CHECK_TIMES) ctx.setTimeout(() => void checkPending(), PENDING_CHECK_MS);
  };
  ctx.addEventListener(window, 'load', () => ctx.setTimeout(() => void checkPending(), PENDING_CHECK_MS));
}
