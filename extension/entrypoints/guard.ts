import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { GuardContext } from '../guard/guard-context.ts';
import { startGuard } from '../guard/start-guard.ts';

/**
 * The delete guard, injected as `content-scripts/content.js`. The manifest
 * entry is in wxt.config.ts: it runs at document_start on the local origins,
 * so its window capture listeners are registered before any script of the
 * page. Other sites get it at run time through the popup's "Add this site".
 *
 * It is built as an unlisted script, not with `defineContentScript`, because
 * WXT's content script wrapper always builds a `ContentScriptContext`, whose
 * constructor posts a window message and reads `runtime.id` on every page load.
 */
export default defineUnlistedScript(() => {
  startGuard(new GuardContext());
});
