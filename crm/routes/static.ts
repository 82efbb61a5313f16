import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Hono } from 'hono';

const PUBLIC_DIRECTORY = new URL('../public/', import.meta.url);

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Reads the browser scripts and stylesheets in `crm/public` and creates the
 * `/static/:name` routes for them. Only files present at startup are served,
 * which rules out path traversal through the name.
 */
export async function createStaticRoutes(): Promise<Hono> {
  const files = new Map<string, { body: string; contentType: string }>();

  for (const name of await readdir(PUBLIC_DIRECTORY)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    files.set(name, { body: await readFile(new URL(name, PUBLIC_DIRECTORY), 'utf8'), contentType });
  }

  const routes = new Hono();
  routes.get('/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return c.text(`Not found: no static file named "${c.req.param('name')}".`, 404);

    // A browser that cached a script from an earlier server run would hide changes made since.
    return c.body(file.body, 200, { 'Content-Type': file.contentType, 'Cache-Control': 'no-store' });
  });
  return routes;
}
