import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ApiFailure } from './api-failure.ts';
import type { AppEnv } from './app-env.ts';
import { parseOrFail } from './validation.ts';

/**
 * Reads the request body as JSON and validates it with `schema`; the result is
 * `c.get('body')`. Runs before authentication and before any store access, so
 * a malformed request changes nothing and counts as no attempt. The size limit
 * is enforced earlier by the app-wide body limit.
 * With `optional`, an empty body counts as `{}`.
 */
export function jsonBody(schema: z.ZodType, options: { optional?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const text = await c.req.text();

    let value: unknown;
    if (text.trim() === '') {
      if (!options.optional) {
        throw new ApiFailure('INVALID_JSON', {}, { message: 'The request body is empty. Send a JSON object.' });
      }
      value = {};
    } else {
      if (!isJsonContentType(c.req.header('Content-Type'))) throw new ApiFailure('UNSUPPORTED_MEDIA_TYPE');
      value = parseJson(text);
    }

    c.set('body', parseOrFail(schema, value));
    await next();
  };
}

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const mediaType = header.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiFailure('INVALID_JSON');
  }
}
