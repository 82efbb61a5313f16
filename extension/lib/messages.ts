import type { CreateDeletionRequest, ReportOutcomeRequest } from '../../shared/api/deletions.ts';

/**
 * Messages that the content script and extension pages send to the background
 * service worker. Every `api:` message returns an `ApiResult`.
 */
export type BackgroundMessage =
  | { type: 'api:getSettings' }
  | { type: 'api:getOtpStatus' }
  | { type: 'api:sendOtp' }
  | { type: 'api:createDeletion'; request: CreateDeletionRequest }
  | { type: 'api:reportOutcome'; deletionId: string; report: ReportOutcomeRequest }
  | { type: 'api:listDeletions'; limit: number; before?: string }
  | { type: 'api:setCompanyEmail'; email: string }
  | { type: 'api:verifyCompanyEmail'; code: string }
  | { type: 'api:removeCompanyEmail' }
  | { type: 'outcome:remember'; pending: PendingOutcome[] }
  | { type: 'outcome:listPending'; origin: string }
  | { type: 'guard:getSupportUrl' }
  | { type: 'guard:getProfiles' }
  | { type: 'guard:loadHelperPanel' }
  | SupportMessage;

/**
 * Messages of the support tools on the troubleshooting page. The background
 * worker sends them with the support key; each returns an `ApiResult`.
 * `support:getStatus` returns `{ hasKey }` without calling the API.
 */
export type SupportMessage =
  | { type: 'support:getStatus' }
  | { type: 'support:searchAccounts'; email: string }
  | { type: 'support:listDeliveries'; accountId: string }
  | { type: 'support:sendTestEmail'; accountId: string };

/** An approved deletion whose outcome is not reported yet, kept across page loads. */
export interface PendingOutcome {
  deletionId: string;
  customerId: string;
  profileId: string;
  /** Origin of the page the delete ran on; the next load of that origin checks it. */
  origin: string;
  /** Epoch milliseconds after which the outcome counts as `failed`. */
  deadline: number;
}

/** Message type prefix shared by every API call. */
export const API_MESSAGE_PREFIX = 'api:';
