import { Hono } from 'hono';
import type { CrmDependencies, CrmEnv } from '../env.ts';
import { renderDocument } from '../html.ts';
import { pageHooksMiddleware } from '../page-middleware.ts';
import { CONFIRM_FORM_PAGE_PATH } from './saved-confirm-form.ts';
import { DELETE_LINK_PAGE_PATH } from './saved-delete-link.ts';
import { DROPDOWN_PAGE_PATH } from './saved-dropdown.ts';

/** Creates `/saved`, an index that links the three saved pages for the demo. */
export function createSavedIndexRoutes(dependencies: CrmDependencies): Hono<CrmEnv> {
  const routes = new Hono<CrmEnv>();

  routes.get('/saved', pageHooksMiddleware(dependencies), (c) => {
    const body = `<main class="app-main">
<h1>Saved pages shaped like real CRMs</h1>
<ul>
<li><a href="${DROPDOWN_PAGE_PATH}">Dropdown menu</a>: "More actions" opens a portal menu whose Delete acts on mousedown.</li>
<li><a href="${CONFIRM_FORM_PAGE_PATH}">Confirm and form</a>: Delete asks <code>window.confirm</code>, then posts a hidden form.</li>
<li><a href="${DELETE_LINK_PAGE_PATH}">Delete link</a>: Delete is a plain link that deletes on GET.</li>
</ul>
<p><a href="/">Back to the customer list</a></p>
</main>`;
    return c.html(renderDocument({ title: 'Saved pages', hooks: c.get('hooks'), body }));
  });

  return routes;
}
