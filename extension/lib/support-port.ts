import type { SupportAccountsResponse, SupportDeliveriesResponse, SupportTestEmailResponse } from '../../shared/api/support.ts';
import type { ApiResult } from './api-port.ts';
import { sendBackgroundMessage } from './message-api-port.ts';

/** The support operations of the troubleshooting page. Each is a message to the background worker, which stores the support key. */
export interface SupportPort {
  getStatus(): Promise<ApiResult<{ hasKey: boolean }>>;
  searchAccounts(email: string): Promise<ApiResult<SupportAccountsResponse>>;
  listDeliveries(accountId: string): Promise<ApiResult<SupportDeliveriesResponse>>;
  sendTestEmail(accountId: string): Promise<ApiResult<SupportTestEmailResponse>>;
}

/** Creates the {@link SupportPort} for extension pages. */
export function createMessageSupportPort(): SupportPort {
  return {
    getStatus: () => sendBackgroundMessage({ type: 'support:getStatus' }),
    searchAccounts: (email) => sendBackgroundMessage({ type: 'support:searchAccounts', email }),
    listDeliveries: (accountId) => sendBackgroundMessage({ type: 'support:listDeliveries', accountId }),
    sendTestEmail: (accountId) => sendBackgroundMessage({ type: 'support:sendTestEmail', accountId }),
  };
}
