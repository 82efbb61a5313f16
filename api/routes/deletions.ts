import { Hono } from 'hono';
import {
  createDeletionRequestSchema,
  listDeletionsQuerySchema,
  reportOutcomeRequestSchema,
  type CreateDeletionRequest,
  type ReportOutcomeRequest,
} from '../../shared/api/deletions.ts';
import type { AppDeps } from '../deps.ts';
import { confirmDeletions } from '../domain/confirm-deletions.ts';
import { listDeletions, reportOutcome } from '../domain/deletion-records.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonBody } from '../http/json-body.ts';
import { readRequester } from '../http/requester.ts';
import { requireAccount } from '../http/require-account.ts';
import { parseOrFail } from '../http/validation.ts';

/** Creates the deletion routes: confirm with a code, report an outcome, list the audit trail. */
export function createDeletionRoutes(deps: AppDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const auth = requireAccount(deps.store);

  routes.post('/v1/deletions', jsonBody(createDeletionRequestSchema), auth, async (c) => {
    const request = c.get('body') as CreateDeletionRequest;
    const response = await confirmDeletions(deps, c.get('account'), request, readRequester(c), c.get('log'));
    return c.json(response, 201);
  });

  routes.post('/v1/deletions/:id/outcome', jsonBody(reportOutcomeRequestSchema), auth, async (c) => {
    const report = c.get('body') as ReportOutcomeRequest;
    const record = await reportOutcome(deps, c.get('account').id, c.req.param('id'), report);
    c.get('log').info({ deletionId: record.id, outcome: record.outcome }, 'Recorded a deletion outcome');
    return c.json(record);
  });

  routes.get('/v1/deletions', auth, async (c) => {
    const query = parseOrFail(listDeletionsQuerySchema, c.req.query());
    return c.json(await listDeletions(deps, c.get('account').id, query.limit, query.before));
  });

  return routes;
}
