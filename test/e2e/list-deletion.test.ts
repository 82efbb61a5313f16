import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skipBrowserTests } from '../browser/helpers.ts';
import {
  approveWithNewCode,
  configureInOptionsPage,
  confirmWithCode,
  enterCode,
  fillReasonAndWord,
  findCrmDialog,
  findModal,
  findRow,
  findTrashIcon,
  saveModalScreenshot,
  sendCodeAndReadEmail,
} from './modal.ts';
import { fetchCustomerIds, fetchDeletions, fetchOtpStatus, fetchOutcomes, resetCrm, startStack, type E2eStack, type TestAccount } from './stack.ts';


let stack: E2eStack;
let page: Page;

/** Clicks the CRM's own "Yes, delete", which the list page shows after the replayed click. */
async function confirmInCrmDialog(): Promise<void> {
  await findCrmDialog(page).getByRole('button', { name: 'Yes, delete' }).click();
}

/** Ticks a row's checkbox for "Delete selected". */
async function selectRow(customerId: string): Promise<void> {
  await findRow(page, customerId).locator('input[type="checkbox"][name="customer"]').check();
}

describe.skipIf(skipBrowserTests)('list deletion with the real API', () => {
  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(async () => {
    await resetCrm(stack.crm);
    page = await stack.newPage();
  });

  it('trash icon deletes after approval', async () => {
    const account = stack.demo;
    await configureInOptionsPage(stack.browser, stack.api.url, account.apiKey);
    await page.goto(`${stack.crm.url}/`);
    const rowName = await findRow(page, 'cus_1001').locator('[data-field="name"]').textContent();
    await findTrashIcon(page, 'cus_1001').click();

    const modal = findModal(page);
    await expect.poll(() => modal.locator('.dg-customer-id').textContent()).toBe('ID cus_1001');
    expect(await modal.locator('.dg-customer-name').textContent()).toBe(rowName);
    expect(await findCrmDialog(page).count()).toBe(0);

    await fillReasonAndWord(modal);
    const code = await sendCodeAndReadEmail(modal, stack.mail, account);
    await saveModalScreenshot(page, 'modal');
    await confirmWithCode(modal, code);
    await confirmInCrmDialog();

    await expect.poll(() => findRow(page, 'cus_1001').count()).toBe(0);
    expect(await fetchCustomerIds(stack.crm)).not.toContain('cus_1001');
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1001: deleted']);
  });

  it('second deletion reuses the code', async () => {
    const account = await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/`);
    await findTrashIcon(page, 'cus_1002').click();
    const code = await approveWithNewCode(page, stack.mail, account);
    await confirmInCrmDialog();
    await expect.poll(() => findRow(page, 'cus_1002').count()).toBe(0);
    const mailCount = stack.mail.countTo(account.email);

    await findTrashIcon(page, 'cus_1003').click();
    const modal = findModal(page);
    await expect.poll(() => modal.locator('.dg-code-active').textContent()).toMatch(/^A code you got earlier still works\. .* 49 more deletions\./);
    expect(await modal.getByLabel('One-time code').inputValue()).toBe(code);
    await fillReasonAndWord(modal);
    await confirmWithCode(modal, code);
    await confirmInCrmDialog();

    await expect.poll(() => findRow(page, 'cus_1003').count()).toBe(0);
    expect(stack.mail.countTo(account.email)).toBe(mailCount);
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1003: deleted', 'cus_1002: deleted']);
    const [second, first] = await fetchDeletions(stack.api, account);
    expect(second?.codeId).toBe(first?.codeId);
  });

  it('bulk delete of three', async () => {
    const account = await stack.useNewAccount();
    const selected = ['cus_1004', 'cus_1005', 'cus_1006'];
    await page.goto(`${stack.crm.url}/`);
    for (const id of selected) await selectRow(id);
    await page.getByRole('button', { name: 'Delete selected', exact: true }).click();

    const modal = findModal(page);
    await expect.poll(() => modal.locator('.dg-customer-id').allTextContents()).toEqual(selected.map((id) => `ID ${id}`));
    expect(await modal.getByRole('heading', { level: 2 }).first().textContent()).toBe('Delete 3 customers');
    await approveWithNewCode(page, stack.mail, account);
    await confirmInCrmDialog();

    await expect.poll(() => page.locator('tr[data-customer-id]').count()).toBe(22);
    for (const id of selected) expect(await findRow(page, id).count()).toBe(0);
    const remaining = await fetchCustomerIds(stack.crm);
    for (const id of selected) expect(remaining).not.toContain(id);
    await expect.poll(async () => (await fetchOutcomes(stack.api, account)).sort()).toEqual(selected.map((id) => `${id}: deleted`));
    expect((await fetchOtpStatus(stack.api, account)).usesLeft).toBe(47);
  });

  it('Cancel closes on first click', async () => {
    const account = await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/`);
    await findTrashIcon(page, 'cus_1008').click();
    const modal = findModal(page);
    // Focus starts in the empty Reason field, so this click also blurs it.
    await modal.getByRole('button', { name: 'Cancel', exact: true }).click();

    await expect.poll(() => modal.count()).toBe(0);
    expect(await findCrmDialog(page).count()).toBe(0);
    expect(await findRow(page, 'cus_1008').count()).toBe(1);
    expect(await fetchCustomerIds(stack.crm)).toContain('cus_1008');
    expect(await fetchDeletions(stack.api, account)).toEqual([]);
  });

  it('double-click confirms once', async () => {
    const account = await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/`);
    await findTrashIcon(page, 'cus_1007').click();
    const modal = findModal(page);
    await fillReasonAndWord(modal);
    const code = await sendCodeAndReadEmail(modal, stack.mail, account);
    await enterCode(modal, code);

    await modal.getByRole('button', { name: 'Confirm and Delete' }).dblclick();
    await expect.poll(() => modal.count()).toBe(0);
    await confirmInCrmDialog();

    await expect.poll(() => findRow(page, 'cus_1007').count()).toBe(0);
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1007: deleted']);
    expect(await findCrmDialog(page).count()).toBe(0);
    expect((await fetchOtpStatus(stack.api, account)).usesLeft).toBe(49);
  });
});
