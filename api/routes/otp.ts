import { Hono } from 'hono';
import { sendOtpRequestSchema } from '../../shared/api/otp.ts';
import { readAccountState } from '../domain/accounts.ts';
import { describeOtpStatus } from '../domain/otp-status.ts';
import { findDestination } from '../domain/destination.ts';
import { sendOtp } from '../domain/send-otp.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody } from '../http/json-body.ts';
import { requireAccount } from '../http/require-account.ts';
import type { AppServices } from '../services.ts';

/** Creates `POST /v1/otp` (send a new code) and `GET /v1/otp` (code state and the latest deliveries). */
export function createOtpRoutes(services: AppServices): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const auth = requireAccount(services.store);

  routes.post('/v1/otp', jsonBody(sendOtpRequestSchema, { optional: true }), auth, async (c) => {
    const response = await sendOtp(services, c.get('account').id, c.get('log'));
    return c.json(response, 201);
  });

  routes.get('/v1/otp', auth, async (c) => {
    const account = c.get('account');
    const [state, provider] = await Promise.all([
      readAccountState(services.store, account.id),
      services.providerDetector.detect(findDestination(account)),
    ]);
    return c.json(describeOtpStatus(state, services.config, services.clock.now(), provider));
  });

  return routes;
}
