import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Rejects request bodies over `maxSize` bytes with `onError`. A declared
 * Content-Length is checked from the header alone, which Node's HTTP parser
 * enforces, so the body is never read here. A GET or HEAD without either
 * length header has no body. Every other request (a chunked body, or a
 * Request built in process without Content-Length) goes through Hono's
 * bodyLimit, which counts the bytes as they arrive.
 *
 * Hono's bodyLimit (4.13) reads `c.req.raw.body` first. On
 * @hono/node-server 2.1 that builds a full WHATWG Request for every request,
 * GET included, which took about a tenth of the API's CPU profile samples
 * under `npm run bench:api`.
 */
export function limitBodySize(maxSize: number, onError: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const countingLimit = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      return Number.parseInt(length, 10) > maxSize ? onError(c) : next();
    }
    if (length === undefined && c.req.header('Transfer-Encoding') === undefined && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    return countingLimit(c, next);
  };
}
