import type { ComponentType } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CreateDeletionRequest, CreateDeletionResponse, Customer } from '../../shared/api/deletions.ts';
import type { OtpStatus, SendOtpResponse } from '../../shared/api/otp.ts';
import type { ApiPort } from '../lib/api-port.ts';
import type { CodeMemory } from './code-memory.ts';
import { DeletionForm } from './DeletionForm.tsx';
import type { TroubleshootingHelperProps } from './TroubleshootingHelper.tsx';
import { getActiveElement } from './focus.ts';
import { useDeletionData, type CachedDeletionData } from './useDeletionData.ts';
import { useFocusTrap } from './useFocusTrap.ts';

/** Props of {@link DeletionModal}. */
export interface DeletionModalProps {
  /** The customers to delete, 1 to 50. */
  customers: Customer[];
  api: ApiPort;
  /**
   * The troubleshooting helper behind "Didn't get the code?", usually
   * `TroubleshootingHelper`. The content script passes one that loads the
   * helper's script on demand, to keep it out of the script every page loads.
   */
  helper: ComponentType<TroubleshootingHelperProps>;
  /** Called once the API approved the deletion; the caller lets the CRM delete and closes the modal. */
  onApproved(result: CreateDeletionResponse, request: CreateDeletionRequest): void;
  /** Called on Cancel or Escape; nothing was deleted. */
  onClose(): void;
  /** An http(s) page where users can ask for help; shown as "Contact support". */
  supportUrl?: string;
  /** The CRM page the deletion started on, stored in the audit trail. */
  pageUrl?: string;
  /** Remembers the last accepted code so it is filled in next time while it still works. */
  codeMemory?: CodeMemory;
  /** Gets focus back when the modal closes; defaults to what had focus when it opened. */
  returnFocus?: HTMLElement;
  /** Settings and code status from an earlier load: the form shows at once and both are fetched again behind it. */
  cached?: CachedDeletionData;
  /** Called with the settings and code status whenever they change, and with undefined when loading failed, so the caller can cache them. */
  onDataChange?(data: CachedDeletionData | undefined): void;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

function toStatusAfterSend(status: OtpStatus, sent: SendOtpResponse): OtpStatus {
  return {
    ...status,
    active: true,
    sentTo: sent.sentTo,
    provider: sent.provider,
    issuedAt: sent.issuedAt,
    expiresAt: sent.expiresAt,
    maxUses: sent.maxUses,
    usesLeft: sent.usesLeft,
    attemptsLeft: undefined,
    resendAvailableAt: sent.resendAvailableAt,
  };
}

function findPageFocus(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

/**
 * Renders the Delete Guard confirmation dialog, where the user picks a reason,
 * types the confirmation word and enters the emailed code before the CRM may
 * delete. Focus stays inside while it is open and goes back to the opener afterwards.
 */
export function DeletionModal(props: DeletionModalProps) {
  const { customers, api, codeMemory, now, helper: Helper } = props;
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const retryRef = useRef<HTMLButtonElement>(null);
  const helpButtonRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLElement | null | undefined>(undefined);
  const releasedRef = useRef(false);
  const [view, setView] = useState<'form' | 'help'>('form');
  const [sentHere, setSentHere] = useState(false);

  if (openerRef.current === undefined) openerRef.current = props.returnFocus ?? findPageFocus();

  const { data, reload, refresh, updateStatus } = useDeletionData(
    api,
    (status) => {
      if (!status.active) codeMemory?.clear();
    },
    props.cached,
  );

  const restoreFocus = () => {
    // Released first, or the focus trap would pull focus straight back into the dialog.
    releasedRef.current = true;
    openerRef.current?.focus();
  };
  const close = () => {
    restoreFocus();
    props.onClose();
  };
  const handleTrapKeyDown = useFocusTrap(dialogRef, () => !releasedRef.current);

  // A layout effect focuses before the first paint, so the dialog is focused in
  // the frame that shows it. The form's own layout effect runs first and may
  // already have focused the Reason field, which keeps focus. preventScroll
  // spares a forced layout of the page: the dialog is fixed and always in view.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.contains(getActiveElement(dialog))) dialog.focus({ preventScroll: true });
    return () => restoreFocus();
  }, []);

  const onDataChange = props.onDataChange;
  useEffect(() => {
    if (data.phase === 'ready') onDataChange?.({ settings: data.settings, status: data.status });
    else if (data.phase === 'error') onDataChange?.(undefined);
  }, [data, onDataChange]);

  useEffect(() => {
    if (data.phase === 'error') retryRef.current?.focus();
  }, [data.phase]);

  const handleKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.isComposing) {
      event.preventDefault();
      close();
      return;
    }
    handleTrapKeyDown(event);
  };

  // Keys typed here must not reach the CRM page's own keyboard shortcuts.
  const stopKey = (event: KeyboardEvent) => event.stopPropagation();

  const closeHelp = () => {
    setView('form');
    void refresh();
    // Wait for the form to be shown again before focusing its button.
    setTimeout(() => helpButtonRef.current?.focus(), 0);
  };

  const title = customers.length === 1 ? 'Delete customer' : `Delete ${customers.length} customers`;

  return (
    <div class="dg-root dg-overlay" onKeyDown={stopKey} onKeyUp={stopKey} onKeyPress={stopKey}>
      <div
        ref={dialogRef}
        class="dg-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={handleKeyDown}
      >
        <h2 id={titleId} class="dg-title">
          {title}
        </h2>

        {data.phase === 'loading' && (
          <p class="dg-loading" role="status">
            Loading your account settings…
          </p>
        )}

        {data.phase === 'error' && (
          <div class="dg-body">
            <p role="alert" class="dg-alert">
              {data.message}
            </p>
            <div class="dg-actions">
              <button type="button" class="dg-button" onClick={close}>
                Cancel
              </button>
              <button type="button" class="dg-button dg-primary" ref={retryRef} onClick={reload}>
                Retry
              </button>
            </div>
          </div>
        )}

        {data.phase === 'ready' && (
          <>
            <DeletionForm
              customers={customers}
              api={api}
              settings={data.settings}
              status={data.status}
              sentHere={sentHere}
              codeMemory={codeMemory}
              pageUrl={props.pageUrl}
              hidden={view === 'help'}
              helpButtonRef={helpButtonRef}
              onCodeSent={(sent) => {
                setSentHere(true);
                updateStatus((status) => toStatusAfterSend(status, sent));
              }}
              onStatusChange={updateStatus}
              onApproved={props.onApproved}
              onCancel={close}
              onOpenHelp={() => setView('help')}
              now={now}
            />
            {view === 'help' && (
              <div class="dg-body">
                <Helper
                  api={api}
                  onClose={closeHelp}
                  closeLabel="Back"
                  onResent={() => {
                    codeMemory?.clear();
                    setSentHere(true);
                  }}
                  supportUrl={props.supportUrl}
                  now={now}
                />
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
