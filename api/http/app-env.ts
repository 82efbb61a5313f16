import type { Logger } from 'pino';
import type { Account, SupportKey } from '../store/schema.ts';

/** Hono environment of the API: values middleware hands to handlers. */
export interface AppEnv {
  Variables: {
    /** The account of the request's API key, set by the auth middleware. */
    account: Account;
    /** The support key of the request, set by the support auth middleware. */
    supportKey: SupportKey;
    /** The parsed and validated JSON body, set by the body middleware. */
    body: unknown;
    /** Child logger carrying the request id. */
    log: Logger;
  };
}
