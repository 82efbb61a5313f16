import { apiErrorSchema } from '../../shared/api/error.ts';
import { ERROR_CODES } from '../../shared/errors.ts';
import type { ApiResult } from './api-port.ts';

/** Milliseconds one API request may take before it fails as API_UNREACHABLE. */
export const API_TIMEOUT_MS = 10_000;

/** Connection settings for {@link callApi}. */
export interface ApiConnection {
  apiUrl: string;
  apiKey: string;
  /** Defaults to the global `fetch`; tests pass a stub. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

function failure(status: number, code: string, message: string): ApiResult<never> {
  return { ok: false, status, error: { code, message } };
}

/**
 * Sends one request to the Delete Guard API with the bearer key and maps every
 * failure to an `ApiResult` error: API_KEY_MISSING when no key is set,
 * API_UNREACHABLE on network failure or timeout, and otherwise the API's own
 * error JSON. Never throws.
 */
export async function callApi<T>(connection: ApiConnection, method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  if (connection.apiKey.trim() === '') {
    return failure(0, 'API_KEY_MISSING', 'No API key is set. Open the Delete Guard options, enter the API key and click Save.');
  }

  let url: URL;
  try {
    url = new URL(path, connection.apiUrl);
  } catch {
    return failure(0, 'API_UNREACHABLE', `The API URL "${connection.apiUrl}" is invalid. Fix it in the Delete Guard options.`);
  }

  const headers: Record<string, string> = { Authorization: `Bearer ${connection.apiKey.trim()}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await (connection.fetch ?? fetch)(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(connection.timeoutMs ?? API_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'the request timed out' : describeError(error);
    return failure(0, 'API_UNREACHABLE', `Failed to reach the Delete Guard API at ${url.origin}: ${reason}. Check that the API is running and that the API URL in the options is right.`);
  }

  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, data: payload as T };

  const parsed = apiErrorSchema.safeParse(payload);
  if (parsed.success) return { ok: false, status: response.status, error: parsed.data.error };
  return failure(response.status, 'INTERNAL_ERROR', `${ERROR_CODES.INTERNAL_ERROR.message} The API answered HTTP ${response.status} without an error body.`);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
