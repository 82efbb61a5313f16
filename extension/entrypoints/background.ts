import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleMessage, isBackgroundMessage } from '../lib/handle-message.ts';
import { registerGuardFor, unregisterGuardFor } from '../lib/site-registration.ts';

function isExtensionPage(url: string | undefined): boolean {
  // The worker's own origin is the extension's: chrome-extension://<id> or moz-extension://<uuid>.
  return url !== undefined && URL.canParse(url) && new URL(url).origin === location.origin;
}

export default defineBackground(() => {
  // sendResponse with `return true` works in every Chrome and Firefox version,
  // unlike returning a Promise from the listener.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isBackgroundMessage(message)) return false;
    // Support tools act on every account, and the audit trail contains every
    // reason and note, so only the extension's own pages may use them, never
    // a content script running inside a web page.
    if ((message.type.startsWith('support:') || message.type === 'api:listDeletions') && !isExtensionPage(sender.url)) {
      sendResponse({ ok: false, status: 0, error: { code: 'FORBIDDEN', message: `${message.type} is accepted only from Delete Guard pages.` } });
      return false;
    }
    handleMessage(message, sender).then(sendResponse, (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`Delete Guard: failed to handle ${message.type}: ${reason}`);
      sendResponse({ ok: false, status: 0, error: { code: 'INTERNAL_ERROR', message: `Failed to handle ${message.type}: ${reason}` } });
    });
    return true;
  });

  // Registration follows the permission, not the popup, because the popup can
  // close while the browser shows the permission prompt.
  browser.permissions.onAdded.addListener(({ origins = [] }) => {
    registerGuardFor(origins).catch((error: unknown) => console.error(`Delete Guard: failed to register the guard for ${origins.join(', ')}: ${String(error)}`));
  });
  browser.permissions.onRemoved.addListener(({ origins = [] }) => {
    unregisterGuardFor(origins).catch((error: unknown) => console.error(`Delete Guard: failed to unregister the guard for ${origins.join(', ')}: ${String(error)}`));
  });
});
