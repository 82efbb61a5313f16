import type { Context } from 'hono';

/**
 * Redirects with 303 See Other back to `pagePath`. When the Referer is that page on
 * this origin, its query string is kept, so test hooks such as `?shortcuts=1`
 * survive the round trip through a server-side deletion.
 */
export function redirectBack(c: Context, pagePath: string): Response {
  const referer = c.req.header('Referer');
  if (referer) {
    try {
      const refererUrl = new URL(referer);
      const requestUrl = new URL(c.req.url);
      if (refererUrl.origin === requestUrl.origin && refererUrl.pathname === pagePath) {
        return c.redirect(`${pagePath}${refererUrl.search}`, 303);
      }
    } catch {
      // A malformed Referer is ignored: the plain page path is still a correct target.
    }
  }
  return c.redirect(pagePath, 303);
}
