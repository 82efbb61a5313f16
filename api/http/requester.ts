import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Requester } from '../domain/confirm-deletions.ts';

/**
 * Returns the user agent and the socket's remote address as the server saw
 * them. Forwarding headers are ignored because any client can set them.
 * The address is null when the app runs without a socket (in tests).
 */
export function readRequester(c: Context): Requester {
  let ip: string | null = null;
  try {
    ip = getConnInfo(c).remote.address ?? null;
  } catch {
    ip = null;
  }
  return { userAgent: c.req.header('User-Agent')?.slice(0, 500) ?? null, ip };
}
