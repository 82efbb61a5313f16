import type { MxRecord } from 'node:dns';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DeliveryQueue } from './mail/delivery-queue.ts';
import type { Mailer } from './mail/mailer.ts';
import type { ProviderDetector } from './mail/mx-provider.ts';
import type { CodeGenerator } from './security/codes.ts';
import type { AccountStore } from './store/account-store.ts';

/** Everything the API app needs, injected so tests can swap time, mail and storage. */
export interface AppDeps {
  store: AccountStore;
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
  /**
   * Queue every email goes through. The caller that passes it closes it, before
   * the mailer. Without it, createApp makes one that is never closed, which
   * suits tests whose mail server never fails temporarily.
   */
  deliveryQueue?: DeliveryQueue;
  /** Finds the mail provider of an address. Defaults to an MX lookup through `resolveMx`. */
  providerDetector?: ProviderDetector;
  /** MX lookup of the default provider detector; tests inject a stub. Defaults to `dns.promises.resolveMx`. */
  resolveMx?: (domain: string) => Promise<MxRecord[]>;
}
