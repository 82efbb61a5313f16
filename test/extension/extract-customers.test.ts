// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { siteProfileSchema, type SiteProfile, type SiteProfileInput } from '../../shared/profile.ts';
import { isCustomerShown } from '../../extension/guard/customer-presence.ts';
import { extractCustomers } from '../../extension/guard/extract-customers.ts';
import { findControl } from '../../extension/guard/find-control.ts';
import { MenuTracker } from '../../extension/guard/menu-tracker.ts';
import {
  standInCrmConfirmForm,
  standInCrmDeleteLink,
  standInCrmDetail,
  standInCrmDropdown,
  standInCrmList,
} from '../../extension/profiles/stand-in-crm.ts';
import { CONFIRM_FORM_PAGE, DELETE_LINK_PAGE, DETAIL_PAGE, DROPDOWN_PAGE, LIST_PAGE } from './fixtures.ts';

const parse = (input: SiteProfileInput): SiteProfile => siteProfileSchema.parse(input);

/** Returns the composed path of a click on `target`, as the guard receives it. */
function pathOf(target: Element): EventTarget[] {
  let path: EventTarget[] = [];
  target.addEventListener('click', (event) => (path = event.composedPath()), { once: true });
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  return path;
}

function extractAt(profile: SiteProfile, target: Element, menus = new MenuTracker(), pageUrl = 'http://127.0.0.1/') {
  const match = findControl(pathOf(target), [profile]);
  if (!match) throw new Error('no control matched');
  return extractCustomers(match, menus, document, pageUrl);
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('customer extraction', () => {
  test('list row from the svg path', () => {
    document.body.innerHTML = LIST_PAGE;
    const path = document.querySelectorAll('tr[data-customer-id] path')[1]!;
    expect(extractAt(parse(standInCrmList), path)).toMatchObject({ ok: true, customers: [{ id: 'cus_1002', name: 'Grace Hopper' }] });
  });

  test('list bulk reads ticked checkboxes', () => {
    document.body.innerHTML = LIST_PAGE;
    document.querySelectorAll<HTMLInputElement>('input[name="customer"]').forEach((box) => (box.checked = true));
    const result = extractAt(parse(standInCrmList), document.querySelector('[data-action="delete-selected"]')!);
    expect(result).toMatchObject({ ok: true, customers: [{ id: 'cus_1001', name: 'Ada Lovelace' }, { id: 'cus_1002', name: 'Grace Hopper' }] });
  });

  test('bulk with nothing ticked fails', () => {
    document.body.innerHTML = LIST_PAGE;
    const result = extractAt(parse(standInCrmList), document.querySelector('[data-action="delete-selected"]')!);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/No customers are selected/);
  });

  test('detail page id from the URL path', () => {
    document.body.innerHTML = DETAIL_PAGE;
    const result = extractAt(parse(standInCrmDetail), document.querySelector('button')!, new MenuTracker(), 'http://127.0.0.1:8788/customers/cus_1001');
    expect(result).toMatchObject({ ok: true, customers: [{ id: 'cus_1001', name: 'Ada Lovelace' }], rows: [null] });
  });

  test('dropdown uses the last clicked trigger', () => {
    document.body.innerHTML = DROPDOWN_PAGE;
    const profile = parse(standInCrmDropdown);
    const menus = new MenuTracker();
    menus.record(pathOf(document.querySelector('button[aria-label="More actions"]')!), [profile]);
    const deleteItem = [...document.querySelectorAll('[role="menuitem"]')].find((item) => item.textContent === 'Delete')!;
    expect(extractAt(profile, deleteItem, menus)).toMatchObject({ ok: true, customers: [{ id: 'cus_1003', name: 'Alan Turing' }] });
  });

  test('dropdown without a trigger click fails closed', () => {
    document.body.innerHTML = DROPDOWN_PAGE;
    const deleteItem = [...document.querySelectorAll('[role="menuitem"]')].find((item) => item.textContent === 'Delete')!;
    expect(extractAt(parse(standInCrmDropdown), deleteItem).ok).toBe(false);
  });

  test('dropdown Edit item is not a control', () => {
    document.body.innerHTML = DROPDOWN_PAGE;
    const editItem = document.querySelector('[role="menuitem"]')!;
    expect(findControl(pathOf(editItem), [parse(standInCrmDropdown)])).toBeNull();
  });

  test('confirm form reads data-id', () => {
    document.body.innerHTML = CONFIRM_FORM_PAGE;
    expect(extractAt(parse(standInCrmConfirmForm), document.querySelector('.btn-delete')!)).toMatchObject({
      ok: true,
      customers: [{ id: 'cus_1004', name: 'Edsger Dijkstra' }],
    });
  });

  test('delete link reads the query parameter', () => {
    document.body.innerHTML = DELETE_LINK_PAGE;
    expect(extractAt(parse(standInCrmDeleteLink), document.querySelector('a.delete-link')!)).toMatchObject({
      ok: true,
      customers: [{ id: 'cus_1005', name: 'Barbara Liskov' }],
    });
  });
});

describe('customer presence', () => {
  test('row found by id until removed', () => {
    document.body.innerHTML = LIST_PAGE;
    const profile = parse(standInCrmList);
    expect(isCustomerShown(profile, 'cus_1001', document)).toBe(true);
    document.querySelector('tr[data-customer-id="cus_1001"]')!.remove();
    expect(isCustomerShown(profile, 'cus_1001', document)).toBe(false);
    expect(isCustomerShown(profile, 'cus_1002', document)).toBe(true);
  });

  test('delete link row by control href', () => {
    document.body.innerHTML = DELETE_LINK_PAGE;
    expect(isCustomerShown(parse(standInCrmDeleteLink), 'cus_1005', document)).toBe(true);
    expect(isCustomerShown(parse(standInCrmDeleteLink), 'cus_9999', document)).toBe(false);
  });
});
