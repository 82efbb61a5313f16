import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Config } from '../../api/config.ts';
import { startApi, type RunningApi } from '../../api/start-api.ts';
import { adminSocketFor } from '../../api/admin/admin-socket.ts';
import { sendAdminCommand } from '../../api/admin/send-admin-command.ts';
import { startCrm, type CrmServer } from '../../crm/server.ts';
import type { ListDeletionsResponse, OtpStatus } from '../../shared/index.ts';
import { launchWithExtension, type ExtensionBrowser } from '../browser/helpers.ts';
import { startMailCapture, type MailCapture } from './mail-capture.ts';

/** An API account made for one test: its key and the address its codes go to. */
export interface TestAccount {
  apiKey: string;
  email: string;
}

/** Everything one end-to-end test file runs against: real API, SMTP capture, CRM and Chromium with the extension. */
export interface E2eStack {
  crm: CrmServer;
  api: RunningApi;
  mail: MailCapture;
  browser: ExtensionBrowser;
  /** The demo account that the API created on its first start. */
  demo: TestAccount;
  /** Creates an account in the API's data file and points the extension at it. */
  useNewAccount(): Promise<TestAccount>;
  /** Closes the page of the previous test, if any, and opens a new one. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

let accountCount = 0;

/**
 * Starts the stack for one test file. `apiConfig` overrides API settings,
 * such as `{ OTP_RESEND_SECONDS: 2 }`. The API reads no process environment,
 * so a developer's SMTP_URL cannot send test mail anywhere.
 */
export async function startStack(apiConfig: Partial<Config> = {}): Promise<E2eStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'delete-guard-e2e-'));
  const mail = await startMailCapture();
  const api = await startApi({
    dataFile: join(dataDir, 'data.json'),
    port: 0,
    env: { SMTP_URL: mail.url, LOG_LEVEL: 'silent' },
    config: apiConfig,
  });
  if (!api.apiKey) throw new Error(`The API did not create the demo account, so ${api.dataFile} was not a new data file. Each stack needs a fresh temp directory.`);
  const crm = await startCrm({ port: 0 });
  const browser = await launchWithExtension();
  let page: Page | undefined;

  return {
    crm,
    api,
    mail,
    browser,
    demo: { apiKey: api.apiKey, email: 'owner@demo.test' },
    async useNewAccount() {
      accountCount += 1;
      const email = `owner-${process.pid}-${accountCount}@example.test`;
      // Through the API's admin socket, the way the accounts CLI does next to a running API.
      const result = await sendAdminCommand(adminSocketFor(api.dataFile), { command: 'create', company: `E2E Company ${accountCount}`, email });
      if (!result.ok) throw new Error(result.message);
      const { apiKey } = result.output as { apiKey: string };
      await browser.setStorage({ apiUrl: api.url, apiKey });
      return { apiKey, email };
    },
    async newPage() {
      await page?.close();
      page = await browser.context.newPage();
      return page;
    },
    async close() {
      await browser.close();
      await crm.close();
      await api.close();
      await mail.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function getJson<T>(url: string, apiKey?: string): Promise<T> {
  const response = await fetch(url, apiKey ? { headers: { Authorization: `Bearer ${apiKey}` } } : {});
  if (!response.ok) throw new Error(`GET ${url} failed with HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Restores the CRM's 25 seeded customers through `POST /api/reset`. */
export async function resetCrm(crm: CrmServer): Promise<void> {
  const response = await fetch(`${crm.url}/api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST /api/reset failed with HTTP ${response.status}.`);
}

/** Returns the customer ids that the CRM's `GET /api/customers` lists. */
export async function fetchCustomerIds(crm: CrmServer): Promise<string[]> {
  const { customers } = await getJson<{ customers: { id: string }[] }>(`${crm.url}/api/customers`);
  return customers.map((customer) => customer.id);
}

/** Returns the account's approvals from `GET /v1/deletions`, newest first. */
export async function fetchDeletions(api: RunningApi, account: TestAccount): Promise<ListDeletionsResponse['deletions']> {
  const { deletions } = await getJson<ListDeletionsResponse>(`${api.url}/v1/deletions`, account.apiKey);
  return deletions;
}

/** Returns the account's code state from `GET /v1/otp`. */
export function fetchOtpStatus(api: RunningApi, account: TestAccount): Promise<OtpStatus> {
  return getJson<OtpStatus>(`${api.url}/v1/otp`, account.apiKey);
}

/** Returns `customerId: outcome` for each approval, such as `cus_1001: deleted`, for readable assert output. */
export async function fetchOutcomes(api: RunningApi, account: TestAccount): Promise<string[]> {
  const deletions = await fetchDeletions(api, account);
  return deletions.map((deletion) => `${deletion.customer.id}: ${deletion.outcome ?? 'pending'}`);
}

/**
 * Starts a second API on its own data file and stops it again, and returns
 * its URL and demo key. Nothing listens on that URL afterwards, so every call
 * to it fails like a server that went down.
 */
export async function startThenStopApi(): Promise<TestAccount & { url: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'delete-guard-e2e-stopped-'));
  try {
    const api = await startApi({ dataFile: join(dataDir, 'data.json'), port: 0, env: { LOG_LEVEL: 'silent', SMTP_URL: 'smtp://127.0.0.1:9' } });
    await api.close();
    return { url: api.url, apiKey: api.apiKey ?? '', email: 'owner@demo.test' };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
