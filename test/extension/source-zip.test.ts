import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { glob } from 'tinyglobby';
import { afterAll, describe, expect, it } from 'vitest';
import wxtConfig from '../../wxt.config.ts';
import { DEFAULT_GECKO_ID, SOURCE_ZIP_EXCLUDES, geckoId } from '../../scripts/source-zip.ts';

// The matcher WXT's `zip` uses for excludeSources (wxt/dist/core/zip.mjs, WXT 0.20).
const picomatch = createRequire(import.meta.url)('picomatch') as (pattern: string) => (path: string) => boolean;
const excluded = (path: string): boolean => SOURCE_ZIP_EXCLUDES.some((pattern) => picomatch(pattern)(path));

const repoRoot = join(dirname(new URL(import.meta.url).pathname), '..', '..');

/** Lists the files of `root` that the sources archive would hold, the way WXT 0.20 globs them. */
async function sourceZipFiles(root: string): Promise<string[]> {
  const files = await glob(['**/*'], { cwd: root, ignore: ['**/node_modules'], onlyFiles: true, expandDirectories: false, dot: true });
  return files.filter((file) => !excluded(file));
}

describe('sources archive', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'dg-source-zip-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is configured with the exclude list', () => {
    expect(wxtConfig.zip?.excludeSources).toEqual(expect.arrayContaining([...SOURCE_ZIP_EXCLUDES]));
  });

  it('leaves out secrets, data and captured mail', async () => {
    const secrets = [
      'data/delete-guard.json',
      'data/delete-guard.json.secret',
      'data/mailbox/0001-otp.eml',
      'data/dkim/mail2026._domainkey.example.com.pem',
      'keys/extra.pem',
      'api/local.secret',
      '.env',
      '.env.production',
      '.output/delete-guard-0.1.0-sources.zip',
      'node_modules/hono/package.json',
    ];
    const sources = ['extension/lib/api-client.ts', 'api/main.ts', 'package.json', 'README.md'];
    for (const file of [...secrets, ...sources]) {
      mkdirSync(dirname(join(scratch, file)), { recursive: true });
      writeFileSync(join(scratch, file), 'x');
    }

    const zipped = await sourceZipFiles(scratch);

    for (const file of secrets) expect(zipped, file).not.toContain(file);
    for (const file of sources) expect(zipped, file).toContain(file);
  });

  it('holds no file that git ignores', async () => {
    const zipped = await sourceZipFiles(repoRoot);
    // `git check-ignore` prints the ignored ones and exits 1 when there are none.
    let ignored = '';
    try {
      ignored = execFileSync('git', ['check-ignore', '--stdin'], { cwd: repoRoot, input: zipped.join('\n'), encoding: 'utf8' });
    } catch (error) {
      if ((error as { status?: number }).status !== 1) throw error;
    }
    expect(ignored.split('\n').filter(Boolean)).toEqual([]);
  });
});

describe('Firefox add-on id', () => {
  it('defaults to the project id', () => {
    expect(geckoId({})).toBe(DEFAULT_GECKO_ID);
  });

  it('follows DELETE_GUARD_GECKO_ID', () => {
    expect(geckoId({ DELETE_GUARD_GECKO_ID: 'delete-guard@example.com' })).toBe('delete-guard@example.com');
  });

  it('is in the Firefox manifest only', async () => {
    const manifest = wxtConfig.manifest as (env: { browser: string }) => Record<string, unknown>;

    expect(manifest({ browser: 'firefox' }).browser_specific_settings).toEqual({ gecko: { id: DEFAULT_GECKO_ID } });
    expect(manifest({ browser: 'chrome' }).browser_specific_settings).toBeUndefined();
  });
});
