import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath } from '../test/browser/helpers.ts';

/** A Chromium profile without extensions, launched like `launchWithExtension` otherwise. */
export interface PlainBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

// The flags of launchWithExtension in test/browser/helpers.ts, less the two
// that load the extension, so the two runs differ only in the extension.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Launches headless Chromium with no extension in a fresh profile directory. */
export async function launchPlainChromium(): Promise<PlainBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'delete-guard-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: FLAGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Returns the output of `chromium --version`, such as "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)". */
export function chromiumVersion(): string {
  // Debian's wrapper script prints a shell warning on stderr on some machines, so stderr is dropped.
  return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}
