import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCrm, type CrmServer } from '../../crm/server.ts';

// Debian's chromium package installs here. CHROMIUM_PATH overrides it elsewhere.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);

let crm: CrmServer;
let browser: Browser;
let page: Page;

function customerIds(): string[] {
  return crm.customers().map((customer) => customer.id);
}

describe.skipIf(!hasChromium)('CRM in Chromium', () => {
  beforeAll(async () => {
    crm = await startCrm({ port: 0 });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await crm?.close();
  });

  beforeEach(async () => {
    crm.reset();
    page = await browser.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  it('list renders after load', async () => {
    await page.goto(`${crm.url}/`);

    await expect.poll(() => page.locator('tr[data-customer-id]').count()).toBe(25);
    const row = page.locator('tr[data-customer-id="cus_1003"]');
    expect(await row.locator('[data-field="name"]').textContent()).toBe('株式会社サンプル');
    expect(await row.locator('input[type="checkbox"]').getAttribute('value')).toBe('cus_1003');
    expect(await row.locator('button[aria-label="Delete customer"][data-action="delete-customer"] svg path').count()).toBe(1);
  });

  it('dialog Yes deletes the row', async () => {
    await page.goto(`${crm.url}/`);
    const row = page.locator('tr[data-customer-id="cus_1002"]');
    await row.locator('[data-action="delete-customer"]').click();

    const dialog = page.getByRole('dialog', { name: 'Confirm deletion' });
    await dialog.getByRole('button', { name: 'Yes, delete' }).click();

    await expect.poll(() => row.count()).toBe(0);
    expect(customerIds()).not.toContain('cus_1002');
    expect(await dialog.count()).toBe(0);
  });

  it('dialog Cancel keeps the row', async () => {
    await page.goto(`${crm.url}/`);
    await page.locator('tr[data-customer-id="cus_1002"] [data-action="delete-customer"]').click();
    await page.getByRole('dialog', { name: 'Confirm deletion' }).getByRole('button', { name: 'Cancel' }).click();

    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('tr[data-customer-id="cus_1002"]').count()).toBe(1);
    expect(customerIds()).toContain('cus_1002');
  });

  it('click on the icon path opens the dialog', async () => {
    await page.goto(`${crm.url}/`);
    await page.locator('tr[data-customer-id="cus_1004"] [data-action="delete-customer"] path').dispatchEvent('click');

    expect(await page.getByRole('dialog', { name: 'Confirm deletion' }).count()).toBe(1);
  });

  it('delete selected removes checked rows', async () => {
    await page.goto(`${crm.url}/`);
    await page.locator('input[value="cus_1005"]').check();
    await page.locator('input[value="cus_1006"]').check();
    await page.locator('[data-action="delete-selected"]').click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();

    await expect.poll(() => page.locator('tr[data-customer-id]').count()).toBe(23);
    expect(customerIds()).not.toContain('cus_1005');
    expect(customerIds()).not.toContain('cus_1006');
  });

  it('detail view navigates, goes back and deletes', async () => {
    await page.goto(`${crm.url}/`);
    await page.locator('tr[data-customer-id="cus_1007"] [data-field="name"] a').click();

    await expect.poll(() => new URL(page.url()).pathname).toBe('/customers/cus_1007');
    await expect.poll(() => page.locator('h1[data-field="name"]').textContent()).toBe('Zoë Papadopoulos');

    await page.goBack();
    await expect.poll(() => page.locator('tr[data-customer-id]').count()).toBe(25);
    await page.goForward();
    await expect.poll(() => page.locator('h1[data-field="name"]').textContent()).toBe('Zoë Papadopoulos');

    await page.locator('[data-action="delete-customer"]').click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();

    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.locator('tr[data-customer-id]').count()).toBe(24);
    expect(customerIds()).not.toContain('cus_1007');
  });

  it('shortcuts hook counts e and Delete', async () => {
    await page.goto(`${crm.url}/?shortcuts=1`);
    await page.locator('tr[data-customer-id]').first().waitFor();
    await page.keyboard.press('e');
    await page.keyboard.press('Delete');
    await page.keyboard.press('x');

    expect(await page.locator('output#shortcut-count').textContent()).toBe('2');
  });

  it('rootFontSize hook sets the root font size', async () => {
    await page.goto(`${crm.url}/?rootFontSize=10`);

    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('10px');
  });

  it('stopPropagation hook hides clicks from later listeners', async () => {
    await page.goto(`${crm.url}/?stopPropagation=1`);
    await page.locator('tr[data-customer-id]').first().waitFor();
    await page.evaluate(() => {
      const seen = { window: 0, body: 0 };
      Object.assign(window, { seenClicks: seen });
      window.addEventListener('click', () => (seen.window += 1), true);
      document.body.addEventListener('click', () => (seen.body += 1));
    });

    await page.locator('tr[data-customer-id="cus_1008"] [data-action="delete-customer"]').click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();

    await expect.poll(() => page.locator('tr[data-customer-id="cus_1008"]').count()).toBe(0);
    const seen = await page.evaluate(() => (window as unknown as { seenClicks: { window: number; body: number } }).seenClicks);
    expect(seen.window).toBe(2);
    expect(seen.body).toBe(0);
  });

  it('count hook renders 10000 rows', async () => {
    await page.goto(`${crm.url}/?count=10000`);

    await expect.poll(() => page.locator('tr[data-customer-id]').count(), { timeout: 15_000 }).toBe(10_000);
    await page.locator('tr[data-customer-id="cus_11000"] [data-action="delete-customer"]').click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.locator('tr[data-customer-id]').count()).toBe(9_999);
  }, 30_000);

  it('dropdown Delete acts on mousedown', async () => {
    await page.goto(`${crm.url}/saved/dropdown`);
    const row = page.locator('[role="row"]', { has: page.locator('a[href="/customers/cus_1009"]') });
    expect(await page.getByRole('menu').count()).toBe(0);

    await row.getByRole('button', { name: 'More actions' }).click();
    const menu = page.getByRole('menu');
    expect(await menu.count()).toBe(1);
    expect(await page.evaluate(() => document.body.lastElementChild?.querySelector('[role="menu"]') !== null)).toBe(true);

    await menu.getByRole('menuitem', { name: 'Delete' }).dispatchEvent('mousedown', { button: 0 });

    await expect.poll(() => row.count()).toBe(0);
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(customerIds()).not.toContain('cus_1009');
  });

  it('dropdown closes without deleting', async () => {
    await page.goto(`${crm.url}/saved/dropdown`);
    await page.getByRole('button', { name: 'More actions' }).first().click();
    await page.keyboard.press('Escape');

    expect(await page.getByRole('menu').count()).toBe(0);
    expect(customerIds()).toHaveLength(25);
  });

  it('confirm-form deletes after confirm', async () => {
    await page.goto(`${crm.url}/saved/confirm-form?shortcuts=1`);
    const messages: string[] = [];
    page.on('dialog', (dialog) => {
      messages.push(dialog.message());
      void dialog.accept();
    });

    await Promise.all([page.waitForURL(/\/saved\/confirm-form\?shortcuts=1$/), page.locator('button[data-id="cus_1010"]').click()]);

    expect(messages).toEqual(['Delete this customer?']);
    expect(customerIds()).not.toContain('cus_1010');
    expect(await page.locator('button[data-id="cus_1010"]').count()).toBe(0);
  });

  it('confirm-form keeps the row on dismiss', async () => {
    await page.goto(`${crm.url}/saved/confirm-form`);
    page.on('dialog', (dialog) => void dialog.dismiss());

    await page.locator('button[data-id="cus_1011"]').click();
    await page.reload();

    expect(customerIds()).toContain('cus_1011');
    expect(await page.locator('button[data-id="cus_1011"]').count()).toBe(1);
  });

  it('delete-link deletes on navigation', async () => {
    await page.goto(`${crm.url}/saved/delete-link`);
    await Promise.all([
      page.waitForURL(/\/saved\/delete-link$/),
      page.locator('a.delete-link[href="/saved/delete-link/delete?id=cus_1012"]').click(),
    ]);

    expect(customerIds()).not.toContain('cus_1012');
    expect(await page.locator('a[href$="id=cus_1012"]').count()).toBe(0);
  });
});
