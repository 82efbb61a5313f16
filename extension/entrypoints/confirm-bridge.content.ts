import { defineContentScript } from 'wxt/utils/define-content-script';
import { ACCEPT_CONFIRM_EVENT, ACCEPT_CONFIRM_WINDOW_MS, DISARM_CONFIRM_EVENT } from '../guard/accept-confirm.ts';
import { LOCAL_MATCHES } from '../lib/local-matches.ts';

/**
 * Runs in the page's world so it can accept one native confirm() for an
 * approved delete. It holds no secrets and calls no extension API.
 */
export default defineContentScript({
  matches: LOCAL_MATCHES,
  runAt: 'document_start',
  world: 'MAIN',
  main() {
    const originalConfirm = window.confirm;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const disarm = () => {
      clearTimeout(timer);
      window.confirm = originalConfirm;
    };

    window.addEventListener(ACCEPT_CONFIRM_EVENT, (event) => {
      const requested = event instanceof CustomEvent && typeof event.detail === 'number' ? event.detail : ACCEPT_CONFIRM_WINDOW_MS;
      disarm();
      window.confirm = () => {
        disarm();
        return true;
      };
      timer = setTimeout(disarm, Math.min(requested, ACCEPT_CONFIRM_WINDOW_MS));
    });
    window.addEventListener(DISARM_CONFIRM_EVENT, disarm);
  },
});
