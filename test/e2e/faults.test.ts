import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adminSocketFor } from '../../api/admin/admin-socket.ts';
import { sendAdminCommand } from '../../api/admin/send-admin-command.ts';
import { startApi, type RunningApi } from '../../api/start-api.ts';
import { skipBrowserTests, type ExtensionBrowser } from '../browser/helpers.ts';
import {
  approveWithNewCode,
  configureInOptionsPage,
  enterCode,
  fillReasonAndWord,
  findCrmDialog,
  findModal,
  findRow,
  findTrashIcon,
  sendCodeAndReadEmail,
} from './modal.ts';
import { fetchCustomerIds, fetchOutcomes, resetCrm, startStack, type E2eStack, type TestAccount } from './stack.ts';

let stack: E2eStack;
let page: Page;
let accountCount = 0;

/** An HTTP proxy on 127.0.0.1 in front of the API that can hold back `POST /v1/deletions`. */
interface DelayingProxy {
  url: string;
  /** Holds the next `POST /v1/deletions` for `ms` milliseconds before it forwards it. */
  delayNextDeletion(ms: number): void;
  /** Resolves when a held deletion request has arrived. */
  deletionHeld(): Promise<void>;
  /** Resolves once the held deletion request was forwarded and the API responded. */
  deletionForwarded(): Promise<void>;
  close(): Promise<void>;
}

async function startDelayingProxy(targetUrl: string): Promise<DelayingProxy> {
  const target = new URL(targetUrl);
  let delayMs = 0;
  let onHeld = () => {};
  let onForwarded = () => {};
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  const forwarded = new Promise<void>((resolve) => (onForwarded = resolve));

  const server: Server = createServer((incoming, outgoing) => {
    const isDeletion = incoming.method === 'POST' && incoming.url === '/v1/deletions';
    const wait = isDeletion ? delayMs : 0;
    if (isDeletion && delayMs > 0) {
      delayMs = 0;
      onHeld();
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      // The request goes on even when the browser gave up on it, like a slow network that still delivers it.
      setTimeout(() => {
        const upstream = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (response) => {
          if (wait > 0) response.on('end', onForwarded);
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        });
        upstream.on('error', () => outgoing.destroy());
        upstream.end(Buffer.concat(chunks));
      }, wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    delayNextDeletion: (ms) => (delayMs = ms),
    deletionHeld: () => held,
    deletionForwarded: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Creates an account through the API's admin socket, without touching the extension. */
async function createAccount(api: RunningApi): Promise<TestAccount> {
  accountCount += 1;
  const email = `faults-${process.pid}-${accountCount}@example.test`;
  const result = await sendAdminCommand(adminSocketFor(api.dataFile), { command: 'create', company: `Faults Company ${accountCount}`, email });
  if (!result.ok) throw new Error(result.message);
  return { apiKey: (result.output as { apiKey: string }).apiKey, email };
}

/**
 * Stops the extension's service worker through the DevTools protocol, as
 * Chrome does to an idle worker. The session belongs to an extension page, so
 * its ServiceWorker domain covers the extension's worker.
 */
async function stopServiceWorker(browser: ExtensionBrowser): Promise<void> {
  const extensionPage = await browser.context.newPage();
  await extensionPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const session = await browser.context.newCDPSession(extensionPage);
  let stopped = false;
  session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    if (versions.some((version) => version.runningStatus === 'stopped')) stopped = true;
  });
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => stopped).toBe(true);
  await session.detach();
  await extensionPage.close();
}

/**
 * Returns the running service worker. A message from an extension page wakes
 * it first, because an earlier test may have stopped it, and Playwright can
 * still list the stopped instance.
 */
async function findRunningWorker(browser: ExtensionBrowser): Promise<Worker> {
  const extensionPage = await browser.context.newPage();
  await extensionPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await extensionPage.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'guard:getSupportUrl' }));
  await extensionPage.close();
  for (const worker of browser.context.serviceWorkers().reverse()) {
    if (await worker.evaluate(() => true).catch(() => false)) return worker;
  }
  throw new Error('No running service worker found after waking the extension.');
}

/**
 * Turns on "Developer mode" in chrome://extensions. Without it Chromium 156
 * disables an unpacked extension that `--load-extension` loaded when that
 * extension reloads, with the reason "unsupported developer extension".
 */
async function turnOnDeveloperMode(browser: ExtensionBrowser): Promise<void> {
  const extensionsPage = await browser.context.newPage();
  await extensionsPage.goto('chrome://extensions/');
  // A cr-toggle inside the page's shadow roots, which Playwright's CSS locators pierce.
  const toggle = extensionsPage.locator('#devMode');
  const isOn = () => toggle.evaluate((element) => (element as HTMLInputElement).checked);
  if (!(await isOn())) await toggle.click();
  await expect.poll(isOn).toBe(true);
  await extensionsPage.close();
}

/**
 * Calls `chrome.runtime.reload()` in the service worker and waits until a new
 * worker runs. Chrome starts the new worker only for an event, so a message
 * from an extension page wakes it.
 */
