import { render } from 'preact';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { HELPER_PANEL_GLOBAL, type HelperPanelScript } from '../components/helper-panel.ts';
import { modalStyles } from '../components/styles.ts';
import { TroubleshootingHelper } from '../components/TroubleshootingHelper.tsx';

/**
 * The troubleshooting helper for the deletion modal, injected into a tab's
 * isolated world by the background worker on request, so the helper's code
 * is not part of the guard script that every page loads.
 */
// The helper renders in a shadow root of its own, because its Preact numbers
// useId values from P0-0 as the modal's does, and the ids must not collide.
function openRoot(container: HTMLElement): HTMLElement {
  const shadow = container.shadowRoot ?? container.attachShadow({ mode: 'open' });
  let root = shadow.lastElementChild as HTMLElement | null;
  if (!root) {
    const style = document.createElement('style');
    style.textContent = `${modalStyles}\n:host { display: block; }`;
    root = document.createElement('div');
    shadow.append(style, root);
  }
  return root;
}

export default defineUnlistedScript(() => {
  const script: HelperPanelScript = {
    mount(container, props) {
      const root = openRoot(container);
      render(<TroubleshootingHelper {...props} />, root);
      return () => render(null, root);
    },
  };
  (globalThis as Record<string, unknown>)[HELPER_PANEL_GLOBAL] = script;
});
