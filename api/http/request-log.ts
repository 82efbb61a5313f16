import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { createId } from '../ids.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Gives each request a child logger with a request id and logs one line when
 * it ends: method, path (never the query or body), status and duration.
 */
export function logRequests(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const requestId = createId('req');
    c.set('log', logger.child({ requestId }));
    await next();
    c.get('log').info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'Handled request',
    );
  };
}
