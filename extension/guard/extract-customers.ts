import type { Customer } from '../../shared/api/deletions.ts';
import { MAX_CUSTOMERS_PER_DELETION } from '../../shared/deletion-limits.ts';
import type { SiteProfile } from '../../shared/profile.ts';
import type { ControlMatch } from './find-control.ts';
import type { MenuTracker } from './menu-tracker.ts';
import { readCustomerId } from './read-id.ts';

/** The customers a delete control acts on, with the row each was read from. */
export type Extraction =
  | { ok: true; customers: Customer[]; rows: (Element | null)[] }
  | { ok: false; message: string };

/** Reads the display name as `customer.name` specifies, or '' when the profile has none. */
export function readCustomerName(profile: SiteProfile, row: ParentNode, root: ParentNode): string {
  const source = profile.customer.name;
  if (!source) return '';
  const scope = source.from === 'row' ? row : root;
  const text = scope.querySelector(source.selector)?.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** Finds the row a single delete control belongs to, or null when the profile cannot tell. */
export function findRow(match: ControlMatch, menus: MenuTracker, root: Document): ParentNode | null {
  const source = match.profile.customer.row;
  if (source.mode === 'closest') return match.control.closest(source.row);
  if (source.mode === 'menuTrigger') return menus.lastFor(match.profile.id)?.row ?? null;
  return root;
}

/**
 * Reads the customers for a blocked delete: one for a row's control, every
 * ticked checkbox for the bulk control. Fails with a message the user can act
 * on instead of guessing.
 */
export function extractCustomers(match: ControlMatch, menus: MenuTracker, root: Document, pageUrl: string): Extraction {
  const { profile } = match;
  if (match.kind === 'bulk') return extractSelected(profile, root);

  const row = findRow(match, menus, root);
  if (!row) {
    return { ok: false, message: `Delete Guard could not tell which customer this Delete belongs to (profile "${profile.name}"). Nothing was deleted. Ask your administrator to check the profile's row settings.` };
  }
  const id = readCustomerId(profile.customer.id, { row, control: match.control, pageUrl });
  if (!id) {
    return { ok: false, message: `Delete Guard could not read the customer id (profile "${profile.name}", id from "${profile.customer.id.from}"). Nothing was deleted. Ask your administrator to check the profile.` };
  }
  const customer = { id, name: readCustomerName(profile, row, root) };
  return { ok: true, customers: [customer], rows: [row === root ? null : (row as Element)] };
}

function extractSelected(profile: SiteProfile, root: Document): Extraction {
  const bulk = profile.bulk;
  if (!bulk) return { ok: false, message: `Profile "${profile.name}" has no bulk settings.` };

  const customers: Customer[] = [];
  const rows: (Element | null)[] = [];
  for (const box of root.querySelectorAll(bulk.selectedCheckbox)) {
    const id = (box instanceof HTMLInputElement ? box.value : box.getAttribute('value'))?.trim();
    if (!id || customers.some((customer) => customer.id === id)) continue;
    const row = profile.customer.row.mode === 'page' ? null : box.closest(profile.customer.row.row);
    customers.push({ id, name: row ? readCustomerName(profile, row, root) : '' });
    rows.push(row);
  }
  if (customers.length === 0) {
    return { ok: false, message: 'No customers are selected. Tick the customers to delete, then click Delete again.' };
  }
  if (customers.length > MAX_CUSTOMERS_PER_DELETION) {
    return { ok: false, message: `${customers.length} customers are selected, and one deletion may name at most ${MAX_CUSTOMERS_PER_DELETION}. Select fewer, then click Delete again.` };
  }
  return { ok: true, customers, rows };
}
