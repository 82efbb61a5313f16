import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/** Debian's chromium package installs here; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/**
 * True when browser tests should be skipped: Chromium is missing and this is
 * not CI. In CI (`CI=true`) they run anyway, so a missing Chromium fails them.
 */
export const skipBrowserTests = !hasChromium && process.env.CI !== 'true';

const repoRoot = resolve(import.meta.dirname, '../..');
/** The unpacked Chrome build that `npm run build` writes. */
export const extensionDir = join(repoRoot, '.output', 'chrome-mv3');

/** The part of the service worker's `chrome` global that the helpers use. */
interface ChromeGlobal {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}

/** A Chromium profile with the unpacked extension loaded. */
export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** Writes `chrome.storage.local` keys from the service worker, like the options page does. */
  setStorage(values: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with the extension in a fresh profile directory.
 * The browser project's global setup (`global-setup.ts`) builds the extension
 * before any test file runs.
 */
export async function launchWithExtension(): Promise<ExtensionBrowser> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`Extension build not found in ${extensionDir}. Run "npx wxt build", or run the tests through "npx vitest run", whose browser project builds it first.`);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'delete-guard-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });

  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;

  return {
    context,
    serviceWorker,
    extensionId,
    setStorage: (values) =>
      serviceWorker.evaluate((items) => (globalThis as unknown as ChromeGlobal).chrome.storage.local.set(items), values),
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
