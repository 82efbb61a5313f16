import { describe, expect, test } from 'vitest';
import { callApi } from '../../extension/lib/api-client.ts';
import { toApiRoute } from '../../extension/lib/api-routes.ts';

const connection = { apiUrl: 'http://127.0.0.1:8787', apiKey: 'key_1' };

function stubFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>): typeof fetch {
  return ((url: URL, init: RequestInit) => Promise.resolve(respond(String(url), init))) as unknown as typeof globalThis.fetch;
}

describe('callApi', () => {
  test('sends bearer key and JSON body', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fetch = stubFetch((url, init) => {
      seen = { url, init };
      return Response.json({ ok: 1 }, { status: 201 });
    });

    const result = await callApi({ ...connection, fetch }, 'POST', '/v1/otp', {});

    expect(result).toEqual({ ok: true, data: { ok: 1 } });
    expect(seen?.url).toBe('http://127.0.0.1:8787/v1/otp');
    expect((seen?.init.headers as Record<string, string>).Authorization).toBe('Bearer key_1');
    expect(seen?.init.body).toBe('{}');
  });

  test('missing key fails before fetch', async () => {
    const fetch = stubFetch(() => {
      throw new Error('fetch must not run');
    });

    const result = await callApi({ ...connection, apiKey: ' ', fetch }, 'GET', '/v1/settings');

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('API_KEY_MISSING');
  });

  test('network failure is API_UNREACHABLE', async () => {
    const fetch = (() => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof globalThis.fetch;

    const result = await callApi({ ...connection, fetch }, 'GET', '/v1/settings');

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('API_UNREACHABLE');
    if (!result.ok) expect(result.error.message).toContain('fetch failed');
  });

  test('timeout is API_UNREACHABLE', async () => {
    const fetch = ((_url: URL, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as unknown as typeof globalThis.fetch;

    const result = await callApi({ ...connection, fetch, timeoutMs: 20 }, 'GET', '/v1/settings');

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('timed out');
  });

  test('API error JSON is passed through', async () => {
    const fetch = stubFetch(() => Response.json({ error: { code: 'OTP_INVALID', message: 'Wrong code.', attemptsLeft: 2 } }, { status: 403 }));

    const result = await callApi({ ...connection, fetch }, 'POST', '/v1/deletions', {});

    expect(result).toEqual({ ok: false, status: 403, error: { code: 'OTP_INVALID', message: 'Wrong code.', attemptsLeft: 2 } });
  });

  test('error without JSON body', async () => {
    const fetch = stubFetch(() => new Response('Bad gateway', { status: 502 }));

    const result = await callApi({ ...connection, fetch }, 'GET', '/v1/settings');

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.status).toBe(502);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL_ERROR');
  });
});

describe('toApiRoute', () => {
  test('outcome path escapes the id', () => {
    const route = toApiRoute({ type: 'api:reportOutcome', deletionId: 'del/1', report: { outcome: 'deleted' } });
    expect(route).toEqual({ method: 'POST', path: '/v1/deletions/del%2F1/outcome', body: { outcome: 'deleted' } });
  });

  test('company email routes', () => {
    expect(toApiRoute({ type: 'api:setCompanyEmail', email: 'a@b.test' })).toEqual({ method: 'PUT', path: '/v1/settings/company-email', body: { email: 'a@b.test' } });
    expect(toApiRoute({ type: 'api:verifyCompanyEmail', code: '1' }).path).toBe('/v1/settings/company-email/verify');
    expect(toApiRoute({ type: 'api:removeCompanyEmail' }).method).toBe('DELETE');
  });
});
