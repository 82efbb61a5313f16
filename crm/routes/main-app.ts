import { Hono } from 'hono';
import type { CrmDependencies, CrmEnv } from '../env.ts';
import { renderDocument } from '../html.ts';
import type { PageHooks } from '../page-hooks.ts';
import { pageHooksMiddleware } from '../page-middleware.ts';

// The shell is empty on purpose: app.js renders the list after load, as a
// hosted single-page CRM does, so the extension must cope with late rows.
const APP_SHELL = `<header class="app-header">
  <a class="brand" href="/" data-action="back-to-list">Stand-in CRM</a>
  <nav aria-label="Main"><a href="/" data-action="back-to-list">Customers</a> <a href="/saved">Saved pages</a></nav>
</header>
<main id="view" class="app-main"><p class="loading">Loading customers…</p></main>
<p id="status" class="status" role="status"></p>`;

/** Creates the routes that serve the single-page app shell for `/` and `/customers/:id`. */
export function createMainAppRoutes(dependencies: CrmDependencies): Hono<CrmEnv> {
  const routes = new Hono<CrmEnv>();
  const withHooks = pageHooksMiddleware(dependencies);

  const renderShell = (hooks: PageHooks) =>
    renderDocument({ title: 'Customers · Stand-in CRM', hooks, body: APP_SHELL, scripts: ['app.js'] });

  routes.get('/', withHooks, (c) => c.html(renderShell(c.get('hooks'))));
  routes.get('/customers/:id', withHooks, (c) => c.html(renderShell(c.get('hooks'))));
  return routes;
}
