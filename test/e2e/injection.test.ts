import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CrmServer } from '../../crm/server.ts';
import { skipBrowserTests } from '../browser/helpers.ts';
import { approveWithNewCode, findCrmDialog, findModal, findTrashIcon } from './modal.ts';
import { fetchCustomerIds, fetchOutcomes, startStack, type E2eStack } from './stack.ts';

/** Customer names that try to run script, reorder text or break the layout. */
const PAYLOAD_NAMES = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '</script><script>window.__pwned=2</script>',
  rtl: 'ACME \u202Eexe.txt',
  long: 'W'.repeat(10_000),
} as const;

/** The same payloads, as the note a user types in the modal. */
const PAYLOAD_NOTE = `${PAYLOAD_NAMES.img} ${PAYLOAD_NAMES.script} ${PAYLOAD_NAMES.rtl}`;

/** The guard reads at most this many characters of a name from the page. */
const MAX_NAME_CHARS = 500;

/** Number of filler customers after the payload ones, so the audit list needs a second page. */
const FILLER_COUNT = 21;

const VIEWPORT = { width: 1280, height: 800 };

/** Line height of a customer name in the modal: 15 px text at line-height 1.45. */
const NAME_LINE_HEIGHT_PX = 15 * 1.45;

let stack: E2eStack;
let page: Page;

/** Replaces the CRM's customers: the payload names as cus_1001 to cus_1004, then plain fillers. */
async function seedPayloadCustomers(crm: CrmServer): Promise<void> {
  const fillers = Array.from({ length: FILLER_COUNT }, (_, index) => ({ name: `Filler ${index + 1}` }));
  const customers = [...Object.values(PAYLOAD_NAMES).map((name) => ({ name })), ...fillers];
  const response = await fetch(`${crm.url}/api/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ customers }) });
  if (!response.ok) throw new Error(`POST /api/reset failed with HTTP ${response.status}: ${await response.text()}`);
}

/** Reads `window.__pwned` in the page's main world, where a payload that ran would set it. */
function readPwned(target: Page): Promise<unknown> {
  return target.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
}

/** Opens the modal for one customer from the list and waits for its name. */
async function openModalFor(customerId: string): Promise<Locator> {
  await findTrashIcon(page, customerId).click();
  const modal = findModal(page);
  await expect.poll(() => modal.locator('.dg-customer-id').textContent()).toBe(`ID ${customerId}`);
  return modal;
}

/** Returns whether a box lies inside the viewport. */
function isInViewport(box: { x: number; y: number; width: number; height: number } | null): boolean {
  if (!box) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= VIEWPORT.width && box.y + box.height <= VIEWPORT.height;
}

describe.skipIf(skipBrowserTests)('payloads in customer names and notes', () => {
  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(async () => {
    await seedPayloadCustomers(stack.crm);
    page = await stack.newPage();
    await page.goto(`${stack.crm.url}/`);
  });

  it('modal shows names as text', async () => {
    await stack.useNewAccount();
    const cases = [
      ['cus_1001', PAYLOAD_NAMES.img],
      ['cus_1002', PAYLOAD_NAMES.script],
      ['cus_1003', PAYLOAD_NAMES.rtl],
      ['cus_1004', PAYLOAD_NAMES.long.slice(0, MAX_NAME_CHARS)],
    ] as const;

    for (const [customerId, expectedName] of cases) {
      const modal = await openModalFor(customerId);
      await modal.getByLabel('Note', { exact: true }).fill(PAYLOAD_NOTE);

      expect({ customerId, name: await modal.locator('.dg-customer-name').textContent() }).toEqual({ customerId, name: expectedName });
      expect({ customerId, images: await modal.locator('img').count() }).toEqual({ customerId, images: 0 });
      expect({ customerId, scripts: await modal.locator('script').count() }).toEqual({ customerId, scripts: 0 });
      expect({ customerId, pwned: await readPwned(page) }).toEqual({ customerId, pwned: undefined });

      await modal.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect.poll(() => modal.count()).toBe(0);
    }
  });

  it('long name keeps buttons visible', async () => {
    await stack.useNewAccount();
    const modal = await openModalFor('cus_1004');
    const dialog = modal.locator('[role="dialog"]');

    expect(isInViewport(await modal.getByRole('button', { name: 'Cancel', exact: true }).boundingBox())).toBe(true);
    expect(isInViewport(await modal.getByRole('button', { name: 'Confirm and Delete', exact: true }).boundingBox())).toBe(true);
    expect(isInViewport(await modal.locator('.dg-customer-id').boundingBox())).toBe(true);
    expect(await dialog.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect((await modal.locator('.dg-customer-name').boundingBox())?.height).toBeLessThanOrEqual(2 * NAME_LINE_HEIGHT_PX);
  });

  it('RTL override stays isolated', async () => {
    await stack.useNewAccount();
    const modal = await openModalFor('cus_1003');
    const name = modal.locator('.dg-customer-name');
    const nameBox = await name.boundingBox();
    const idBox = await modal.locator('.dg-customer-id').boundingBox();

    expect(await name.evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('isolate');
    // Without isolation the override would carry on past the name and draw the id to its left.
    expect(idBox?.x).toBeGreaterThanOrEqual((nameBox?.x ?? 0) + (nameBox?.width ?? 0));
  });

  it('audit list shows payloads inert', async () => {
    const account = await stack.useNewAccount();
    await page.locator('[data-action="select-all"]').check();
    await page.getByRole('button', { name: 'Delete selected', exact: true }).click();
    const modal = findModal(page);
    await modal.getByLabel('Note', { exact: true }).fill(PAYLOAD_NOTE);
    await approveWithNewCode(page, stack.mail, account, stack.mail.countTo(account.email) + 1);
    await findCrmDialog(page).getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => fetchCustomerIds(stack.crm)).toEqual([]);
    await expect.poll(async () => (await fetchOutcomes(stack.api, account)).filter((outcome) => outcome.endsWith(': deleted')).length).toBe(25);

    const options = await stack.browser.context.newPage();
    await options.setViewportSize(VIEWPORT);
    await options.goto(`chrome-extension://${stack.browser.extensionId}/options.html`);
    const section = options.getByRole('region', { name: 'Recent deletions' });
    const rows = section.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(20);
    await section.getByRole('button', { name: 'Older', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(25);
    expect(await section.getByRole('button', { name: 'Older', exact: true }).count()).toBe(0);

    const cells = await rows.evaluateAll((elements) => elements.map((row) => [...(row as HTMLTableRowElement).cells].map((cell) => cell.textContent ?? '')));
    const names = cells.map((row) => row[1] ?? '');
    for (const [label, name] of Object.entries(PAYLOAD_NAMES)) {
      const expected = name.slice(0, MAX_NAME_CHARS);
      expect({ label, shown: names.some((shown) => shown.startsWith(expected)) }).toEqual({ label, shown: true });
    }
    for (const row of cells) expect(row[3]).toBe(PAYLOAD_NOTE);
    for (const row of cells) expect(row[4]).toBe('Deleted');
    expect(await section.locator('img').count()).toBe(0);
    expect(await section.locator('script').count()).toBe(0);
    expect(await readPwned(options)).toBeUndefined();

    const rtlName = section.locator('tbody bdi', { hasText: 'ACME' }).first();
    expect(await rtlName.evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('isolate');
    const longRow = rows.filter({ hasText: PAYLOAD_NAMES.long.slice(0, 40) });
    expect((await longRow.boundingBox())?.height).toBeLessThan(200);
    expect(await options.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await options.close();
  });
});
