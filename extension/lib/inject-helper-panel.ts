import { browser } from 'wxt/browser';
import { HELPER_PANEL_FILE } from '../components/helper-panel.ts';
import type { ApiResult } from './api-port.ts';

/** The tab and frame a message came from, as `runtime.onMessage` reports them. */
export interface MessageOrigin {
  tab?: { id?: number };
  frameId?: number;
}

/**
 * Injects the troubleshooting helper script into the isolated world of the
 * frame that sent the message, where the guard's modal is open. The guard runs
 * only on origins the extension has host permission for, which
 * `scripting.executeScript` needs too.
 */
export async function injectHelperPanel(origin: MessageOrigin | undefined): Promise<ApiResult<null>> {
  const tabId = origin?.tab?.id;
  if (tabId === undefined) {
    return { ok: false, status: 0, error: { code: 'INTERNAL_ERROR', message: 'The helper can only be injected into a tab, and this message came from no tab.' } };
  }
  await browser.scripting.executeScript({ target: { tabId, frameIds: [origin?.frameId ?? 0] }, files: [HELPER_PANEL_FILE] });
  return { ok: true, data: null };
}
