import type { ApiResult } from './api-port.ts';
import { callApi } from './api-client.ts';
import type { SupportMessage } from './messages.ts';
import { apiUrlItem, supportKeyItem } from './settings.ts';

/**
 * Handles one support message in the background service worker: calls the
 * support route with the support key, which never leaves the worker.
 */
export async function handleSupportMessage(message: SupportMessage): Promise<ApiResult<unknown>> {
  const [apiUrl, supportKey] = await Promise.all([apiUrlItem.getValue(), supportKeyItem.getValue()]);
  if (message.type === 'support:getStatus') return { ok: true, data: { hasKey: supportKey.trim() !== '' } };
  if (supportKey.trim() === '') {
    return { ok: false, status: 0, error: { code: 'API_KEY_MISSING', message: 'No support key is set. Enter it in the Delete Guard options.' } };
  }

  const connection = { apiUrl, apiKey: supportKey };
  switch (message.type) {
    case 'support:searchAccounts':
      return callApi(connection, 'GET', `/v1/support/accounts?email=${encodeURIComponent(message.email)}`);
    case 'support:listDeliveries':
      return callApi(connection, 'GET', `/v1/support/accounts/${encodeURIComponent(message.accountId)}/deliveries`);
    case 'support:sendTestEmail':
      return callApi(connection, 'POST', `/v1/support/accounts/${encodeURIComponent(message.accountId)}/test-email`);
  }
}
