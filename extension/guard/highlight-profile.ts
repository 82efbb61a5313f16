import type { Customer } from '../../shared/api/deletions.ts';
import type { SiteProfile } from '../../shared/profile.ts';
import { queryControl } from './customer-presence.ts';
import { normalizeControlText } from './find-control.ts';
import { readCustomerName } from './extract-customers.ts';
import { readCustomerId } from './read-id.ts';

/** Counts and sample customers that a profile found on the page. */
export interface HighlightReport {
  controls: number;
  bulkControls: number;
  /** Up to five customers read from rows with a delete control. */
  customers: Customer[];
}

const HIGHLIGHT_MS = 5000;
const SAMPLE_SIZE = 5;

function outline(elements: Element[], color: string): void {
  for (const element of elements) {
    if (!(element instanceof HTMLElement || element instanceof SVGElement)) continue;
    const previous = element.style.outline;
    element.style.outline = `3px solid ${color}`;
    setTimeout(() => (element.style.outline = previous), HIGHLIGHT_MS);
  }
}

/**
 * Outlines a profile's delete controls (orange), bulk control (purple) and rows
 * (blue) for a few seconds, and reports what it could read. Used by "Test on
 * open tab" in the options page, which validates the profile before sending it.
 */
export function highlightProfile(profile: SiteProfile): HighlightReport {
  const controls = [...document.querySelectorAll(profile.deleteControl)].filter(
    (element) => profile.controlText === undefined || normalizeControlText(element.textContent) === normalizeControlText(profile.controlText),
  );
  const bulkControls = profile.bulk ? [...document.querySelectorAll(profile.bulk.deleteControl)] : [];
  const rowSource = profile.customer.row;
  const rows = rowSource.mode === 'page' ? [] : [...document.querySelectorAll(rowSource.row)];

  const customers: Customer[] = [];
  const scopes: ParentNode[] = rowSource.mode === 'page' ? [document] : rows;
  for (const row of scopes) {
    if (customers.length >= SAMPLE_SIZE) break;
    const control = queryControl(profile, row) ?? (row instanceof Element ? row : document.documentElement);
    const id = readCustomerId(profile.customer.id, { row, control, pageUrl: location.href });
    if (id) customers.push({ id, name: readCustomerName(profile, row, document) });
  }

  outline(rows, '#2563eb');
  outline(controls, '#f79009');
  outline(bulkControls, '#7c3aed');
  return { controls: controls.length, bulkControls: bulkControls.length, customers };
}
