import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { CreateDeletionResponse, Customer } from '../../shared/index.ts';
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

/**
 * Mounts the deletion modal in a shadow root at the end of `<body>` and
 * returns a function that removes it. The host is inline, not WXT's "modal"
 * position, because that position blocks every page click while mounted. The
 * modal's own fixed overlay covers the page instead.
 */
export async function mountModal(ctx: ContentScriptContext, request: ModalRequest): Promise<() => void> {
  let removed = false;
  const ui = await createShadowRootUi<HTMLElement>(ctx, {
    name: 'delete-guard-modal',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    css: modalStyles,
    onMount(container, _shadow, host) {
      claimHost(host);
      const close = () => {
        remove();
        request.onClose();
      };
      const approve = (result: CreateDeletionResponse) => {
        remove();
        request.onApproved(result);
      };
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
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
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
