import type { ApiResult } from '../lib/api-port.ts';

/**
 * Runs one ApiPort call and turns a thrown error into a failed result, so the
 * components handle every failure in one place. A port should not throw, but a
 * message to a background worker that went away rejects instead of resolving.
 */
export async function callApi<T>(call: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  try {
    return await call();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    // Chrome's wording when the extension was reloaded or updated under an open page.
    const reloaded = /extension context invalidated|receiving end does not exist/i.test(text);
    return {
      ok: false,
      status: 0,
      error: { code: reloaded ? 'EXTENSION_RELOADED' : 'API_UNREACHABLE', message: text },
    };
  }
}
