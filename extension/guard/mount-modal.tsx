import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CreateDeletionResponse, Customer } from '../../shared/api/deletions.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { DeletionModal, modalStyles, type CodeMemory } from '../components/index.ts';
import { claimHost } from './own-ui.ts';

/** Input for {@link mountModal}. */
export interface ModalRequest {
  customers: Customer[];
  api: ApiPort;
  supportUrl?: string;
  pageUrl: string;
  codeMemory: CodeMemory;
  onApproved(result: CreateDeletionResponse): void;
  onClose(): void;
}

// Stops inherited page styles (font, color, line height) at the host. The
// !important wins over the page's own important rules for the host element,
// the same reset that WXT's createShadowRootUi applied.
const HOST_RESET_CSS = ':host { all: initial !important; }';

/**
 * Mounts the deletion modal in an open shadow root on a `<delete-guard-modal>`
 * host at the end of `<body>`, and returns a function that removes it. The
 * modal's own fixed overlay covers the page. The host is built by hand rather
 * than with WXT's `createShadowRootUi`, which with its helpers added about
 * 8 KB to the script injected into every page.
 */
export async function mountModal(ctx: ContentScriptContext, request: ModalRequest): Promise<() => void> {
  const host = document.createElement('delete-guard-modal');
  claimHost(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${HOST_RESET_CSS}\n${modalStyles}`;
  const container = document.createElement('div');
  shadow.append(style, container);

  let removed = false;
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

  (document.body ?? document.documentElement).append(host);
  render(
    <DeletionModal
      customers={request.customers}
      api={request.api}
      supportUrl={request.supportUrl}
      pageUrl={request.pageUrl}
      codeMemory={request.codeMemory}
      onApproved={approve}
      onClose={close}
    />,
    container,
  );
  ctx.onInvalidated(remove);
  return remove;
}
