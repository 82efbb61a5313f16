import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { LOCAL_MATCHES } from './extension/lib/local-matches.ts';

export default defineConfig({
  srcDir: 'extension',
  // Explicit imports keep `tsc -p .` working without WXT's generated globals.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Delete Guard',
    description: 'Asks for a reason and an emailed one-time code before a customer is deleted in your CRM.',
    permissions: ['storage', 'scripting', 'activeTab'],
    // The stand-in CRM and the API on this computer need no run-time request.
    host_permissions: LOCAL_MATCHES,
    // Other CRM and API origins are requested at run time ("Add this site", Save in options).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});
