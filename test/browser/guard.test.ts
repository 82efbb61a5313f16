import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCrm, type CrmServer } from '../../crm/server.ts';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './helpers.ts';

let crm: CrmServer;
let browser: ExtensionBrowser;
let page: Page;

describe.skipIf(!hasChromium)('guard in Chromium', () => {
  beforeAll(async () => {
    crm = await startCrm({ port: 0 });
    browser = await launchWithExtension();
    // No API runs here: an unused local port makes every API call fail as API_UNREACHABLE.
    await browser.setStorage({ apiUrl: 'http://127.0.0.1:9', apiKey: 'test-key' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await crm?.close();
  });

  beforeEach(async () => {
    crm.reset();
    await page?.close();
    page = await browser.context.newPage();
  });

  it('trash click shows the modal, not the CRM dialog', async () => {
    await page.goto(`${crm.url}/`);
    const path = page.locator('tr[data-customer-id="cus_1001"] button[data-action="delete-customer"] svg path');
    await path.click();

    await expect.poll(() => page.locator('delete-guard-modal').count()).toBe(1);
    expect(await page.locator('#confirm-deletion').count()).toBe(0);
    expect(crm.customers()).toHaveLength(25);
  });

  it('page capture listener cannot see the click', async () => {
    await page.goto(`${crm.url}/?stopPropagation=1`);
    await page.locator('tr[data-customer-id="cus_1002"] button[data-action="delete-customer"]').click();

    await expect.poll(() => page.locator('delete-guard-modal').count()).toBe(1);
    expect(await page.locator('#confirm-deletion').count()).toBe(0);
  });

  it('modal shows why the API failed', async () => {
    await page.goto(`${crm.url}/`);
    await page.locator('tr[data-customer-id="cus_1001"] button[data-action="delete-customer"]').click();

    await expect.poll(() => page.locator('delete-guard-modal [role="alert"]').first().textContent(), { timeout: 15_000 }).toMatch(/Nothing was deleted/);
  });

  it('keys in the modal do not reach page shortcuts', async () => {
    await page.goto(`${crm.url}/?shortcuts=1`);
    await page.locator('tr[data-customer-id="cus_1001"] button[data-action="delete-customer"]').click();
    const modalButton = page.locator('delete-guard-modal button').first();
    await modalButton.focus();
    await page.keyboard.press('e');
    await page.keyboard.press('Delete');

    expect(await page.locator('#shortcut-count').textContent()).toBe('0');
  });

  it('delete link navigation is blocked', async () => {
    await page.goto(`${crm.url}/saved/delete-link`);
    await page.locator('a.delete-link').first().click();

    await expect.poll(() => page.locator('delete-guard-modal').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/saved/delete-link');
    expect(crm.customers()).toHaveLength(25);
  });
});
