import { Hono } from 'hono';
import { z } from 'zod';
import { DEFAULT_CUSTOMER_COUNT, MAX_CUSTOMER_COUNT } from '../customers.ts';
import type { CrmDependencies } from '../env.ts';

/** Maximum length of a customer name in `POST /api/reset`, large enough to test how pages show very long names. */
const MAX_SEED_NAME_LENGTH = 20_000;

const resetBodySchema = z.object({
  customers: z
    .array(
      z.object({
        name: z.string().max(MAX_SEED_NAME_LENGTH),
        email: z.string().max(320).default(''),
      }),
    )
    .max(MAX_CUSTOMER_COUNT),
});

const resetQuerySchema = z.object({
  count: z.coerce.number().int().min(0).max(MAX_CUSTOMER_COUNT).default(DEFAULT_CUSTOMER_COUNT),
});

/**
 * Creates the JSON API under `/api`: list, read and delete customers, and reset
 * the seed. Every page of the stand-in CRM shares this one customer table.
 */
export function createApiRoutes({ store, logger }: CrmDependencies): Hono {
  const api = new Hono();

  api.get('/customers', (c) => c.json({ customers: store.list() }));

  api.get('/customers/:id', (c) => {
    const id = c.req.param('id');
    const customer = store.get(id);
    if (!customer) {
      return c.json({ error: `Customer not found: no customer has id "${id}".` }, 404);
    }
    return c.json({ customer });
  });

  api.delete('/customers/:id', (c) => {
    const id = c.req.param('id');
    const customer = store.delete(id);
    if (!customer) {
      logger.warn({ customerId: id, via: 'api' }, 'Failed to delete customer: not found');
      return c.json({ error: `Failed to delete customer: no customer has id "${id}".` }, 404);
    }

    logger.info({ customerId: id, via: 'api' }, 'Deleted customer');
    return c.body(null, 204);
  });

  api.post('/reset', async (c) => {
    if (c.req.header('Content-Type')?.startsWith('application/json')) {
      const body = resetBodySchema.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success) {
        const issue = body.error.issues[0];
        logger.warn({ path: issue?.path.join('.') }, 'Failed to replace customers: invalid body');
        return c.json({ error: `Failed to reset customers: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid JSON'}.` }, 400);
      }
      store.replace(body.data.customers);
      logger.info({ count: body.data.customers.length }, 'Replaced customers');
      return c.json({ count: body.data.customers.length });
    }

    const parsed = resetQuerySchema.safeParse(c.req.query());
    if (!parsed.success) {
      return c.json({ error: `Failed to reset customers: count must be an integer from 0 to ${MAX_CUSTOMER_COUNT}.` }, 400);
    }

    store.reset(parsed.data.count);
    logger.info({ count: parsed.data.count }, 'Reset customers');
    return c.json({ count: parsed.data.count });
  });

  return api;
}
