import { Hono } from 'hono';
import packageJson from '../../package.json' with { type: 'json' };
import type { AppEnv } from '../http/app-env.ts';

/** Creates `GET /health`, which needs no API key. */
export function createHealthRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/health', (c) => c.json({ ok: true as const, version: packageJson.version }));
}
