import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_ACCOUNT } from '../api/accounts/create-account.ts';
import { runAccountsCommand } from '../api/admin/run-accounts-command.ts';
import { loadConfig } from '../api/config.ts';
import { buildExtension, chromeBuildDir } from './build-extension.ts';
import { loadScriptEnv } from './script-env.ts';
import { stopWithParent } from './stop-with-parent.ts';

// Entry point of `npm run browser`: opens Chromium with the unpacked extension,
// connected to the API and the stand-in CRM that `npm start` runs.

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let config: ReturnType<typeof loadConfig>;
let crmPort: number;
try {
  config = loadConfig();
  crmPort = loadScriptEnv().CRM_PORT;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const apiUrl = `http://${config.HOST}:${config.PORT}`;
const crmUrl = `http://127.0.0.1:${crmPort}`;

/** Returns DELETE_GUARD_API_KEY, or gives the demo account a fresh key because only its hash is stored. */
async function obtainApiKey(): Promise<string> {
  if (process.env.DELETE_GUARD_API_KEY) return process.env.DELETE_GUARD_API_KEY;

  // Through the running API's admin socket, or the store itself, like the accounts CLI.
  const listed = await runAccountsCommand(config, { command: 'list' });
  if (!listed.ok) throw new Error(listed.message);
  const demo = (listed.output as { accountId: string; company: string }[]).find((account) => account.company === DEMO_ACCOUNT.company);
  if (!demo) throw new Error('Failed to find the demo account: start the API once with "npm start", or set DELETE_GUARD_API_KEY.');
  process.stdout.write('Gave the demo account a new API key for this browser; any earlier demo key stops working.\n');
  const rotated = await runAccountsCommand(config, { command: 'rotate-key', accountId: demo.accountId });
  if (!rotated.ok) throw new Error(rotated.message);
  return (rotated.output as { apiKey: string }).apiKey;
}

async function checkReachable(url: string, serviceName: string): Promise<void> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
  } catch {
    throw new Error(`Failed to reach the ${serviceName} at ${url}: run "npm start" in another terminal first.`);
  }
}

async function main(): Promise<void> {
  await checkReachable(`${apiUrl}/health`, 'API');
  await checkReachable(crmUrl, 'stand-in CRM');
  if (process.env.DELETE_GUARD_SKIP_BUILD !== '1') buildExtension();
  const apiKey = await obtainApiKey();

  const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  const profileDir = mkdtempSync(join(tmpdir(), 'delete-guard-browser-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless,
    viewport: null,
    args: [
      `--disable-extensions-except=${chromeBuildDir}`,
      `--load-extension=${chromeBuildDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(headless ? ['--disable-gpu'] : []),
    ],
  });

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(
    (items) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set(items),
    { apiUrl, apiKey },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(crmUrl);

  process.stdout.write(
    headless
      ? `No display found, so Chromium runs headless. The CRM page is open at ${crmUrl}.\n`
      : `Chromium is open on ${crmUrl}. Click a trash icon to see Delete Guard; codes arrive at ${apiUrl}/dev/mailbox.\n`,
  );
  process.stdout.write('Close the browser or press Ctrl+C to stop.\n');

  const finish = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
    process.exit(0);
  };
  context.on('close', () => void finish());
  process.once('SIGINT', () => void finish());
  process.once('SIGTERM', () => void finish());
  stopWithParent(() => void finish());
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
