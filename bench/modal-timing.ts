import type { Page } from 'playwright-core';

/** Timings of one modal open, in milliseconds after the click's input event was created. */
export interface ModalOpen {
  /** The `<delete-guard-modal>` host is in the DOM. */
  hostMs: number;
  /** The first focus inside the shadow root: the dialog, still loading the account from the API. */
  dialogFocusMs: number;
  /** The first focus on a form field: settings and code status loaded, the Reason field focused. */
  fieldFocusMs: number;
  /** Tag and accessible label of the field focused first, such as "select Reason". */
  focusedField: string;
}

interface ModalProbe {
  clickAt?: number;
  hostAt?: number;
  dialogFocusAt?: number;
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
    if (probe.dialogFocusAt === undefined) probe.dialogFocusAt = now;
    const target = event.composedPath()[0];
    if (probe.fieldFocusAt === undefined && target instanceof HTMLElement && target.matches('input, select, textarea')) {
      probe.fieldFocusAt = now;
      const label = target.labels && target.labels[0] ? target.labels[0].textContent.trim() : '';
      probe.focusedField = (target.localName + ' ' + label).trim();
    }
  }
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || node.localName !== 'delete-guard-modal') continue;
        if (window.__benchModal.hostAt === undefined) window.__benchModal.hostAt = performance.now();
        if (node.shadowRoot) node.shadowRoot.addEventListener('focusin', onFocusIn, true);
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
  await page.waitForFunction(() => (window as unknown as ProbeWindow).__benchModal.fieldFocusAt !== undefined, undefined, { timeout: 15_000 });
  const probe = await page.evaluate(() => (window as unknown as ProbeWindow).__benchModal);
  const start = probe.clickAt ?? Number.NaN;
  return {
    hostMs: (probe.hostAt ?? Number.NaN) - start,
    dialogFocusMs: (probe.dialogFocusAt ?? Number.NaN) - start,
    fieldFocusMs: (probe.fieldFocusAt ?? Number.NaN) - start,
    focusedField: probe.focusedField ?? '',
  };
}

/** Closes the modal with Escape and waits until its host is gone. */
export async function closeModal(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('delete-guard-modal') === null, undefined, { timeout: 5_000 });
}
