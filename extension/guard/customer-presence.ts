import type { SiteProfile } from '../../shared/profile.ts';
import { normalizeControlText } from './find-control.ts';
import { readCustomerId } from './read-id.ts';

/** Finds the profile's delete control inside `scope`, honoring `controlText`. */
export function queryControl(profile: SiteProfile, scope: ParentNode): Element | null {
  for (const element of scope.querySelectorAll(profile.deleteControl)) {
    if (profile.controlText === undefined) return element;
    if (normalizeControlText(element.textContent) === normalizeControlText(profile.controlText)) return element;
  }
  return null;
}

/** Finds the row that shows a customer, or null. Scans every row, so call it sparingly on big pages. */
export function findCustomerRow(profile: SiteProfile, customerId: string, root: Document): Element | null {
  const source = profile.customer.row;
  if (source.mode === 'page') return null;
  for (const row of root.querySelectorAll(source.row)) {
    const control = queryControl(profile, row) ?? row;
    if (readCustomerId(profile.customer.id, { row, control, pageUrl: root.location?.href ?? '' }) === customerId) return row;
  }
  return null;
}

/**
 * Checks whether the page still shows a customer: a row with its id, or, for a
 * page-mode profile, a page whose URL has its id and a delete control.
 */
export function isCustomerShown(profile: SiteProfile, customerId: string, root: Document, knownRow?: Element | null): boolean {
  if (profile.customer.row.mode === 'page') {
    const pageUrl = root.location?.href ?? '';
    const idOnPage = readCustomerId(profile.customer.id, { row: root, control: root.documentElement, pageUrl });
    return idOnPage === customerId && queryControl(profile, root) !== null;
  }
  // The row read at approval time is the cheap check; a re-rendered list needs the full scan.
  if (knownRow?.isConnected) return true;
  return findCustomerRow(profile, customerId, root) !== null;
}

/** Checks whether any of a profile's controls, or its menu trigger, is on the page. */
export function isProfileOnPage(profile: SiteProfile, root: Document): boolean {
  try {
    if (queryControl(profile, root)) return true;
    if (profile.bulk && root.querySelector(profile.bulk.deleteControl)) return true;
    // A menu-mode delete item exists only while its menu is open, so the trigger counts.
    const row = profile.customer.row;
    return row.mode === 'menuTrigger' && root.querySelector(row.trigger) !== null;
  } catch {
    return false;
  }
}
