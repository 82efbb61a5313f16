import { createMiddleware } from 'hono/factory';
import type { CrmDependencies, CrmEnv } from './env.ts';
import { escapeHtml } from './html.ts';
import { parsePageHooks } from './page-hooks.ts';

/**
 * Creates middleware for HTML pages that parses the query hooks and responds with 400
 * when one is invalid. For `?count=N` it reseeds the store only when the last
 * seed had a different size, so reloading the page keeps earlier deletions.
 */
export function pageHooksMiddleware({ store, logger }: CrmDependencies) {
  return createMiddleware<CrmEnv>(async (c, next) => {
    const result = parsePageHooks(c.req.query());
    if ('error' in result) {
      logger.warn({ path: c.req.path, query: c.req.query() }, result.error);
      return c.html(`<!doctype html><title>Bad request</title><p>${escapeHtml(result.error)}</p>`, 400);
    }

    const { count } = result.hooks;
    if (count !== undefined && count !== store.seedCount) {
      store.reset(count);
      logger.info({ count, path: c.req.path }, 'Reseeded customers for ?count');
    }

    c.set('hooks', result.hooks);
    await next();
  });
}
