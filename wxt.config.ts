import { join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { LOCAL_MATCHES } from './extension/lib/local-matches.ts';

export default defineConfig({
  srcDir: 'extension',
  // Explicit imports keep `tsc -p .` working without WXT's generated globals.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
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
  manifest: {
    name: 'Delete Guard',
    description: 'Asks for a reason and an emailed one-time code before a customer is deleted in your CRM.',
    permissions: ['storage', 'scripting', 'activeTab'],
    content_scripts: [{ matches: LOCAL_MATCHES, js: ['content-scripts/content.js'], run_at: 'document_start' }],
    // The stand-in CRM and the API on this computer need no run-time request.
    host_permissions: LOCAL_MATCHES,
    // Other CRM and API origins are requested at run time ("Add this site", Save in options).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});
