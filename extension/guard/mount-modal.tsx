import { render } from 'preact';
import type { CreateDeletionResponse, Customer } from '../../shared/api/deletions.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { DeletionModal, modalStyles, type CodeMemory } from '../components/index.ts';
import type { CachedDeletionData } from '../components/useDeletionData.ts';
import type { GuardContext } from './guard-context.ts';
import { LazyHelperPanel } from './LazyHelperPanel.tsx';
import { claimHost } from './own-ui.ts';

/** Input for {@link mountModal}. */
export interface ModalRequest {
  customers: Customer[];
  api: ApiPort;
  supportUrl?: string;
  pageUrl: string;
  codeMemory: CodeMemory;
  /** Account data from an earlier load, so the form shows on the click. */
  cached?: CachedDeletionData;
  onDataChange?(data: CachedDeletionData | undefined): void;
  onApproved(result: CreateDeletionResponse): void;
  onClose(): void;
}

/** An open modal. */
export interface ModalHandle {
  /** Removes the modal without calling `onClose`. */
  remove(): void;
  /** Sets the support page that the troubleshooting helper links to, once it is known. */
  setSupportUrl(supportUrl: string | undefined): void;
}

// Stops inherited page styles (font, color, line height) at the host. The
// !important wins over the page's own important rules for the host element,
// the same reset that WXT's createShadowRootUi applied. It also removes the
// UA's popover box (border, padding, background), and the fixed position keeps
// the host out of the page's flow when the browser has no popover support.
const HOST_RESET_CSS = ':host { all: initial !important; position: fixed !important; inset: 0 !important; }';

// Shows the host in the top layer. On the 10 000-row stand-in CRM list, in
// headless Chromium 156 on 2 cores, a fixed overlay appended to <body> took a
// median 67 ms until the next frame was done, and the same overlay in the top
// layer 23 ms (a one-off measurement of 8 inserts each). Most of the
// difference was pre-paint work over the whole page. The top layer is also
// above every z-index and every modal the page opened before.
function showInTopLayer(host: HTMLElement): void {
  if (!('showPopover' in host)) return;
  host.setAttribute('popover', 'manual');
  try {
    host.showPopover();
  } catch {
    // showPopover throws only for a host that is detached or already shown.
    // The modal must open all the same, so it falls back to the fixed host.
    host.removeAttribute('popover');
  }
}

/**
 * Mounts the deletion modal in an open shadow root on a `<delete-guard-modal>`
 * host at the end of `<body>`, shown in the top layer where the browser has
 * popovers, and returns its handle. It mounts synchronously, so the dialog is
 * focused in the same task as the click. The modal's own fixed overlay covers
 * the page. The host is built by hand rather than with WXT's
 * `createShadowRootUi`, which with its helpers added about 8 KB to the script
 * injected into every page.
 */
export function mountModal(ctx: GuardContext, request: ModalRequest): ModalHandle {
  const host = document.createElement('delete-guard-modal');
  claimHost(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${HOST_RESET_CSS}\n${modalStyles}`;
  const container = document.createElement('div');
  shadow.append(style, container);

  let removed = false;
  let supportUrl = request.supportUrl;
  const remove = () => {
    if (removed) return;
    removed = true;
    render(null, container);
    host.remove();
  };
  const close = () => {
    remove();
    request.onClose();
  };
  const approve = (result: CreateDeletionResponse) => {
    remove();
    request.onApproved(result);
  };
  const draw = () =>
    render(
      <DeletionModal
        customers={request.customers}
        api={request.api}
        helper={LazyHelperPanel}
        supportUrl={supportUrl}
        pageUrl={request.pageUrl}
        codeMemory={request.codeMemory}
        cached={request.cached}
        onDataChange={request.onDataChange}
        onApproved={approve}
        onClose={close}
      />,
      container,
    );

  (document.body ?? document.documentElement).append(host);
  showInTopLayer(host);
  draw();
  ctx.onInvalidated(remove);
  return {
    remove,
    setSupportUrl: (url) => {
      supportUrl = url;
      if (!removed) draw();
    },
  };
}
