import { Hono } from 'hono';
import { z } from 'zod';
import { DEFAULT_CUSTOMER_COUNT, MAX_CUSTOMER_COUNT } from '../customers.ts';
import type { CrmDependencies } from '../env.ts';

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

  api.post('/reset', (c) => {
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
