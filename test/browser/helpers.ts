import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/** Debian's chromium package installs here; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

const repoRoot = resolve(import.meta.dirname, '../..');
/** The unpacked Chrome build that `npm run build` writes. */
export const extensionDir = join(repoRoot, '.output', 'chrome-mv3');

let built = false;

/** The part of the service worker's `chrome` global that the helpers use. */
interface ChromeGlobal {
  chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } };
}

/** Builds the extension once per test process. Set SKIP_EXTENSION_BUILD=1 to reuse an existing build. */
export function buildExtensionOnce(): void {
  if (built) return;
  if (process.env.SKIP_EXTENSION_BUILD !== '1' || !existsSync(join(extensionDir, 'manifest.json'))) {
    execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: 'pipe' });
  }
  built = true;
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

/** Builds once, then launches headless Chromium with the extension in a fresh profile directory. */
export async function launchWithExtension(): Promise<ExtensionBrowser> {
  buildExtensionOnce();
  const profileDir = mkdtempSync(join(tmpdir(), 'delete-guard-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
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
