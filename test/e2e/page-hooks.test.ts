import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skipBrowserTests } from '../browser/helpers.ts';
import { approveWithNewCode, findCrmDialog, findModal, findRow, findTrashIcon } from './modal.ts';
import { fetchCustomerIds, fetchOutcomes, resetCrm, startStack, startThenStopApi, type E2eStack } from './stack.ts';

let stack: E2eStack;
let page: Page;

/** Size and computed font size of one modal control. */
interface ControlSize {
  width: number;
  height: number;
  fontSize: string;
}

/** The modal's form controls, by the name a user sees. */
function listControls(modal: Locator): Record<string, Locator> {
  return {
    Reason: modal.getByLabel('Reason', { exact: true }),
    Note: modal.getByLabel('Note', { exact: true }),
    'Confirmation word': modal.getByLabel('Confirmation word', { exact: true }),
    'One-time code': modal.getByLabel('One-time code', { exact: true }),
    'Send OTP': modal.getByRole('button', { name: 'Send OTP', exact: true }),
    Cancel: modal.getByRole('button', { name: 'Cancel', exact: true }),
    'Confirm and Delete': modal.getByRole('button', { name: 'Confirm and Delete', exact: true }),
  };
}

/** Opens the modal on `path` for cus_1001 and measures each control. */
async function measureModalControls(path: string): Promise<Record<string, ControlSize>> {
  await page.goto(`${stack.crm.url}${path}`);
  await findTrashIcon(page, 'cus_1001').click();
  const modal = findModal(page);
  await modal.getByLabel('Reason', { exact: true }).waitFor();

  const sizes: Record<string, ControlSize> = {};
  for (const [name, control] of Object.entries(listControls(modal))) {
    const box = await control.boundingBox();
    if (!box) throw new Error(`The modal control "${name}" is not visible.`);
    const fontSize = await control.evaluate((element) => getComputedStyle(element).fontSize);
    sizes[name] = { width: box.width, height: box.height, fontSize };
  }
  return sizes;
}

/** Opens the modal with a click, checks that exactly one opened and no CRM dialog, then cancels it. */
async function expectOneModalThenCancel(control: Locator, customerId: string): Promise<void> {
  await control.click();
  const modal = findModal(page);
  await expect.poll(() => modal.locator('.dg-customer-id').textContent()).toBe(`ID ${customerId}`);
  expect(await modal.count()).toBe(1);
  expect(await findCrmDialog(page).count()).toBe(0);

  await modal.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect.poll(() => modal.count()).toBe(0);
}

describe.skipIf(skipBrowserTests)('guard on CRM page hooks', () => {
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

  it('modal keys skip page shortcuts', async () => {
    await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/?shortcuts=1`);
    const counter = page.locator('#shortcut-count');
    await findTrashIcon(page, 'cus_1001').click();
    const modal = findModal(page);

    const word = modal.getByLabel('Confirmation word', { exact: true });
    await word.pressSequentially('DELETEE');
    await word.press('Backspace');
    await word.press('ArrowLeft');
    await word.press('Delete');
    const note = modal.getByLabel('Note', { exact: true });
    await note.pressSequentially('delete me');
    await note.press('Backspace');
    await note.press('Home');
    await note.press('Delete');

    expect(await word.inputValue()).toBe('DELET');
    expect(await note.inputValue()).toBe('elete m');
    expect(await counter.textContent()).toBe('0');

    // The counter does count these keys outside the modal, so the 0 above means something.
    await modal.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.locator('h1').first().click();
    await page.keyboard.press('e');
    await page.keyboard.press('Delete');
    expect(await counter.textContent()).toBe('2');
  });

  it('root font size keeps modal sizes', async () => {
    await stack.useNewAccount();
    const atDefault = await measureModalControls('/');
    const defaultRowHeight = (await findRow(page, 'cus_1002').boundingBox())?.height;
    const atTenPixels = await measureModalControls('/?rootFontSize=10');
    const smallRowHeight = (await findRow(page, 'cus_1002').boundingBox())?.height;

    expect(smallRowHeight).toBeLessThan(defaultRowHeight ?? 0);
    for (const name of Object.keys(atDefault)) {
      expect({ name, ...atTenPixels[name] }).toEqual({ name, ...atDefault[name] });
    }
  });

  it('pushState navigation stays guarded', async () => {
    const account = await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/`);

    for (const customerId of ['cus_1001', 'cus_1002', 'cus_1003']) {
      await expectOneModalThenCancel(findTrashIcon(page, customerId), customerId);

      await findRow(page, customerId).locator('[data-field="name"] a').click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/customers/${customerId}`);
      await expectOneModalThenCancel(page.getByRole('button', { name: 'Delete', exact: true }), customerId);

      await page.goBack();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/');
      await expect.poll(() => findRow(page, customerId).count()).toBe(1);
    }

    await findRow(page, 'cus_1004').locator('[data-field="name"] a').click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await approveWithNewCode(page, stack.mail, account);
    await findCrmDialog(page).getByRole('button', { name: 'Yes, delete' }).click();

    await expect.poll(() => fetchCustomerIds(stack.crm)).not.toContain('cus_1004');
    expect(await fetchCustomerIds(stack.crm)).toHaveLength(24);
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1004: deleted']);
  });

  it('stopped API blocks the delete', async () => {
    const stopped = await startThenStopApi();
    await stack.browser.setStorage({ apiUrl: stopped.url, apiKey: stopped.apiKey });
    await page.goto(`${stack.crm.url}/`);
    await findTrashIcon(page, 'cus_1001').click();

    const alert = findModal(page).getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/Can't reach the Delete Guard server\..* Nothing was deleted\.$/);
    expect(await alert.isVisible()).toBe(true);
    await page.waitForTimeout(1000);
    expect(await findRow(page, 'cus_1001').count()).toBe(1);
    expect(await fetchCustomerIds(stack.crm)).toContain('cus_1001');
    expect(await findCrmDialog(page).count()).toBe(0);
  });

  it('stopPropagation page stays guarded', async () => {
    const account = await stack.useNewAccount();
    await page.goto(`${stack.crm.url}/?stopPropagation=1`);
    await findTrashIcon(page, 'cus_1005').click();

    await expect.poll(() => findModal(page).count()).toBe(1);
    expect(await findCrmDialog(page).count()).toBe(0);
    expect(await fetchCustomerIds(stack.crm)).toContain('cus_1005');

    await approveWithNewCode(page, stack.mail, account);
    await findCrmDialog(page).getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => findRow(page, 'cus_1005').count()).toBe(0);
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1005: deleted']);
  });
});
