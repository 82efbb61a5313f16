import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** A running {@link startBareServer}. */
export interface BareServer {
  url: string;
  close(): Promise<void>;
}

const FIXED = { ok: true, version: 'bench' };

/**
 * Starts the ceiling of this stack: Hono on @hono/node-server with no
 * middleware, no store and no validation. `GET /fixed` returns a fixed JSON
 * body, and `POST /fixed` parses the JSON request body first, so it can be
 * compared with the API's POST routes.
 */
export async function startBareServer(): Promise<BareServer> {
  const app = new Hono();
  app.get('/fixed', (c) => c.json(FIXED));
  app.post('/fixed', async (c) => {
    await c.req.json();
    return c.json(FIXED, 201);
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}
