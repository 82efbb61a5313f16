import type { Page } from 'playwright-core';

/** Timings of one modal open, in milliseconds after the click's input event was created. */
export interface ModalOpen {
  /** The `<delete-guard-modal>` host is in the DOM, read by a MutationObserver at the end of the task that added it. */
  hostMs: number;
  /** The first focus inside the shadow root: the Reason field when the form shows from the cache, else the dialog in its loading state. */
  dialogFocusMs: number;
  /**
   * The modal is visible and focused: the frame after the first focus has been
   * rendered. Measured as the first task after a requestAnimationFrame callback
   * that was queued on that focus, so it includes that frame's style, layout and paint.
   */
  visibleMs: number;
  /** The first focus on a form field: settings and code status loaded, the Reason field focused. */
  fieldFocusMs: number;
  /** Tag and accessible label of the field focused first, such as "select Reason". */
  focusedField: string;
}

interface ModalProbe {
  clickAt?: number;
  hostAt?: number;
  dialogFocusAt?: number;
  visibleAt?: number;
  fieldFocusAt?: number;
  focusedField?: string;
}

interface ProbeWindow {
  __benchModal: ModalProbe;
}

// The probe is plain JavaScript in a string, not a function passed to
// addInitScript, because tsx wraps named functions in a `__name` helper that
// does not exist in the page.
const PROBE_SCRIPT = `
(() => {
  window.__benchModal = {};
  function onInput(event) {
    const probe = window.__benchModal;
    if (probe.clickAt === undefined || event.timeStamp < probe.clickAt) probe.clickAt = event.timeStamp;
  }
  for (const type of ['pointerdown', 'mousedown', 'click']) {
    window.addEventListener(type, onInput, true);
    document.addEventListener(type, onInput, true);
  }
  function onFocusIn(event) {
    const probe = window.__benchModal;
    const now = performance.now();
    if (probe.dialogFocusAt === undefined) {
      probe.dialogFocusAt = now;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { probe.visibleAt = performance.now(); };
        channel.port2.postMessage(0);
      });
    }
    const target = event.composedPath()[0];
    if (probe.fieldFocusAt === undefined && target instanceof HTMLElement && target.matches('input, select, textarea')) {
      probe.fieldFocusAt = now;
      const label = target.labels && target.labels[0] ? target.labels[0].textContent.trim() : '';
      probe.focusedField = (target.localName + ' ' + label).trim();
    }
  }
  // Focus that moves inside the shadow root does not reach the window, so the
  // shadow root gets its own listener. The window capture listener catches the
  // first focus, which the modal may take in the same task that adds its host,
  // before the MutationObserver callback runs. The guard stops focusin at its
  // host in the bubble phase, after this capture listener has run.
  const watched = new WeakSet();
  function watchShadowRoot(host) {
    if (!host.shadowRoot || watched.has(host.shadowRoot)) return;
    watched.add(host.shadowRoot);
    host.shadowRoot.addEventListener('focusin', onFocusIn, true);
  }
  window.addEventListener('focusin', (event) => {
    const host = event.composedPath().find((node) => node instanceof Element && node.localName === 'delete-guard-modal');
    if (!host) return;
    const fromShadowRoot = host.shadowRoot && watched.has(host.shadowRoot);
    if (!fromShadowRoot) onFocusIn(event);
    watchShadowRoot(host);
  }, true);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || node.localName !== 'delete-guard-modal') continue;
        if (window.__benchModal.hostAt === undefined) window.__benchModal.hostAt = performance.now();
        watchShadowRoot(node);
      }
    }
  }).observe(document, { childList: true, subtree: true });
})();
`;

/**
 * Installs the in-page probe. It runs in the page's main world, reaches the
 * extension's open shadow root from there, and reads every time from the
 * page's clock. The start is the `timeStamp` of the click's first input event
 * (pointerdown, mousedown or click, whichever reaches it): the time the
 * browser created that event, whatever the extension's listeners do with it.
 */
export async function installModalProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE_SCRIPT });
}

/**
 * Clicks `deleteButton` with a real (CDP) mouse click, waits until a form
 * field in the modal has focus, and returns the timings.
 */
export async function openModal(page: Page, deleteButton: string): Promise<ModalOpen> {
  await page.evaluate(() => {
    (window as unknown as ProbeWindow).__benchModal = {};
  });
  await page.click(deleteButton);
  await page.waitForFunction(
    () => {
      const probe = (window as unknown as ProbeWindow).__benchModal;
      return probe.fieldFocusAt !== undefined && probe.visibleAt !== undefined;
    },
    undefined,
    { timeout: 15_000 },
  );
  const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__benchModal);
  const start = probe.clickAt ?? Number.NaN;
  return {
    hostMs: (probe.hostAt ?? Number.NaN) - start,
    dialogFocusMs: (probe.dialogFocusAt ?? Number.NaN) - start,
    visibleMs: (probe.visibleAt ?? Number.NaN) - start,
    fieldFocusMs: (probe.fieldFocusAt ?? Number.NaN) - start,
    focusedField: probe.focusedField ?? '',
  };
}

/** Closes the modal with Escape and waits until its host is gone. */
export async function closeModal(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('delete-guard-modal') === null, undefined, { timeout: 5_000 });
}
