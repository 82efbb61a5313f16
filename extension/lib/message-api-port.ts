import type { browser as wxtBrowser } from 'wxt/browser';
import type { ApiPort, ApiResult } from './api-port.ts';
import type { BackgroundMessage } from './messages.ts';

const RELOADED_MESSAGE =
  'Delete Guard was updated or reloaded while this tab was open. Reload the page (F5), then try again.';

type ExtensionApi = typeof wxtBrowser;

interface ExtensionGlobals {
  browser?: ExtensionApi;
  chrome?: ExtensionApi;
}

/**
 * Returns the extension API object, read on each call. WXT's `browser` export
 * reads `runtime.id` while the module loads, and the first touch of `runtime`
 * builds its bindings, which content scripts should not pay at document_start.
 * The choice is WXT's: Firefox's `browser` where it has a runtime id, else `chrome`.
 */
export function extensionApi(): ExtensionApi {
  const globals = globalThis as ExtensionGlobals;
  return (globals.browser?.runtime?.id ? globals.browser : globals.chrome) as ExtensionApi;
}

/** Checks whether this script can still reach its extension (false after an update or reload). */
export function isExtensionContextValid(): boolean {
  try {
    return Boolean(extensionApi()?.runtime?.id);
  } catch {
    return false;
  }
}

function reloaded<T>(): ApiResult<T> {
  return { ok: false, status: 0, error: { code: 'EXTENSION_RELOADED', message: RELOADED_MESSAGE } };
}

/**
 * Sends one message to the background service worker. Returns EXTENSION_RELOADED
 * when the extension context is gone and API_UNREACHABLE when the worker
 * returns no result.
 */
export async function sendBackgroundMessage<T>(message: BackgroundMessage): Promise<ApiResult<T>> {
  if (!isExtensionContextValid()) return reloaded();
  try {
    const result = (await extensionApi().runtime.sendMessage(message)) as ApiResult<T> | undefined;
    if (result && typeof result === 'object' && 'ok' in result) return result;
    return { ok: false, status: 0, error: { code: 'API_UNREACHABLE', message: 'The Delete Guard background worker returned no result. Reload the page and try again.' } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/context invalidated/i.test(reason) || !isExtensionContextValid()) return reloaded();
    return { ok: false, status: 0, error: { code: 'API_UNREACHABLE', message: `Failed to reach the Delete Guard background worker: ${reason}. Reload the page and try again.` } };
  }
}

/** Creates the `ApiPort` for the content script and extension pages: every call is a background message. */
export function createMessageApiPort(): ApiPort {
  return {
    getSettings: () => sendBackgroundMessage({ type: 'api:getSettings' }),
    getOtpStatus: () => sendBackgroundMessage({ type: 'api:getOtpStatus' }),
    sendOtp: () => sendBackgroundMessage({ type: 'api:sendOtp' }),
    createDeletion: (request) => sendBackgroundMessage({ type: 'api:createDeletion', request }),
    setCompanyEmail: (email) => sendBackgroundMessage({ type: 'api:setCompanyEmail', email }),
    verifyCompanyEmail: (code) => sendBackgroundMessage({ type: 'api:verifyCompanyEmail', code }),
    removeCompanyEmail: () => sendBackgroundMessage({ type: 'api:removeCompanyEmail' }),
  };
}
