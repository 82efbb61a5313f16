import { Hono } from 'hono';
import type { Customer } from '../customers.ts';
import type { CrmDependencies, CrmEnv } from '../env.ts';
import { escapeHtml, renderDocument } from '../html.ts';
import { pageHooksMiddleware } from '../page-middleware.ts';
import { redirectBack } from './redirect-back.ts';

/** Path of the saved page that prompts with `window.confirm` and posts a hidden form. */
export const CONFIRM_FORM_PAGE_PATH = '/saved/confirm-form';

function renderRow(customer: Customer): string {
  const id = escapeHtml(customer.id);
  return `<tr id="row-${id}"><td>${escapeHtml(customer.name)}</td><td>${escapeHtml(customer.email)}</td>` +
    `<td><button type="button" class="btn btn-delete" data-id="${id}">Delete</button></td></tr>`;
}

/**
 * Creates the `/saved/confirm-form` page and its `POST /saved/confirm-form/delete`
 * handler, which reads the form field `id`, deletes the customer and redirects (303) back to the list.
 */
export function createConfirmFormRoutes(dependencies: CrmDependencies): Hono<CrmEnv> {
  const { store, logger } = dependencies;
  const routes = new Hono<CrmEnv>();

  routes.get(CONFIRM_FORM_PAGE_PATH, pageHooksMiddleware(dependencies), (c) => {
    const rows = store.list().map(renderRow).join('\n');
    const body = `<div class="legacy">
<h1>Customer maintenance</h1>
<table class="grid" border="1" cellpadding="4">
<tr><th>Name</th><th>Email</th><th></th></tr>
${rows}
</table>
<form id="delete-form" method="post" action="${CONFIRM_FORM_PAGE_PATH}/delete" hidden>
<input type="hidden" name="id" value="">
</form>
</div>`;

    return c.html(renderDocument({ title: 'Customer maintenance', hooks: c.get('hooks'), body, scripts: ['confirm-form.js'] }));
  });

  routes.post(`${CONFIRM_FORM_PAGE_PATH}/delete`, async (c) => {
    const form = await c.req.parseBody();
    const id = typeof form.id === 'string' ? form.id : '';
    if (!id) {
      logger.warn({ via: 'confirm-form' }, 'Failed to delete customer: form field "id" is missing');
      return c.text('Failed to delete customer: the form field "id" is missing or empty.', 400);
    }

    if (!store.delete(id)) {
      logger.warn({ customerId: id, via: 'confirm-form' }, 'Failed to delete customer: not found');
      return c.text(`Failed to delete customer: no customer has id "${id}".`, 404);
    }

    logger.info({ customerId: id, via: 'confirm-form' }, 'Deleted customer');
    return redirectBack(c, CONFIRM_FORM_PAGE_PATH);
  });

  return routes;
}
