import { Hono } from 'hono';
import type { DevMailbox } from './dev-mailbox.ts';
import { renderMailboxPage } from './mailbox-page.ts';

// Anyone who can reach the SMTP port chooses what the page shows. The policy
// therefore blocks every script and remote load and allows only the inline style sheet.
const PAGE_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Creates the routes of the dev mailbox: `GET /dev/mailbox`, an HTML page, and
 * `GET /dev/mailbox.json`, the same entries as a JSON array. Both list the
 * newest messages first and are never cached, because they show live codes.
 */
export function devMailboxRoutes(mailbox: Pick<DevMailbox, 'list'>): Hono {
  const routes = new Hono();

  routes.get('/dev/mailbox', async (c) => {
    const entries = await mailbox.list();
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', PAGE_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.html(renderMailboxPage(entries));
  });

  routes.get('/dev/mailbox.json', async (c) => {
    const entries = await mailbox.list();
    c.header('Cache-Control', 'no-store');
    return c.json(entries);
  });

  return routes;
}
