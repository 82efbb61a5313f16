import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { hashApiKey } from '../security/api-keys.ts';
import type { AccountStore } from '../store/account-store.ts';
import type { Account, SupportKey } from '../store/schema.ts';
import { ApiFailure } from './api-failure.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Requires `Authorization: Bearer <apiKey>` of an account and sets
 * `c.get('account')`. A missing, malformed, unknown or wrong key all get the
 * same 401 body, and a missing key is still hashed and compared so the work
 * matches. A support key gets 403 FORBIDDEN: it is valid, but not here.
 */
export function requireAccount(store: AccountStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { account, supportKey } = await findKeyOwner(store, readBearerKey(c.req.header('Authorization')));
    if (supportKey) throw new ApiFailure('FORBIDDEN', {}, { message: 'Support keys cannot use account routes. Use an account API key.' });
    if (!account) throw unauthorized();

    c.set('account', account);
    c.set('log', c.get('log').child({ accountId: account.id }));
    await next();
  };
}

/**
 * Requires `Authorization: Bearer <supportKey>` and sets `c.get('supportKey')`.
 * An account key gets 403 FORBIDDEN; anything else gets the same 401 as
 * {@link requireAccount}.
 */
export function requireSupport(store: AccountStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { account, supportKey } = await findKeyOwner(store, readBearerKey(c.req.header('Authorization')));
    if (account) throw new ApiFailure('FORBIDDEN', {}, { message: 'Account API keys cannot use support routes. Use a support key.' });
    if (!supportKey) throw unauthorized();

    c.set('supportKey', supportKey);
    c.set('log', c.get('log').child({ supportKeyId: supportKey.id }));
    await next();
  };
}

function readBearerKey(header: string | undefined): string {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';
}

// Compared against when a look-up finds nothing, so found and not found cost the same.
const NO_MATCH_HASH = Buffer.alloc(32);

// Both look-ups always run, also for a missing key, so the time taken does
// not tell which kind of key was presented. They look up SHA-256 hashes of
// a 192-bit key, so an index or Map look-up leaks nothing useful about the
// key. The found record's hash is then compared in constant time, and a
// dummy hash takes its place when nothing was found.
async function findKeyOwner(store: AccountStore, presented: string): Promise<{ account?: Account; supportKey?: SupportKey }> {
  const hash = hashApiKey(presented);
  const [account, supportKey] = await Promise.all([store.findAccountByKeyHash(hash), store.findSupportKeyByHash(hash)]);
  const presentedHash = Buffer.from(hash, 'hex');
  const accountMatches = hashesEqual(presentedHash, account?.apiKeyHash);
  const supportKeyMatches = hashesEqual(presentedHash, supportKey?.apiKeyHash);
  if (presented === '') return {};
  return { ...(account && accountMatches ? { account } : {}), ...(supportKey && supportKeyMatches ? { supportKey } : {}) };
}

function hashesEqual(presentedHash: Buffer, storedHex: string | undefined): boolean {
  const stored = storedHex === undefined ? NO_MATCH_HASH : Buffer.from(storedHex, 'hex');
  // A stored hash of another length never matches; the dummy keeps the work the same.
  const comparable = stored.length === presentedHash.length ? stored : NO_MATCH_HASH;
  return timingSafeEqual(presentedHash, comparable) && storedHex !== undefined && comparable === stored;
}

function unauthorized(): ApiFailure {
  return new ApiFailure('UNAUTHORIZED', {}, { headers: { 'WWW-Authenticate': 'Bearer' } });
}
