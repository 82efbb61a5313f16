import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Mailer } from './mail/mailer.ts';
import type { CodeGenerator } from './security/codes.ts';
import type { DataStore } from './store/file-store.ts';

/** Everything the API app needs, injected so tests can swap time, mail and storage. */
export interface AppDeps {
  store: DataStore;
  mailer: Mailer;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** Key of the code HMACs; at least 32 characters. */
  secret: string;
  /** Routes of the dev mailbox, mounted when mail is captured instead of sent. */
  devMailbox?: Hono;
  /** Source of new codes; defaults to the CSPRNG generator. Tests inject fixed codes. */
  generateCode?: CodeGenerator;
}
