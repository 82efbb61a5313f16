import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCrm, type CrmServer } from '../../crm/server.ts';
import { startFakeApi, type FakeApi } from './fake-api.ts';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './helpers.ts';

let crm: CrmServer;
let api: FakeApi;
let browser: ExtensionBrowser;
let page: Page;

const ids = () => crm.customers().map((customer) => customer.id);

/** Fills the modal the way a user does and approves the deletion. */
async function approveInModal(): Promise<void> {
  const modal = page.locator('delete-guard-modal');
  await modal.getByLabel('Reason').selectOption('Duplicate record');
  await modal.getByLabel('Confirmation word').fill('DELETE');
  await modal.getByRole('button', { name: /Send/ }).click();
  await modal.getByLabel('One-time code').fill('123456');
  await modal.getByRole('button', { name: 'Confirm and Delete' }).click();
  await expect.poll(() => modal.count()).toBe(0);
}

describe.skipIf(!hasChromium)('approved delete in Chromium', () => {
  beforeAll(async () => {
    crm = await startCrm({ port: 0 });
    api = await startFakeApi();
    browser = await launchWithExtension();
    await browser.setStorage({ apiUrl: api.url, apiKey: 'test-key' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await crm?.close();
  });

  beforeEach(async () => {
    crm.reset();
    await page?.close();
    page = await browser.context.newPage();
  });

  it('list: replay opens the CRM dialog, outcome deleted', async () => {
    await page.goto(`${crm.url}/`);
    await page.locator('tr[data-customer-id="cus_1001"] button[data-action="delete-customer"] svg path').click();
    await approveInModal();

    await page.locator('#confirm-deletion [data-action="confirm-delete"]').click();

    await expect.poll(ids).not.toContain('cus_1001');
    await expect.poll(() => [...api.outcomes.values()]).toContainEqual({ outcome: 'deleted' });
    expect(api.requests.every((request) => request.authorization === 'Bearer test-key')).toBe(true);
  });

  it('confirm form: native confirm accepted once', async () => {
    await page.goto(`${crm.url}/saved/confirm-form`);
    await page.locator('button.btn-delete[data-id="cus_1004"]').click();
    await approveInModal();

    await expect.poll(ids).not.toContain('cus_1004');
    expect(ids()).toHaveLength(24);
    await expect.poll(() => api.requests.filter((request) => request.path.endsWith('/outcome')).map((request) => request.body), { timeout: 10_000 }).toContainEqual({ outcome: 'deleted' });
  });

  it('delete link: navigates once, outcome after reload', async () => {
    await page.goto(`${crm.url}/saved/delete-link`);
    const reported = api.requests.length;
    await page.locator('a.delete-link[href*="cus_1005"]').click();
    await approveInModal();

    await expect.poll(ids).not.toContain('cus_1005');
    const outcomesAfter = () => api.requests.slice(reported).filter((request) => request.path.endsWith('/outcome')).map((request) => request.body);
    await expect.poll(outcomesAfter, { timeout: 10_000 }).toEqual([{ outcome: 'deleted' }]);
  });

  it('dropdown: mousedown item deletes the menu row', async () => {
    await page.goto(`${crm.url}/saved/dropdown`);
    const row = page.locator('[role="row"]', { has: page.locator('a[href="/customers/cus_1007"]') });
    await row.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await approveInModal();

    await expect.poll(ids).not.toContain('cus_1007');
    expect(ids()).toHaveLength(24);
  });
});
