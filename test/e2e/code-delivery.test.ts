import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skipBrowserTests } from '../browser/helpers.ts';
import { enterCode, fillReasonAndWord, findCrmDialog, findModal, findRow, findTrashIcon, saveModalScreenshot, sendCodeAndReadEmail } from './modal.ts';
import { fetchCustomerIds, fetchDeletions, resetCrm, startStack, type E2eStack } from './stack.ts';

const RESEND_SECONDS = 2;

let stack: E2eStack;
let page: Page;

/** Returns a code of the same length that differs from `code` in its last digit. */
function makeWrongCode(code: string): string {
  const last = Number(code.at(-1));
  return code.slice(0, -1) + String((last + 1) % 10);
}

describe.skipIf(skipBrowserTests)('code delivery with the real API', () => {
  beforeAll(async () => {
    stack = await startStack({ OTP_RESEND_SECONDS: RESEND_SECONDS });
  });

  afterAll(async () => {
    await stack?.close();
  });

  beforeEach(async () => {
    await resetCrm(stack.crm);
    page = await stack.newPage();
    await page.goto(`${stack.crm.url}/`);
  });

  it('wrong code shows tries left', async () => {
    const account = await stack.useNewAccount();
    await findTrashIcon(page, 'cus_1001').click();
    const modal = findModal(page);
    await fillReasonAndWord(modal);
    const code = await sendCodeAndReadEmail(modal, stack.mail, account);

    await enterCode(modal, makeWrongCode(code));
    await modal.getByRole('button', { name: 'Confirm and Delete' }).click();

    await expect.poll(() => modal.locator('.dg-alert').textContent()).toBe('Wrong code. 4 tries left.');
    expect(await modal.count()).toBe(1);
    expect(await findCrmDialog(page).count()).toBe(0);
    expect(await findRow(page, 'cus_1001').count()).toBe(1);
    expect(await fetchCustomerIds(stack.crm)).toContain('cus_1001');
    expect(await fetchDeletions(stack.api, account)).toEqual([]);
  });

  it('resend countdown, then Send OTP again', async () => {
    const account = await stack.useNewAccount();
    await findTrashIcon(page, 'cus_1002').click();
    const modal = findModal(page);
    const sendButton = modal.getByRole('button', { name: 'Send OTP' });
    await fillReasonAndWord(modal);
    await sendCodeAndReadEmail(modal, stack.mail, account);

    await expect.poll(() => modal.locator('.dg-countdown').textContent()).toMatch(/^Resend in 0:0[12]$/);
    expect(await sendButton.isDisabled()).toBe(true);

    await expect.poll(() => sendButton.isEnabled()).toBe(true);
    expect(await modal.locator('.dg-countdown').count()).toBe(0);
    await sendCodeAndReadEmail(modal, stack.mail, account, 2);
    expect(stack.mail.countTo(account.email)).toBe(2);
  });

  it('helper shows steps and last delivery', async () => {
    const account = await stack.useNewAccount();
    await findTrashIcon(page, 'cus_1003').click();
    const modal = findModal(page);
    await fillReasonAndWord(modal);
    await sendCodeAndReadEmail(modal, stack.mail, account);

    await modal.getByRole('button', { name: "Didn't get the code?" }).click();
    const helper = modal.locator('section.dg-helper');
    const delivery = helper.locator('.dg-delivery').first();
    await expect.poll(() => delivery.textContent()).toMatch(/ · Deletion code to o\*+@example\.test · Sent$/);
    expect(await helper.getByRole('heading', { name: "Didn't get the code?" }).count()).toBe(1);
    expect(await helper.getByRole('heading', { name: 'Where to look' }).count()).toBe(1);
    expect(await helper.locator('ol.dg-steps li').count()).toBeGreaterThan(0);
    expect(await helper.locator('.dg-delivery').count()).toBe(1);
    expect(await helper.textContent()).toContain('The last code was sent just now.');
    await saveModalScreenshot(page, 'helper');
  });
});
