import { Hono } from 'hono';
import { sendOtpRequestSchema } from '../../shared/api/otp.ts';
import type { AppDeps } from '../deps.ts';
import { describeOtpStatus } from '../domain/otp-status.ts';
import { sendOtp } from '../domain/send-otp.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody } from '../http/json-body.ts';
import { requireAccount } from '../http/require-account.ts';

/** Creates `POST /v1/otp` (send a new code) and `GET /v1/otp` (code state). */
export function createOtpRoutes(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const auth = requireAccount(deps.store);

  routes.post('/v1/otp', jsonBody(sendOtpRequestSchema, { optional: true }), auth, async (c) => {
    const response = await sendOtp(deps, c.get('account').id, c.get('log'));
    return c.json(response, 201);
  });

  routes.get('/v1/otp', auth, async (c) => {
    const data = await deps.store.read();
    return c.json(describeOtpStatus(data, c.get('account'), deps.config, deps.clock.now()));
  });

  return routes;
}
