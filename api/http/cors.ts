import type { MiddlewareHandler } from 'hono';

/** Settings of {@link allowCrossOrigin}. */
export interface CrossOriginOptions {
  /** Origins that get CORS headers; every other origin gets none. */
  origins: readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  /** Preflight cache lifetime, in seconds. */
  maxAgeSeconds: number;
}

/**
 * CORS with the headers of Hono's `cors` middleware for a list of origins,
 * set on the response only after the handler ran.
 *
 * Hono's `cors` (4.13) touches `c.res` before the handler and calls
 * `c.header` after it. On @hono/node-server 2.1 either one turns the
 * handler's response into a full WHATWG Response, which is then sent through
 * a ReadableStream instead of being written from its cached string.
 * Setting `c.res.headers` after `next()` keeps that fast path.
 */
export function allowCrossOrigin(options: CrossOriginOptions): MiddlewareHandler {
  const allowMethods = options.allowMethods.join(',');
  const allowHeaders = options.allowHeaders.join(',');
  const exposeHeaders = options.exposeHeaders.join(',');

  return async (c, next) => {
    const origin = c.req.header('Origin') ?? '';
    const allowedOrigin = options.origins.includes(origin) ? origin : null;

    if (c.req.method === 'OPTIONS') {
      const headers = new Headers();
      if (allowedOrigin) headers.set('Access-Control-Allow-Origin', allowedOrigin);
      if (exposeHeaders) headers.set('Access-Control-Expose-Headers', exposeHeaders);
      headers.append('Vary', 'Origin');
      headers.set('Access-Control-Max-Age', String(options.maxAgeSeconds));
      if (allowMethods) headers.set('Access-Control-Allow-Methods', allowMethods);
      if (allowHeaders) {
        headers.set('Access-Control-Allow-Headers', allowHeaders);
        headers.append('Vary', 'Access-Control-Request-Headers');
      }
      return new Response(null, { status: 204, statusText: 'No Content', headers });
    }

    await next();
    const headers = c.res.headers;
    if (allowedOrigin) headers.set('Access-Control-Allow-Origin', allowedOrigin);
    if (exposeHeaders) headers.set('Access-Control-Expose-Headers', exposeHeaders);
    headers.append('Vary', 'Origin');
  };
}
