import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from '../../api/start-api.ts';
import { adminSocketFor } from '../../api/admin/admin-socket.ts';
import { sendAdminCommand } from '../../api/admin/send-admin-command.ts';
import { startCrm, type CrmServer } from '../../crm/server.ts';
import { fillReasonAndWord, findModal, findTrashIcon } from '../e2e/modal.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-servers.ts';
import { launchWithExtension, skipBrowserTests, type ExtensionBrowser } from './helpers.ts';

let smtp: TestSmtpServer;
let api: RunningApi;
let crm: CrmServer;
let browser: ExtensionBrowser;
let dataDir: string;
// While true the SMTP server replies to every recipient with 552, as a full mailbox does.
let mailboxFull = true;

describe.skipIf(skipBrowserTests)('delivery diagnostics in the extension', () => {
  beforeAll(async () => {
    smtp = await startTestSmtpServer({
      replyToRcpt: (address) => (mailboxFull ? { code: 552, message: `5.2.2 <${address}>: Mailbox full` } : undefined),
      queuedReply: 'Ok: queued as T123',
    });
    dataDir = mkdtempSync(join(tmpdir(), 'delete-guard-diagnostics-'));
    api = await startApi({ dataFile: join(dataDir, 'data.json'), port: 0, env: { SMTP_URL: smtp.url, LOG_LEVEL: 'silent' } });
    crm = await startCrm({ port: 0 });
    browser = await launchWithExtension();
    await browser.setStorage({ apiUrl: api.url, apiKey: api.apiKey });
  });

  afterAll(async () => {
    await browser?.close();
    await crm?.close();
    await api?.close();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('helper shows the free-space step after a 552', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${crm.url}/`);
    await findTrashIcon(page, 'cus_1001').click();
    const modal = findModal(page);
    await fillReasonAndWord(modal);

    await modal.getByRole('button', { name: 'Send OTP', exact: true }).click();
    await expect.poll(() => modal.locator('[role="alert"]').first().textContent()).toContain('The email with the code could not be sent');

    await modal.getByRole('button', { name: "Didn't get the code?" }).click();
    const delivery = modal.locator('section.dg-helper .dg-delivery').first();
    await expect.poll(() => delivery.textContent()).toContain('Failed');
    expect(await delivery.textContent()).toContain('The mailbox is full');
    expect(await delivery.textContent()).toContain('Free up space in that mailbox');
    expect(await delivery.locator('.dg-advice').getAttribute('data-step')).toBe('free-space');
    expect(smtp.messages).toHaveLength(0);
    await page.close();
  });

  it('support key finds the account and sends a test email', async () => {
    const created = await sendAdminCommand(adminSocketFor(api.dataFile), { command: 'create-support-key', name: 'Browser test support' });
    if (!created.ok) throw new Error(created.message);
    const { supportKey } = created.output as { supportKey: string };

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForFunction(() => (document.getElementById('api-url') as HTMLInputElement | null)?.value !== '');
    await options.getByLabel('Support key', { exact: true }).fill(supportKey);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await options.close();

    const page: Page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/troubleshooting.html`);
    await page.getByLabel('Customer email').fill('owner@demo.test');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: 'Demo Company (o***@demo.test)' }).click();

    const failed = page.locator('.dg-delivery-failed').first();
    await expect.poll(() => failed.textContent()).toContain('mailbox_full');
    expect(await failed.textContent()).toContain('free-space');
    expect(await failed.textContent()).toContain('552 5.2.2 <o***@demo.test>: Mailbox full');
    expect(await page.content()).not.toContain('owner@demo.test');

    mailboxFull = false;
    await page.getByRole('button', { name: 'Send test email' }).click();
    await page.getByRole('status').filter({ hasText: 'Test email to o***@demo.test: accepted by the mail server.' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('.dg-delivery-sent').first().textContent()).toContain('queued as T123');

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.rcptTo).toEqual(['owner@demo.test']);
    expect((await simpleParser(smtp.messages[0]!.raw)).subject).toBe('Delete Guard delivery test for Demo Company');
    await page.close();
  });
});
