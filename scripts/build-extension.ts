import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder to load as an unpacked extension in Chrome or Chromium. */
export const chromeBuildDir = resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');

/**
 * Builds the Chrome extension with WXT, printing WXT's output. Throws when the
 * build fails, because the demo is useless without the extension.
 */
export function buildExtension(): void {
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: resolve(import.meta.dirname, '..'), stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(join(chromeBuildDir, 'manifest.json'))) {
    throw new Error(`Failed to build the extension: "npx wxt build" exited with ${result.status ?? result.signal}.`);
  }
}
