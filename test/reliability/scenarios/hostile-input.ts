import fc from 'fast-check';
import { apiErrorSchema } from '../../../shared/api/error.ts';
import type { JsonAccountStore } from '../../../api/store/json/json-account-store.ts';
import { diffStoreFiles, readStoreFiles } from '../helpers/data-file.ts';
import { createInProcessApp } from '../helpers/in-process-app.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

/** Requests sent by the fuzzing scenario. */
export const FUZZ_REQUESTS = 10_000;

// Error codes of requests rejected before any store change. A wrong code or
// a wrong verification code is a rejection too, but it counts an attempt, so
// the store may change for those.
const NO_WRITE_CODES = new Set([
  'VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'UNAUTHORIZED', 'FORBIDDEN',
  'NOT_FOUND', 'INVALID_REASON', 'NOTE_REQUIRED', 'CONFIRMATION_MISMATCH', 'NO_ACTIVE_OTP', 'NO_PENDING_EMAIL', 'OUTCOME_ALREADY_SET',
]);

const ROUTES: ReadonlyArray<[string, string]> = [
  ['POST', '/v1/otp'],
  ['GET', '/v1/otp'],
  ['POST', '/v1/deletions'],
  ['GET', '/v1/deletions'],
  ['POST', '/v1/deletions/{id}/outcome'],
  ['GET', '/v1/settings'],
  ['PUT', '/v1/settings/company-email'],
  ['POST', '/v1/settings/company-email/verify'],
  ['DELETE', '/v1/settings/company-email'],
  ['GET', '/v1/support/accounts'],
  ['GET', '/health'],
  ['PATCH', '/v1/otp'],
];

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Any JSON text, with prototype keys and deep nesting mixed in. */
function hostileJsonText(): fc.Arbitrary<string> {
  const key = fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_KEYS, 'customers', 'otp', 'reason', 'email', 'code', 'outcome'));
  const leaf = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    // Long strings are a short random piece repeated, which generates far faster than 20 000 random characters.
    fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), fc.integer({ min: 250, max: 2_500 })).map(([piece, times]) => piece.repeat(times)),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('\r\nBcc: victim@evil.test', 'a@b.test, c@d.test', '\u0000', '\uD800', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '../../etc/passwd'),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
  })).node;
  const shaped = fc.record(
    {
      customers: fc.oneof(value, fc.array(fc.record({ id: leaf, name: leaf }, { requiredKeys: [] }), { maxLength: 60 })),
      reason: value,
      confirmation: value,
      otp: value,
      note: value,
      email: value,
      code: value,
      outcome: fc.oneof(value, fc.constantFrom('deleted', 'failed')),
    },
    { requiredKeys: [] },
  );
  const deep = fc.integer({ min: 100, max: 5_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
  const deepObject = fc.integer({ min: 100, max: 2_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  const protoText = fc.constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}');
  const broken = fc.oneof(fc.string(), fc.constantFrom('{', '{"a":', 'nul', '\uFEFF{}', '[]', '""', '0'));
  // An object literal cannot hold an own "__proto__" key, so it is spliced into the text.
  const shapedWithProto = fc.tuple(shaped, value).map(([item, proto]) => `{"__proto__":${JSON.stringify(proto) ?? 'null'},"constructor":{"prototype":{"polluted":1}},${JSON.stringify(item).slice(1)}`.replace(/,}$/, '}'));
  return fc.oneof(value.map((item) => JSON.stringify(item) ?? 'null'), shaped.map((item) => JSON.stringify(item)), shapedWithProto, deep, deepObject, protoText, broken);
}

/** Generates one request: route, path parameter, query, body, content type and key. */
function hostileRequest(apiKey: string) {
  const header = fc.string({ maxLength: 200 }).map((text) => text.replace(/[^\x20-\x7e]/g, ''));
  return fc.record({
    route: fc.constantFrom(...ROUTES),
    id: fc.oneof(fc.string(), fc.constantFrom(...PROTOTYPE_KEYS, '..', '%2e%2e', 'del_x')).map(encodeURIComponent),
    query: fc.oneof(fc.constant(''), fc.dictionary(fc.constantFrom('limit', 'before', '__proto__', 'q'), fc.string()).map((entries) => new URLSearchParams(entries).toString())),
    body: fc.option(hostileJsonText(), { nil: undefined }),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'APPLICATION/JSON', ''),
    key: fc.oneof(fc.constant(apiKey), fc.constant(apiKey), fc.constant(''), header, fc.constant(`${apiKey}x`)),
  });
}

/**
 * Sends 10 000 generated requests to every route of the in-process app:
 * random JSON, wrong types, long strings, deep nesting, Unicode and
 * prototype keys. No response may be a 5xx or lack the security headers,
 * every error must have the error shape, and requests rejected before any
 * change must leave both files of the store (the hot-state document and the
 * audit log segments) byte for byte as they were.
 */
export async function runHostileInputScenario(): Promise<ScenarioRow> {
  const { app, dataFile, apiKey, store, close } = await createInProcessApp({ OTP_RESEND_SECONDS: 1 });
  const wrong: string[] = [];
  let operations = 0;

  try {
    await fc.assert(
      fc.asyncProperty(hostileRequest(apiKey), async (request) => {
        operations += 1;
        const [method, template] = request.route;
        const path = template.replace('{id}', request.id) + (request.query ? `?${request.query}` : '');
        const headers: Record<string, string> = {};
        if (request.key !== '') headers.Authorization = `Bearer ${request.key}`;
        if (request.contentType !== '') headers['Content-Type'] = request.contentType;

        // The document is rewritten in the background after an accepted write,
        // so it is brought up to date first to keep that rewrite out of this request.
        await (store as JsonAccountStore).writeDocumentNow();
        const before = await readStoreFiles(dataFile);
        const response = await app.request(path, { method, headers, ...(request.body !== undefined && method !== 'GET' ? { body: request.body } : {}) });
        const text = await response.text();
        const describe = `${method} ${path.slice(0, 80)} -> ${response.status}`;

        if (response.status >= 500) wrong.push(`${describe}: ${text.slice(0, 200)}`);
        // The security headers and Vary: Origin belong on every response, errors included.
        if (response.headers.get('x-content-type-options') !== 'nosniff') wrong.push(`${describe}: X-Content-Type-Options is missing`);
        if (!(response.headers.get('vary') ?? '').includes('Origin')) wrong.push(`${describe}: Vary: Origin is missing`);
        if (response.status >= 400) {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            wrong.push(`${describe}: the error body is not JSON`);
            return;
          }
          const parsed = apiErrorSchema.safeParse(body);
          if (!parsed.success) {
            wrong.push(`${describe}: the error body lacks the error shape`);
            return;
          }
          if (NO_WRITE_CODES.has(parsed.data.error.code)) {
            const changed = diffStoreFiles(before, await readStoreFiles(dataFile));
            if (changed.length > 0) wrong.push(`${describe}: ${parsed.data.error.code} changed ${changed.join(', ')}`);
          }
        }
      }),
      { numRuns: FUZZ_REQUESTS },
    );
  } finally {
    await close();
  }

  if (({} as Record<string, unknown>).polluted !== undefined) wrong.push('Object.prototype was polluted');
  return { scenario: 'hostile input (fast-check)', operations, faultsInjected: operations, wrongOutcomes: wrong, lostWrites: [] };
}
