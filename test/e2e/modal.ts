import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionBrowser } from '../browser/helpers.ts';
import type { MailCapture } from './mail-capture.ts';
import type { TestAccount } from './stack.ts';

/** Returns the Delete Guard modal's host element. Playwright locators reach into its open shadow root. */
export function findModal(page: Page): Locator {
  return page.locator('delete-guard-modal');
}

/** Returns the CRM's own "Confirm deletion" dialog in the page's light DOM. */
export function findCrmDialog(page: Page): Locator {
  return page.locator('div[role="dialog"][aria-label="Confirm deletion"]');
}

/** Returns the `<path>` inside a list row's trash icon, where a user's click lands. */
export function findTrashIcon(page: Page, customerId: string): Locator {
  return page.locator(`tr[data-customer-id="${customerId}"] button[data-action="delete-customer"] svg path`);
}

/** Returns a list row of the CRM's main app. */
export function findRow(page: Page, customerId: string): Locator {
  return page.locator(`tr[data-customer-id="${customerId}"]`);
}

/** Picks a reason and types the confirmation word, the two steps before the code. */
export async function fillReasonAndWord(modal: Locator): Promise<void> {
  await modal.getByLabel('Reason').selectOption('Duplicate record');
  await modal.getByLabel('Confirmation word').fill('DELETE');
}

/**
 * Clicks Send OTP and returns the code from the email, which is email number
 * `mailNumber` to the account. The email arrives before the API's response
 * reaches the modal, so this also waits for the modal to show where it was sent.
 */
export async function sendCodeAndReadEmail(modal: Locator, mail: MailCapture, account: TestAccount, mailNumber = 1): Promise<string> {
  await modal.getByRole('button', { name: 'Send OTP', exact: true }).click();
  const code = await mail.waitForCode(account.email, mailNumber);
  await expect.poll(() => modal.locator('.dg-send-status').textContent()).toMatch(/^Sent to /);
  return code;
}

/**
 * Types the code and waits until Confirm and Delete is enabled. It types
 * again when the field was cleared, because the modal empties it one render
 * after a new code arrives and a fast test can type in between.
 */
export async function enterCode(modal: Locator, code: string): Promise<void> {
  const field = modal.getByLabel('One-time code', { exact: true });
  const confirmButton = modal.getByRole('button', { name: 'Confirm and Delete', exact: true });
  await expect
    .poll(async () => {
      if ((await field.inputValue()) !== code) await field.fill(code);
      return confirmButton.isEnabled();
    })
    .toBe(true);
}

/** Types the code, clicks Confirm and Delete and waits for the modal to close. */
export async function confirmWithCode(modal: Locator, code: string): Promise<void> {
  await enterCode(modal, code);
  await modal.getByRole('button', { name: 'Confirm and Delete', exact: true }).click();
  await expect.poll(() => modal.count()).toBe(0);
}

/** Runs the whole modal flow with a new emailed code: reason, word, Send OTP, code, Confirm and Delete. */
export async function approveWithNewCode(page: Page, mail: MailCapture, account: TestAccount, mailNumber = 1): Promise<string> {
  const modal = findModal(page);
  await fillReasonAndWord(modal);
  const code = await sendCodeAndReadEmail(modal, mail, account, mailNumber);
  await confirmWithCode(modal, code);
  return code;
}

/** Sets the API URL and key through the options page form, as an admin does. Raises a timeout error unless it shows "Saved.". */
export async function configureInOptionsPage(browser: ExtensionBrowser, apiUrl: string, apiKey: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  // The form loads the stored values after the first render, and typing earlier would be overwritten.
  await page.waitForFunction(() => (document.getElementById('api-url') as HTMLInputElement | null)?.value !== '');
  await page.getByLabel('API URL', { exact: true }).fill(apiUrl);
  await page.getByLabel('API key', { exact: true }).fill(apiKey);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // Runs in beforeAll, where expect.poll is not allowed, so Playwright waits instead.
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.close();
}

const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../docs/screenshots');

/**
 * Saves the modal's dialog as `docs/screenshots/<name>.png` when
 * UPDATE_SCREENSHOTS=1, and does nothing otherwise, so CI never rewrites the
 * tracked images. The viewport grows first, so a tall dialog is not cut off.
 */
export async function saveModalScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 1400 });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await findModal(page).locator('[role="dialog"]').screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  if (viewport) await page.setViewportSize(viewport);
}
