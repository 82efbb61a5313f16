import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.ts';

let h: Harness;

beforeEach(async () => {
  h = await createHarness({ config: { CORS_ORIGINS: ['https://crm.example.test'] } });
});
afterEach(async () => {
  await h.close();
});

async function send(path: string, init: { body?: string; contentType?: string | null; method?: string }) {
  const headers: Record<string, string> = { Authorization: `Bearer ${h.apiKey}` };
  if (init.contentType !== null) headers['Content-Type'] = init.contentType ?? 'application/json';
  const response = await h.app.request(path, { method: init.method ?? 'POST', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  return { status: response.status, json: (await response.json()) as { error: Record<string, unknown> } };
}

describe('malformed requests', () => {
  const validBody = (otp: string) =>
    JSON.stringify({ customers: [{ id: 'c1', name: 'A' }], reason: 'Duplicate record', confirmation: 'DELETE', otp });

  it('rejects each before counting an attempt or writing', async () => {
    const { code } = await h.sendOtp();
    const stateBefore = await h.readState();

    const cases = [
      { name: 'malformed JSON', request: { body: '{"customers": [' }, status: 400, code: 'INVALID_JSON' },
      { name: 'empty body', request: { body: '' }, status: 400, code: 'INVALID_JSON' },
      { name: 'no body', request: {}, status: 400, code: 'INVALID_JSON' },
      { name: 'text content type', request: { body: validBody('000000'), contentType: 'text/plain' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { name: 'form content type', request: { body: 'otp=1', contentType: 'application/x-www-form-urlencoded' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { name: 'missing content type', request: { body: validBody('000000'), contentType: null }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { name: 'over 16 KB', request: { body: validBody('0'.repeat(20_000)) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
      { name: 'JSON array', request: { body: '[]' }, status: 400, code: 'VALIDATION_FAILED' },
      { name: 'unknown field', request: { body: JSON.stringify({ ...JSON.parse(validBody('1')), admin: true }) }, status: 400, code: 'VALIDATION_FAILED' },
    ];

    for (const testCase of cases) {
      const response = await send('/v1/deletions', testCase.request);
      expect(response.status, testCase.name).toBe(testCase.status);
      expect(response.json.error.code, testCase.name).toBe(testCase.code);
      expect(typeof response.json.error.message, testCase.name).toBe('string');
    }

    expect(await h.readState()).toEqual(stateBefore);
    expect((await h.call('GET', '/v1/otp')).json.attemptsLeft).toBe(5);
    expect((await h.confirm(code)).status).toBe(201);
  });

  it('lists field paths of validation issues', async () => {
    const response = await h.call('POST', '/v1/deletions', { customers: [{ id: '' }], reason: '', confirmation: 'DELETE' });
    expect(response.status).toBe(400);
    const paths = (response.json.error.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toContain('customers.0.id');
    expect(paths).toContain('reason');
    expect(paths).toContain('otp');
  });

  it('rejects a body over 16 KB without Content-Length', async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"note":"${'x'.repeat(17 * 1024)}"}`));
        controller.close();
      },
    });
    const response = await h.app.request('/v1/deletions', {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.apiKey}`, 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts POST /v1/otp with no body or {}', async () => {
    expect((await h.call('POST', '/v1/otp')).status).toBe(201);
    h.clock.advance(61_000);
    expect((await h.call('POST', '/v1/otp', {})).status).toBe(201);
    h.clock.advance(61_000);
    expect((await h.call('POST', '/v1/otp', { force: true })).status).toBe(400);
  });

  it('rejects an address with a line break or a second address', async () => {
    for (const email of ['a@b.test\nBcc: x@evil.test', 'a@b.test, c@d.test', 'A <a@b.test>', 'a@b.test\r\n']) {
      const response = await h.call('PUT', '/v1/settings/company-email', { email });
      expect(response.status, JSON.stringify(email)).toBe(400);
      expect(response.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect(h.sink.messages).toHaveLength(0);
  });
});

describe('authentication', () => {
  it('returns the same 401 for missing, unknown and wrong keys', async () => {
    const wrongKey = `${h.apiKey.slice(0, -2)}xx`;
    const bodies: string[] = [];
    for (const key of [null, 'dg_live_unknown', wrongKey, '']) {
      const response = await h.app.request('/v1/settings', { headers: key === null ? {} : { Authorization: `Bearer ${key}` } });
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
      bodies.push(await response.text());
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!).error.code).toBe('UNAUTHORIZED');
  });

  it('protects every /v1 route', async () => {
    const routes: [string, string][] = [
      ['GET', '/v1/otp'], ['POST', '/v1/otp'], ['GET', '/v1/deletions'], ['GET', '/v1/settings'],
      ['DELETE', '/v1/settings/company-email'],
    ];
    for (const [method, path] of routes) {
      expect((await h.call(method, path, undefined, null)).status, `${method} ${path}`).toBe(401);
    }
    expect((await h.call('POST', '/v1/deletions/x/outcome', { outcome: 'deleted' }, null)).status).toBe(401);
    expect((await h.call('POST', '/v1/settings/company-email/verify', { code: '1' }, null)).status).toBe(401);
  });
});

describe('plain routes', () => {
  it('serves health without a key', async () => {
    const response = await h.call('GET', '/health', undefined, null);
    expect(response.status).toBe(200);
    expect(response.json.ok).toBe(true);
    expect(typeof response.json.version).toBe('string');
  });

  it('returns unknown routes in the error shape', async () => {
    const response = await h.call('GET', '/v2/nothing');
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('NOT_FOUND');
  });

  it('allows only listed CORS origins', async () => {
    const allowed = await h.app.request('/health', { headers: { Origin: 'https://crm.example.test' } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://crm.example.test');
    expect(allowed.headers.get('Vary')).toContain('Origin');

    const other = await h.app.request('/health', { headers: { Origin: 'https://evil.test' } });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(other.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('answers CORS preflight requests', async () => {
    const preflight = await h.app.request('/v1/deletions', {
      method: 'OPTIONS',
      headers: { Origin: 'https://crm.example.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://crm.example.test');
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('GET,POST,PUT,DELETE');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toBe('Authorization,Content-Type');
    expect(preflight.headers.get('Access-Control-Max-Age')).toBe('600');
    expect(preflight.headers.get('Vary')).toBe('Origin, Access-Control-Request-Headers');
    expect(preflight.headers.get('X-Content-Type-Options')).toBe('nosniff');

    const other = await h.app.request('/v1/deletions', { method: 'OPTIONS', headers: { Origin: 'https://evil.test' } });
    expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('exposes Retry-After to listed origins', async () => {
    const response = await h.app.request('/health', { headers: { Origin: 'https://crm.example.test' } });
    expect(response.headers.get('Access-Control-Expose-Headers')).toBe('Retry-After');
  });
});
