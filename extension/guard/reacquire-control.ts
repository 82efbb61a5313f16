import type { SiteProfile } from '../../shared/profile.ts';
import { findCustomerRow, queryControl } from './customer-presence.ts';
import type { ControlMatch } from './find-control.ts';
import type { MenuTracker } from './menu-tracker.ts';
import { readCustomerId } from './read-id.ts';

const MENU_WAIT_MS = 1000;

function waitForFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 16));
}

async function reopenMenu(profile: SiteProfile, customerId: string, menus: MenuTracker): Promise<Element | null> {
  const source = profile.customer.row;
  if (source.mode !== 'menuTrigger') return null;
  const row = menus.lastFor(profile.id)?.row ?? findCustomerRow(profile, customerId, document);
  const trigger = row?.querySelector(source.trigger);
  if (!row || !trigger) return null;

  // The menu trigger is not a delete control, so this click is not guarded.
  trigger.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0, detail: 1 }));
  const until = Date.now() + MENU_WAIT_MS;
  while (Date.now() < until) {
    const control = queryControl(profile, document);
    if (control) return control;
    await waitForFrame();
  }
  return null;
}

/**
 * Returns the delete control to replay on: the original one if it is still on
 * the page, else the same customer's control found again (re-rendered row,
 * closed menu). Returns null when it cannot be found for the same customer.
 */
export async function reacquireControl(match: ControlMatch, customerId: string, menus: MenuTracker): Promise<Element | null> {
  const { profile } = match;
  if (match.control.isConnected) return match.control;
  if (match.kind === 'bulk') return profile.bulk ? document.querySelector(profile.bulk.deleteControl) : null;

  const source = profile.customer.row;
  if (source.mode === 'menuTrigger') return reopenMenu(profile, customerId, menus);
  if (source.mode === 'page') {
    const idOnPage = readCustomerId(profile.customer.id, { row: document, control: document.documentElement, pageUrl: location.href });
    return idOnPage === customerId ? queryControl(profile, document) : null;
  }
  const row = findCustomerRow(profile, customerId, document);
  return row ? queryControl(profile, row) : null;
}
