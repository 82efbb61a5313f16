import type { Logger } from 'pino';
import type { PageHooks } from './page-hooks.ts';
import type { CustomerStore } from './store.ts';

/** Hono environment of the CRM app: HTML routes read the parsed query hooks from `c.get('hooks')`. */
export interface CrmEnv {
  Variables: {
    hooks: PageHooks;
  };
}

/** Services that every route module receives. */
export interface CrmDependencies {
  store: CustomerStore;
  logger: Logger;
}
