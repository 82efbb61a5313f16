import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromiumPath, extensionDir, hasChromium } from './helpers.ts';

const repoRoot = resolve(import.meta.dirname, '../..');

/**
 * Global setup of the browser project: builds the extension once per run, so
 * every browser test file loads the same `.output/chrome-mv3`. Set
 * SKIP_EXTENSION_BUILD=1 to reuse an existing build. In CI a missing Chromium
 * fails the run here instead of skipping the browser tests.
 */
export default function setup(): void {
  if (!hasChromium) {
    if (process.env.CI === 'true') {
      throw new Error(`Chromium not found at ${chromiumPath}. Install Debian's "chromium" package or set CHROMIUM_PATH; CI does not skip browser tests.`);
    }
    console.warn(`Chromium not found at ${chromiumPath}, so the browser tests are skipped. Set CHROMIUM_PATH to run them.`);
    return;
  }
  if (process.env.SKIP_EXTENSION_BUILD === '1' && existsSync(join(extensionDir, 'manifest.json'))) return;
  execFileSync('npx', ['wxt', 'build'], { cwd: repoRoot, stdio: 'pipe' });
}
