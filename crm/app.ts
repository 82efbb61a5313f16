import { Hono } from 'hono';
import type { CrmDependencies, CrmEnv } from './env.ts';
import { createApiRoutes } from './routes/api.ts';
import { createMainAppRoutes } from './routes/main-app.ts';
import { createConfirmFormRoutes } from './routes/saved-confirm-form.ts';
import { createDeleteLinkRoutes } from './routes/saved-delete-link.ts';
import { createDropdownRoutes } from './routes/saved-dropdown.ts';
import { createSavedIndexRoutes } from './routes/saved-index.ts';
import { createStaticRoutes } from './routes/static.ts';

/** Builds the Hono app with every page, the JSON API and the static browser files. */
export async function createCrmApp(dependencies: CrmDependencies): Promise<Hono<CrmEnv>> {
  const app = new Hono<CrmEnv>();

  app.route('/api', createApiRoutes(dependencies));
  app.route('/static', await createStaticRoutes());
  app.route('/', createMainAppRoutes(dependencies));
  app.route('/', createSavedIndexRoutes(dependencies));
  app.route('/', createDropdownRoutes(dependencies));
  app.route('/', createConfirmFormRoutes(dependencies));
  app.route('/', createDeleteLinkRoutes(dependencies));

  app.onError((error, c) => {
    dependencies.logger.error({ err: error, method: c.req.method, path: c.req.path }, 'Failed to handle request');
    return c.text(`Failed to handle ${c.req.method} ${c.req.path}: internal error.`, 500);
  });

  return app;
}
