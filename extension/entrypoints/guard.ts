import { defineContentScript } from 'wxt/utils/define-content-script';
import { startGuard } from '../guard/start-guard.ts';
import { LOCAL_MATCHES } from '../lib/local-matches.ts';

/**
 * The delete guard. Runs at document_start so its window capture listeners are
 * registered before any script of the page. Other sites get this script at run
 * time through the popup's "Add this site".
 */
export default defineContentScript({
  matches: LOCAL_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    startGuard(ctx);
  },
});
