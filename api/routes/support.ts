import { Hono } from 'hono';
import { supportEventsQuerySchema, supportSearchQuerySchema } from '../../shared/api/support.ts';
import { listDeliveriesForSupport, searchAccounts } from '../domain/support-accounts.ts';
import { listSupportEvents } from '../domain/support-audit.ts';
import { sendTestEmail } from '../domain/support-test-email.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireSupport } from '../http/require-account.ts';
import { parseOrFail } from '../http/validation.ts';
import type { AppServices } from '../services.ts';

/**
 * Creates the support routes, for support keys only: search accounts by
 * email, read an account's deliveries, send it a test email, and read the
 * audit trail that every one of those actions is written to.
 */
export function createSupportRoutes(services: AppServices): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const auth = requireSupport(services.store);

  routes.get('/v1/support/accounts', auth, async (c) => {
    const { email } = parseOrFail(supportSearchQuerySchema, c.req.query());
    const accounts = await searchAccounts(services, c.get('supportKey'), email);
    return c.json({ accounts });
  });

  routes.get('/v1/support/accounts/:id/deliveries', auth, async (c) => {
    const deliveries = await listDeliveriesForSupport(services, c.get('supportKey'), c.req.param('id'));
    return c.json({ deliveries });
  });

  routes.post('/v1/support/accounts/:id/test-email', auth, async (c) => {
    const delivery = await sendTestEmail(services, c.get('supportKey'), c.req.param('id'), c.get('log'));
    return c.json({ delivery }, 201);
  });

  routes.get('/v1/support/events', auth, async (c) => {
    const { accountId } = parseOrFail(supportEventsQuerySchema, c.req.query());
    return c.json({ events: await listSupportEvents(services, accountId) });
  });

  return routes;
}
