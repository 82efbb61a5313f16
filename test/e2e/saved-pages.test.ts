import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skipBrowserTests } from '../browser/helpers.ts';
import { approveWithNewCode, findModal } from './modal.ts';
import { fetchCustomerIds, fetchOutcomes, resetCrm, startStack, type E2eStack } from './stack.ts';

let stack: E2eStack;
let page: Page;
/** Messages of native dialogs (alert, confirm) that reached Playwright. A confirm() that the guard accepted is not among them. */
let nativeDialogs: string[];

/** Checks that the modal opened for `customerId` and that nothing was deleted yet. */
async function expectModalBeforeDeletion(customerId: string, path: string): Promise<void> {
  await expect.poll(() => findModal(page).locator('.dg-customer-id').textContent()).toBe(`ID ${customerId}`);
  expect(new URL(page.url()).pathname).toBe(path);
  expect(await fetchCustomerIds(stack.crm)).toHaveLength(25);
}

describe.skipIf(skipBrowserTests)('saved CRM pages with the real API', () => {
  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(async () => {
    await resetCrm(stack.crm);
    page = await stack.newPage();
    nativeDialogs = [];
    page.on('dialog', (dialog) => {
      nativeDialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  it('dropdown menu deletes after approval', async () => {
    const account = await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/saved/dropdown`);
    const row = page.locator('[role="row"]', { has: page.locator('a[href="/customers/cus_1007"]') });
    await row.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await expectModalBeforeDeletion('cus_1007', '/saved/dropdown');

    await approveWithNewCode(page, stack.mail, account);

    await expect.poll(() => fetchCustomerIds(stack.crm)).not.toContain('cus_1007');
    expect(await fetchCustomerIds(stack.crm)).toHaveLength(24);
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1007: deleted']);
  });

  it('confirm form deletes after approval', async () => {
    const account = await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/saved/confirm-form`);
    await page.locator('button.btn-delete[data-id="cus_1004"]').click();
    await expectModalBeforeDeletion('cus_1004', '/saved/confirm-form');

    await approveWithNewCode(page, stack.mail, account);

    await expect.poll(() => fetchCustomerIds(stack.crm)).not.toContain('cus_1004');
    expect(await fetchCustomerIds(stack.crm)).toHaveLength(24);
    await expect.poll(() => page.locator('tr#row-cus_1004').count()).toBe(0);
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1004: deleted']);
    expect(nativeDialogs).toEqual([]);
  });

  it('delete link deletes after approval', async () => {
    const account = await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/saved/delete-link`);
    await page.locator('a.delete-link[href*="cus_1005"]').click();
    await expectModalBeforeDeletion('cus_1005', '/saved/delete-link');

    await approveWithNewCode(page, stack.mail, account);

    await expect.poll(() => fetchCustomerIds(stack.crm)).not.toContain('cus_1005');
    expect(await fetchCustomerIds(stack.crm)).toHaveLength(24);
    await expect.poll(() => page.locator('a.delete-link[href*="cus_1005"]').count()).toBe(0);
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1005: deleted']);
  });
});
