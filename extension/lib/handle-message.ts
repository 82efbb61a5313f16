import type { ApiResult } from './api-port.ts';
import { callApi } from './api-client.ts';
import { toApiRoute } from './api-routes.ts';
import type { BackgroundMessage } from './messages.ts';
import { forgetPending, listPending, rememberPending } from './pending-outcomes.ts';
import { readProfileList } from './profile-store.ts';
import { apiKeyItem, apiUrlItem, supportContactItem, toSupportUrl } from './settings.ts';
import { handleSupportMessage } from './handle-support-message.ts';
import { injectHelperPanel, type MessageOrigin } from './inject-helper-panel.ts';

/**
 * Handles one message in the background service worker and returns its
 * `ApiResult`. The API key is read here and never leaves the worker.
 * `origin` is the sender's tab and frame, which only `guard:loadHelperPanel` reads.
 */
export async function handleMessage(message: BackgroundMessage, origin?: MessageOrigin): Promise<ApiResult<unknown>> {
  switch (message.type) {
    case 'outcome:remember':
      await rememberPending(message.pending);
      return { ok: true, data: null };
    case 'outcome:listPending':
      return { ok: true, data: await listPending(message.origin) };
    case 'guard:getSupportUrl':
      return { ok: true, data: toSupportUrl(await supportContactItem.getValue()) ?? null };
    case 'guard:loadHelperPanel':
      return injectHelperPanel(origin);
    case 'guard:getProfiles':
      // Validated here so the content script ships without zod; it gets a ProfileListResult.
      return { ok: true, data: await readProfileList() };
    case 'support:getStatus':
    case 'support:searchAccounts':
    case 'support:listDeliveries':
    case 'support:sendTestEmail':
      return handleSupportMessage(message);
    default:
      return callApiForMessage(message);
  }
}

async function callApiForMessage(message: Extract<BackgroundMessage, { type: `api:${string}` }>): Promise<ApiResult<unknown>> {
  const [apiUrl, apiKey] = await Promise.all([apiUrlItem.getValue(), apiKeyItem.getValue()]);
  const route = toApiRoute(message);
  const result = await callApi({ apiUrl, apiKey }, route.method, route.path, route.body);

  // A reported outcome, or one the API already has, no longer needs a later check.
  if (message.type === 'api:reportOutcome' && (result.ok || result.error.code === 'OUTCOME_ALREADY_SET')) {
    await forgetPending(message.deletionId);
  }
  if (!result.ok && result.error.code !== 'API_KEY_MISSING') {
    console.warn(`Delete Guard: ${route.method} ${route.path} failed with ${result.error.code} (HTTP ${result.status}).`);
  }
  return result;
}

/** Checks the shape of an incoming message before it is handled. */
export function isBackgroundMessage(value: unknown): value is BackgroundMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
