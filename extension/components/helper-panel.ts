import type { TroubleshootingHelperProps } from './TroubleshootingHelper.tsx';

/**
 * The troubleshooting helper as a separate script (entrypoints/helper-panel.tsx),
 * which the guard injects only when the user opens "Didn't get the code?".
 * It renders with its own copy of Preact, so it is mounted into a DOM element
 * rather than used as a component of the modal's tree.
 */
export interface HelperPanelScript {
  /** Renders the helper in a shadow root on `container`, or updates it with new props. Returns a function that unmounts it. */
  mount(container: HTMLElement, props: TroubleshootingHelperProps): () => void;
}

/** Name of the global, in the content script's isolated world, where the helper script puts its {@link HelperPanelScript}. */
export const HELPER_PANEL_GLOBAL = 'deleteGuardHelperPanel';

/** Output path of the helper script in the extension, for `scripting.executeScript`. */
export const HELPER_PANEL_FILE = '/helper-panel.js';
