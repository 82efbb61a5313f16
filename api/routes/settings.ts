import { Hono } from 'hono';
import { setCompanyEmailRequestSchema, verifyCompanyEmailRequestSchema } from '../../shared/api/settings.ts';
import { removeCompanyEmail } from '../domain/remove-company-email.ts';
import { requestCompanyEmail } from '../domain/request-company-email.ts';
import { describeSettings } from '../domain/settings-view.ts';
import { verifyCompanyEmail } from '../domain/verify-company-email.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody } from '../http/json-body.ts';
import { requireAccount } from '../http/require-account.ts';
import type { AppServices } from '../services.ts';
import type { Account } from '../store/schema.ts';
import { findDestination } from '../domain/destination.ts';

/** Creates the settings routes, including the company email verification flow. */
export function createSettingsRoutes(deps: AppServices): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const auth = requireAccount(deps.store);
  const describe = async (account: Account) =>
    describeSettings(account, deps.config, await deps.providerDetector.detect(findDestination(account)));

  routes.get('/v1/settings', auth, async (c) => c.json(await describe(c.get('account'))));

  routes.put('/v1/settings/company-email', jsonBody(setCompanyEmailRequestSchema), auth, async (c) => {
    const { email } = c.get('body') as { email: string };
    const response = await requestCompanyEmail(deps, c.get('account').id, email, c.get('log'));
    return c.json(response, 202);
  });

  routes.post('/v1/settings/company-email/verify', jsonBody(verifyCompanyEmailRequestSchema), auth, async (c) => {
    const { code } = c.get('body') as { code: string };
    const account = await verifyCompanyEmail(deps, c.get('account').id, code, c.get('log'));
    return c.json(await describe(account));
  });

  routes.delete('/v1/settings/company-email', auth, async (c) => {
    const account = await removeCompanyEmail(deps, c.get('account').id, c.get('log'));
    return c.json(await describe(account));
  });

  return routes;
}