async function reloadExtension(browser: ExtensionBrowser): Promise<void> {
  await turnOnDeveloperMode(browser);
  const oldWorker = await findRunningWorker(browser);
  // The worker ends while it runs this call, so the evaluation itself may fail.
  await oldWorker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);
  await expect.poll(async () => (await findRunningWorker(browser).catch(() => oldWorker)) !== oldWorker).toBe(true);
}

/** Opens the modal for a customer, sends a code and enters it, so one click on Confirm and Delete remains. */
async function prepareConfirm(customerId: string, account: TestAccount): Promise<void> {
  await findTrashIcon(page, customerId).click();
  const modal = findModal(page);
  await fillReasonAndWord(modal);
  const code = await sendCodeAndReadEmail(modal, stack.mail, account, stack.mail.countTo(account.email) + 1);
  await enterCode(modal, code);
}

function clickConfirm(): Promise<void> {
  return findModal(page).getByRole('button', { name: 'Confirm and Delete', exact: true }).click();
}

describe.skipIf(skipBrowserTests)('guard under extension faults', () => {
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

  it('API stopped before confirm', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'delete-guard-e2e-faults-'));
    const api = await startApi({ dataFile: join(dataDir, 'data.json'), port: 0, env: { SMTP_URL: stack.mail.url, LOG_LEVEL: 'silent' } });
    try {
      const account = await createAccount(api);
      await configureInOptionsPage(stack.browser, api.url, account.apiKey);
      await page.goto(`${stack.crm.url}/`);
      await prepareConfirm('cus_1001', account);

      await api.close();
      await clickConfirm();

      const alert = findModal(page).getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/^Can't reach the Delete Guard server\..* Nothing was deleted\.$/);
      expect(await alert.isVisible()).toBe(true);
      expect(await findModal(page).count()).toBe(1);
      expect(await findCrmDialog(page).count()).toBe(0);
      expect(await findRow(page, 'cus_1001').count()).toBe(1);
      expect(await fetchCustomerIds(stack.crm)).toContain('cus_1001');
    } finally {
      await api.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('worker stopped during approval', async () => {
    const proxy = await startDelayingProxy(stack.api.url);
    try {
      const account = await createAccount(stack.api);
      await configureInOptionsPage(stack.browser, proxy.url, account.apiKey);
      await page.goto(`${stack.crm.url}/`);
      await prepareConfirm('cus_1002', account);

      proxy.delayNextDeletion(3000);
      await clickConfirm();
      await proxy.deletionHeld();
      await stopServiceWorker(stack.browser);

      const alert = findModal(page).getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/^Can't reach the Delete Guard server\..* then try again\. Nothing was deleted\.$/);
      expect(await alert.isVisible()).toBe(true);

      // The API approves the held request after all, but its response has nowhere to go.
      await proxy.deletionForwarded();
      await page.waitForTimeout(500);
      expect(await findCrmDialog(page).count()).toBe(0);
      expect(await findRow(page, 'cus_1002').count()).toBe(1);
      expect(await fetchCustomerIds(stack.crm)).toContain('cus_1002');
      expect(await fetchOutcomes(stack.api, account)).toEqual(['cus_1002: pending']);

      // Chrome starts the worker again for the next message, so a second click goes through.
      await clickConfirm();
      await expect.poll(() => findModal(page).count()).toBe(0);
      await findCrmDialog(page).getByRole('button', { name: 'Yes, delete' }).click();
      await expect.poll(() => fetchCustomerIds(stack.crm)).not.toContain('cus_1002');
      await expect.poll(() => fetchOutcomes(stack.api, account)).toContain('cus_1002: deleted');
    } finally {
      await proxy.close();
    }
  });

  it('extension reload blocks open tab', async () => {
    const account = await createAccount(stack.api);
    await configureInOptionsPage(stack.browser, stack.api.url, account.apiKey);
    await page.goto(`${stack.crm.url}/`);
    await expect.poll(() => findRow(page, 'cus_1003').count()).toBe(1);

    await reloadExtension(stack.browser);
    await findTrashIcon(page, 'cus_1003').click();

    const notice = page.locator('delete-guard-notice').getByRole('alert');
    await expect.poll(() => notice.textContent()).toMatch(/Reload the page/);
    expect(await notice.isVisible()).toBe(true);
    expect(await findModal(page).count()).toBe(0);
    expect(await findCrmDialog(page).count()).toBe(0);
    expect(await fetchCustomerIds(stack.crm)).toContain('cus_1003');

    await page.reload();
    await findTrashIcon(page, 'cus_1003').click();
    await expect.poll(() => findModal(page).locator('.dg-customer-id').textContent()).toBe('ID cus_1003');
    await approveWithNewCode(page, stack.mail, account);
    await findCrmDialog(page).getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => fetchCustomerIds(stack.crm)).not.toContain('cus_1003');
    await expect.poll(() => fetchOutcomes(stack.api, account)).toEqual(['cus_1003: deleted']);
  });
});
