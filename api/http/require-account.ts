import type { MiddlewareHandler } from 'hono';
import { findByApiKey } from '../security/api-keys.ts';
import type { DataStore } from '../store/file-store.ts';
import { ApiFailure } from './api-failure.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Requires `Authorization: Bearer <apiKey>` and sets `c.get('account')`.
 * A missing, malformed, unknown or wrong key all get the same 401 body, and a
 * missing key is still hashed and compared so the work matches.
 */
export function requireAccount(store: DataStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
    const data = await store.read();
    const account = findByApiKey(data.accounts, presented);
    if (!account || presented === '') {
      throw new ApiFailure('UNAUTHORIZED', {}, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }

    c.set('account', account);
    c.set('log', c.get('log').child({ accountId: account.id }));
    await next();
  };
}
