import { stopWithParent } from '../scripts/stop-with-parent.ts';
import { startApi } from './start-api.ts';

// Entry point of `npm run api`. Setup errors print one plain message and exit 1;
// the API key of a new demo account goes to stdout once and never to the log.
try {
  const api = await startApi();
  if (api.apiKey) {
    process.stdout.write(
      `\nCreated the demo account "Demo Company" (owner@demo.test).\n` +
        `Its API key, shown only this once:\n\n  ${api.apiKey}\n\n` +
        `Paste it into the extension's options page. Run "npm run accounts -- rotate-key --account <id>" if you lose it.\n\n`,
    );
  }

  let stopping = false;
  const stop = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Stopping the API: ${reason}.\n`);
    await api.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('received SIGINT'));
  process.once('SIGTERM', () => void stop('received SIGTERM'));
  stopWithParent(() => void stop('its parent process exited'));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
