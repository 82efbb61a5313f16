import { join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { LOCAL_MATCHES } from './extension/lib/local-matches.ts';
import { SOURCE_ZIP_EXCLUDES, geckoId } from './scripts/source-zip.ts';

export default defineConfig({
  srcDir: 'extension',
  // Explicit imports keep `tsc -p .` working without WXT's generated globals.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  // The Firefox sources archive starts from the repository root, so it would
  // otherwise pick up data/ (secret, data file, captured codes) and other ignored files.
  zip: { excludeSources: [...SOURCE_ZIP_EXCLUDES] },
  hooks: {
    // The guard (entrypoints/guard.ts) is an unlisted script, so WXT wraps it
    // without its ContentScriptContext. It keeps the path of the content
    // script it replaced, because sites added with "Add this site" have that
    // path in their registered content scripts, and those outlive updates.
    'entrypoints:resolved': (wxt, entrypoints) => {
      const guard = entrypoints.find((entrypoint) => entrypoint.type === 'unlisted-script' && entrypoint.name === 'guard');
      if (!guard) throw new Error('extension/entrypoints/guard.ts is missing; the manifest entry for content-scripts/content.js needs it.');
      guard.name = 'content';
      guard.outputDir = join(wxt.config.outDir, 'content-scripts');
    },
  },
  manifest: ({ browser }) => ({
    name: 'Delete Guard',
    description: 'Asks for a reason and an emailed one-time code before a customer is deleted in your CRM.',
    permissions: ['storage', 'scripting', 'activeTab'],
    content_scripts: [{ matches: LOCAL_MATCHES, js: ['content-scripts/content.js'], run_at: 'document_start' }],
    // The stand-in CRM and the API on this computer need no run-time request.
    host_permissions: LOCAL_MATCHES,
    // Other CRM and API origins are requested at run time ("Add this site", Save in options).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Firefox warns about an MV3 add-on without an id and keeps its storage per id.
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: geckoId() } } } : {}),
  }),
});
