import { relative } from 'node:path';
import { loadConfig } from '../api/config.ts';
import { startApi, type RunningApi } from '../api/start-api.ts';
import { startCrm } from '../crm/server.ts';
import { buildExtension, chromeBuildDir } from './build-extension.ts';
import { loadScriptEnv } from './script-env.ts';
import { stopWithParent } from './stop-with-parent.ts';

// Entry point of `npm start`: builds the extension, then runs the API (with the
// dev mailbox unless SMTP_URL is set) and the stand-in CRM in this process.

function describeKey(api: RunningApi): string {
  if (api.apiKey) {
    return `Demo API key (shown only this once; paste it into the extension's options page):\n\n    ${api.apiKey}\n`;
  }
  return (
    'The demo account already exists, so its API key is not shown again.\n' +
    '  Get a new one with:  npm run accounts -- list   then   npm run accounts -- rotate-key --account <id>\n' +
    '  (npm run browser does this for you).\n'
  );
}

async function main(): Promise<void> {
  // Checked before the build, so a bad setting does not wait for it.
  loadConfig();
  const { CRM_PORT } = loadScriptEnv();
  if (process.env.DELETE_GUARD_SKIP_BUILD !== '1') buildExtension();

  const api = await startApi();
  const crm = await startCrm({ port: CRM_PORT });
  const devMailbox = process.env.SMTP_URL ? '(off: mail goes to SMTP_URL)' : `${api.url}/dev/mailbox`;

  process.stdout.write(
    [
      '',
      'Delete Guard is running.',
      `  API:             ${api.url}`,
      `  Dev mailbox:     ${devMailbox}`,
      `  Stand-in CRM:    ${crm.url}`,
      `  Extension build: ${relative(process.cwd(), chromeBuildDir) || chromeBuildDir}`,
      '',
      describeKey(api),
      'Load the extension:',
      '  Chrome/Chromium: chrome://extensions, turn on Developer mode, "Load unpacked", pick the extension build folder.',
      '  Firefox: npm run build:firefox, then about:debugging#/runtime/this-firefox, "Load Temporary Add-on",',
      '           pick .output/firefox-mv3/manifest.json.',
      '  Or run "npm run browser" in another terminal for a Chromium with everything set up.',
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await crm.close();
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  stopWithParent(() => void stop());
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
