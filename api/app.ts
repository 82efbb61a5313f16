import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from './deps.ts';
import { ApiFailure } from './http/api-failure.ts';
import type { AppEnv } from './http/app-env.ts';
import { limitBodySize } from './http/body-limit.ts';
import { allowCrossOrigin } from './http/cors.ts';
import { handleError, renderFailure } from './http/error-handler.ts';
import { logRequests } from './http/request-log.ts';
import { createDeletionRoutes } from './routes/deletions.ts';
import { createHealthRoutes } from './routes/health.ts';
import { createOtpRoutes } from './routes/otp.ts';
import { createSettingsRoutes } from './routes/settings.ts';
import { createSupportRoutes } from './routes/support.ts';
import { createServices } from './services.ts';

export type { AppDeps } from './deps.ts';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Creates the Delete Guard API as a Hono app. Every error, including unknown
 * routes and oversized bodies, leaves in the shape `{error: {code, message}}`.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const services = createServices(deps);

  app.use(logRequests(deps.logger));
  app.use(secureHeaders());
  app.use(
    allowCrossOrigin({
      // Only listed origins get CORS headers; the list is empty by default.
      origins: deps.config.CORS_ORIGINS,
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['Retry-After'],
      maxAgeSeconds: 600,
    }),
  );
  app.use(limitBodySize(MAX_BODY_BYTES, (c) => renderFailure(c, new ApiFailure('PAYLOAD_TOO_LARGE'))));

  app.route('/', createHealthRoutes());
  app.route('/', createOtpRoutes(services));
  app.route('/', createDeletionRoutes(deps));
  app.route('/', createSettingsRoutes(services));
  app.route('/', createSupportRoutes(services));
  if (deps.devMailbox) app.route('/', deps.devMailbox);

  app.notFound((c) => renderFailure(c, new ApiFailure('NOT_FOUND')));
  app.onError(handleError);
  return app;
}
