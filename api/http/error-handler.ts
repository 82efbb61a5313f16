import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StoreUnavailableError } from '../store/errors.ts';
import { ApiFailure } from './api-failure.ts';
import type { AppEnv } from './app-env.ts';

/** Renders a failure in the API error shape with its status and headers. */
export function renderFailure(c: Context, failure: ApiFailure): Response {
  return c.json(failure.toBody(), failure.status as ContentfulStatusCode, failure.headers);
}

/**
 * Renders every error of the app. A known failure keeps its code, a store
 * failure becomes 503 STORE_UNAVAILABLE, and anything else is logged and
 * becomes 500 INTERNAL_ERROR.
 */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  const log = c.get('log');
  if (error instanceof ApiFailure) return renderFailure(c, error);

  if (error instanceof StoreUnavailableError) {
    log.error({ err: error }, 'Failed to use the data file');
    return renderFailure(c, new ApiFailure('STORE_UNAVAILABLE'));
  }
  if (error instanceof HTTPException && error.status === 413) {
    return renderFailure(c, new ApiFailure('PAYLOAD_TOO_LARGE'));
  }
  if (error instanceof HTTPException && error.status < 500) {
    return renderFailure(c, new ApiFailure('VALIDATION_FAILED', { issues: [{ path: '', message: error.message }] }));
  }

  log.error({ err: error }, 'Failed to handle the request');
  return renderFailure(c, new ApiFailure('INTERNAL_ERROR'));
}
