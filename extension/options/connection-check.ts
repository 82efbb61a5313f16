import type { Settings } from '../../shared/api/settings.ts';
import type { ApiResult } from '../lib/api-port.ts';
import { describeApiError } from '../components/messages.ts';

/** Prefix of support keys, which work only on the /v1/support routes. */
const SUPPORT_KEY_PREFIX = 'dg_support_';

/** Result line of Save on the options page: `ok` once the API accepted the saved URL and key. */
export interface ConnectionCheck {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * Turns the `GET /v1/settings` call made right after Save into the line the
 * options page shows: the company it reached, or what is wrong with the
 * saved URL or key. The settings are saved either way.
 */
export function describeConnectionCheck(result: ApiResult<Settings>, saved: { apiUrl: string; apiKey: string }): ConnectionCheck {
  if (result.ok) return { kind: 'ok', text: `Saved. Connected to ${result.data.company}.` };

  const { code } = result.error;
  if (code === 'API_KEY_MISSING') return { kind: 'error', text: 'Saved. Enter the API key to connect to Delete Guard.' };
  if (code === 'API_UNREACHABLE') {
    return { kind: 'error', text: `Saved, but can't reach ${saved.apiUrl}. Is the Delete Guard API running there?` };
  }
  if (result.status === 403 && saved.apiKey.startsWith(SUPPORT_KEY_PREFIX)) {
    return { kind: 'error', text: 'Saved, but this is a support key; paste it into Support key instead.' };
  }
  if (result.status === 401) {
    return { kind: 'error', text: `Saved, but the API at ${saved.apiUrl} did not accept this API key. Check the key, or ask for a new one.` };
  }
  return { kind: 'error', text: `Saved, but the connection check failed: ${describeApiError(result.error)}` };
}
