/**
 * Files left out of the Firefox sources archive (`npm run zip`), as picomatch
 * patterns relative to the repository root. WXT adds its own defaults
 * (node_modules, hidden files, tests, `.output/`). This list covers what the
 * API and the CLIs write next to the sources: the data file, its HMAC secret,
 * captured .eml files with live codes, DKIM private keys and local settings.
 */
export const SOURCE_ZIP_EXCLUDES: readonly string[] = [
  'data/**',
  '.output/**',
  '.wxt/**',
  'node_modules/**',
  '**/node_modules/**',
  'coverage/**',
  '**/*.secret',
  '**/*.pem',
  '**/*.key',
  '**/*.eml',
  '**/*.sock',
  '**/*.log',
  '**/*.bak',
  '**/.env',
  '**/.env.*',
];

/** Firefox add-on id used when DELETE_GUARD_GECKO_ID is unset. */
export const DEFAULT_GECKO_ID = 'delete-guard@delete-guard.localhost';

/**
 * Returns the Firefox add-on id (`browser_specific_settings.gecko.id`):
 * DELETE_GUARD_GECKO_ID when set, else {@link DEFAULT_GECKO_ID}. A published
 * add-on needs an id of its own, such as `delete-guard@your-company.com`.
 */
export function geckoId(env: Record<string, string | undefined> = process.env): string {
  const id = env.DELETE_GUARD_GECKO_ID?.trim();
  return id ? id : DEFAULT_GECKO_ID;
}
