import { Hono } from 'hono';
import type { Customer } from '../customers.ts';
import type { CrmDependencies, CrmEnv } from '../env.ts';
import { escapeHtml, renderDocument } from '../html.ts';
import { pageHooksMiddleware } from '../page-middleware.ts';
import { redirectBack } from './redirect-back.ts';

/** Path of the saved page whose Delete is a plain link. */
export const DELETE_LINK_PAGE_PATH = '/saved/delete-link';

function renderRow(customer: Customer): string {
  const deleteHref = `${DELETE_LINK_PAGE_PATH}/delete?id=${encodeURIComponent(customer.id)}`;
  return `<li class="customer"><span class="customer-name">${escapeHtml(customer.name)}</span> ` +
    `<span class="customer-email">${escapeHtml(customer.email)}</span> ` +
    `<a class="delete-link" href="${escapeHtml(deleteHref)}">Delete</a></li>`;
}

/**
 * Creates the `/saved/delete-link` page and its `GET /saved/delete-link/delete?id=…`
 * handler. Deleting on GET is unsafe by HTTP rules, and that is the point:
 * some hosted CRMs do it, and a link prefetch or a middle click would trigger it.
 */
export function createDeleteLinkRoutes(dependencies: CrmDependencies): Hono<CrmEnv> {
  const { store, logger } = dependencies;
  const routes = new Hono<CrmEnv>();

  routes.get(DELETE_LINK_PAGE_PATH, pageHooksMiddleware(dependencies), (c) => {
    const rows = store.list().map(renderRow).join('\n');
    const body = `<div class="plain-list">
<h1>Customers</h1>
<ul class="customers">
${rows}
</ul>
</div>`;

    return c.html(renderDocument({ title: 'Customers', hooks: c.get('hooks'), body }));
  });

  routes.get(`${DELETE_LINK_PAGE_PATH}/delete`, (c) => {
    const id = c.req.query('id');
    if (!id) {
      logger.warn({ via: 'delete-link' }, 'Failed to delete customer: query parameter "id" is missing');
      return c.text('Failed to delete customer: the query parameter "id" is missing or empty.', 400);
    }

    if (!store.delete(id)) {
      logger.warn({ customerId: id, via: 'delete-link' }, 'Failed to delete customer: not found');
      return c.text(`Failed to delete customer: no customer has id "${id}".`, 404);
    }

    logger.info({ customerId: id, via: 'delete-link' }, 'Deleted customer');
    return redirectBack(c, DELETE_LINK_PAGE_PATH);
  });

  return routes;
}
