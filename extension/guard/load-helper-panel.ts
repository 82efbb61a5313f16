import { HELPER_PANEL_GLOBAL, type HelperPanelScript } from '../components/helper-panel.ts';
import { sendBackgroundMessage } from '../lib/message-api-port.ts';

let loading: Promise<HelperPanelScript> | undefined;

function findScript(): HelperPanelScript | undefined {
  return (globalThis as Record<string, unknown>)[HELPER_PANEL_GLOBAL] as HelperPanelScript | undefined;
}

/**
 * Asks the background worker to inject the troubleshooting helper script into
 * this frame, once per page, and returns it. Rejects with the reason when the
 * injection failed, so a later call tries again.
 */
export function loadHelperPanel(): Promise<HelperPanelScript> {
  const loaded = findScript();
  if (loaded) return Promise.resolve(loaded);
  loading ??= sendBackgroundMessage<null>({ type: 'guard:loadHelperPanel' }).then((result) => {
    const script = findScript();
    if (result.ok && script) return script;
    loading = undefined;
    throw new Error(result.ok ? 'The helper script ran but did not register itself.' : result.error.message);
  });
  return loading;
}
