import { Hono } from 'hono';
import type { DevMailbox } from './dev-mailbox.ts';
import { renderMailboxPage } from './mailbox-page.ts';

// Captured mail is whatever anyone sent to the SMTP port, so the page may run
// no script and load nothing; only its own inline style sheet applies.
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
