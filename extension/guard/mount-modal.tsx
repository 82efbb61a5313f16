import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { CreateDeletionResponse, Customer } from '../../shared/index.ts';
import type { ApiPort } from '../lib/api-port.ts';
import { MODAL_CSS } from '../ui/modal-css.ts';
import { DeletionModal } from '../ui/deletion-modal.ts';
import { claimHost } from './own-ui.ts';

/** Input for {@link mountModal}. */
export interface ModalRequest {
  customers: Customer[];
  api: ApiPort;
  supportUrl?: string;
  onApproved(result: CreateDeletionResponse): void;
  onClose(): void;
}

/**
 * Mounts the deletion modal in a shadow root at the end of `<body>` and
 * returns a function that removes it. The host is inline, not WXT's "modal"
 * position, so page clicks are not blocked while it is mounted; the modal's
 * own fixed backdrop covers the page instead.
 */
export async function mountModal(ctx: ContentScriptContext, request: ModalRequest): Promise<() => void> {
  let removed = false;
  const ui = await createShadowRootUi<HTMLElement>(ctx, {
    name: 'delete-guard-modal',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: MODAL_CSS,
    onMount(container, _shadow, host) {
      claimHost(host);
      const backdrop = document.createElement('div');
      backdrop.className = 'dg-backdrop';
      container.append(backdrop);
      const close = () => {
        remove();
        request.onClose();
      };
      const approve = (result: CreateDeletionResponse) => {
        remove();
        request.onApproved(result);
      };
      render(
        <DeletionModal customers={request.customers} api={request.api} supportUrl={request.supportUrl} onApproved={approve} onClose={close} />,
        backdrop,
      );
      return backdrop;
    },
    onRemove(backdrop) {
      if (backdrop) render(null, backdrop);
    },
  });

  const remove = () => {
    if (removed) return;
    removed = true;
    ui.remove();
  };
  ui.mount();
  return remove;
}
