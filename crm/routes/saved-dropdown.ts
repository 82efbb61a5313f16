import { Hono } from 'hono';
import type { Customer } from '../customers.ts';
import type { CrmDependencies, CrmEnv } from '../env.ts';
import { escapeHtml, renderDocument } from '../html.ts';
import { pageHooksMiddleware } from '../page-middleware.ts';

/** Path of the saved page with a "More actions" menu per row. */
export const DROPDOWN_PAGE_PATH = '/saved/dropdown';

// The class names imitate CSS-in-JS output and the ids repeat on every row, as
// on real React CRMs, so an extension cannot rely on either being meaningful.
function renderRow(customer: Customer): string {
  const name = escapeHtml(customer.name);
  return `<div class="css-1x9f2a" role="row">
  <div class="css-4hd0p1" role="cell"><a id="contact-name" class="css-93jd0s" href="/customers/${escapeHtml(customer.id)}">${name}</a></div>
  <div class="css-4hd0p1 css-b7e2k0" role="cell" id="contact-email">${escapeHtml(customer.email)}</div>
  <div class="css-4hd0p1 css-r1t8mw" role="cell"><button id="row-actions" class="css-p0q8ze" type="button" aria-label="More actions" aria-haspopup="menu" aria-expanded="false">⋯</button></div>
</div>`;
}

/** Creates the `/saved/dropdown` page. Deletion goes through `DELETE /api/customers/:id` from dropdown.js. */
export function createDropdownRoutes(dependencies: CrmDependencies): Hono<CrmEnv> {
  const routes = new Hono<CrmEnv>();

  routes.get(DROPDOWN_PAGE_PATH, pageHooksMiddleware(dependencies), (c) => {
    const rows = dependencies.store.list().map(renderRow).join('\n');
    const body = `<div class="css-8k2mzq">
<h1 class="css-1q9v3c">Contacts</h1>
<div class="css-z3m1vd" role="table" aria-label="Contacts">
<div class="css-1x9f2a css-h3a0dd" role="row"><div class="css-4hd0p1" role="columnheader">Name</div><div class="css-4hd0p1" role="columnheader">Email</div><div class="css-4hd0p1" role="columnheader"><span class="css-vh0001">Actions</span></div></div>
<div class="css-g5q2tt" role="rowgroup">
${rows}
</div>
</div>
<p id="toast" class="css-t0a5t1" role="status"></p>
</div>`;

    return c.html(
      renderDocument({ title: 'Contacts', hooks: c.get('hooks'), body, scripts: ['dropdown.js'], stylesheet: 'dropdown.css' }),
    );
  });

  return routes;
}
