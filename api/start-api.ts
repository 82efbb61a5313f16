import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { ensureDemoAccount } from './accounts/create-account.ts';
import { createApp } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import { loadConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';
import type { MxRecord } from 'node:dns';
import { createTrackedDeliveryQueue } from './domain/delivery-tracking.ts';
import type { DeliveryQueue, ScheduleFunction } from './mail/delivery-queue.ts';
import type { Mailer } from './mail/mailer.ts';
import { checkDevMailboxHost, setUpMail, type MailSetup } from './mailer-setup.ts';
import { adminSocketFor, startAdminSocket, type AdminSocket } from './admin/admin-socket.ts';
import { loadSecret } from './security/secret.ts';
import { openAccountStore, type OpenedAccountStore } from './store/open-account-store.ts';

/** Options of {@link startApi}; everything defaults to the environment. */
export interface StartApiOptions {
  /** Environment to read the configuration from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Settings that win over the environment. */
  config?: Partial<Config>;
  /** Data file; wins over DELETE_GUARD_DATA. With DATABASE_URL it only locates the dev mailbox. */
  dataFile?: string;
  /** Port to listen on; 0 picks a free one. Wins over PORT. */
  port?: number;
  host?: string;
  logger?: Logger;
  clock?: Clock;
  /** Mailer to use instead of SMTP_URL or the dev mailbox. */
  mailer?: Mailer;
  /** MX lookup for the provider detection; tests inject a stub. Defaults to `dns.promises.resolveMx`. */
  resolveMx?: (domain: string) => Promise<MxRecord[]>;
  /** Timer source of the delivery retries; tests inject one to run them without waiting. */
  schedule?: ScheduleFunction;
}

/** A running API server. */
export interface RunningApi {
  /** Base URL, such as "http://127.0.0.1:8787". */
  url: string;
  /** Absolute path of the data file in use. */
  dataFile: string;
  /** The store in use: the JSON data file, or PostgreSQL when DATABASE_URL is set. */
  backend: 'json' | 'postgres';
  /** Key of the demo account, present only on the start that created it. */
  apiKey?: string;
  /** Stops the server, the mailer and the dev mailbox, and closes the store (releasing the data file). */
  close(): Promise<void>;
}

/**
 * Starts the API in this process: loads the configuration and the secret,
 * opens the store (PostgreSQL with DATABASE_URL, else the claimed data
 * file, with the admin socket for the accounts CLI), creates the demo account when there is no
 * account, sets up mail and listens. Raises an Error with a plain message
 * (invalid setting, corrupt data file, file in use, port taken) on failure.
 */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const config: Config = {
    ...loadConfig(options.env ?? process.env),
    ...options.config,
    ...(options.port !== undefined ? { PORT: options.port } : {}),
    ...(options.host !== undefined ? { HOST: options.host } : {}),
  };
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const clock = options.clock ?? systemClock;
  const dataFile = resolve(options.dataFile ?? config.DELETE_GUARD_DATA);

  if (config.DATABASE_URL && !config.DELETE_GUARD_SECRET) {
    // A secret file is per machine, and instances with different secrets reject each other's codes.
    throw new Error('Failed to start: DATABASE_URL is set but DELETE_GUARD_SECRET is not. Set the same DELETE_GUARD_SECRET (at least 32 characters) on every API instance.');
  }
  if (!options.mailer) checkDevMailboxHost(config);
  await mkdir(dirname(dataFile), { recursive: true });
  const opened: OpenedAccountStore = await openAccountStore({ ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}), dataFile, logger });
  let mail: MailSetup | undefined;
  let deliveryQueue: DeliveryQueue | undefined;
  let admin: AdminSocket | undefined;
  try {
    const { store } = opened;
    const { secret, source } = await loadSecret(dataFile, config.DELETE_GUARD_SECRET);
    const demo = await ensureDemoAccount(store, clock.now());
    if (demo) logger.info({ accountId: demo.account.id }, 'Created the demo account "Demo Company" because the data file had no account');

    mail = options.mailer ? { mailer: options.mailer, close: async () => undefined } : await setUpMail(config, dataFile, logger);
    deliveryQueue = createTrackedDeliveryQueue({
      store,
      mailer: mail.mailer,
      clock,
      logger,
      ...(options.schedule ? { schedule: options.schedule } : {}),
    });
    const app = createApp({
      deliveryQueue,
      ...(options.resolveMx ? { resolveMx: options.resolveMx } : {}),
      store,
      mailer: mail.mailer,
      clock,
      config,
      logger,
      secret,
      ...(mail.devMailboxRoutes ? { devMailbox: mail.devMailboxRoutes } : {}),
    });

    // The JSON store lives in this process's memory, so the accounts CLI sends its commands here.
    if (opened.backend === 'json') admin = await startAdminSocket({ socketPath: adminSocketFor(dataFile), store, logger });
    const { server, address } = await listen(app.fetch, config.PORT, config.HOST);
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    const devMailboxUrl = mail.devMailboxRoutes ? `${url}/dev/mailbox` : undefined;
    logger.info({ url, store: store.description, secretSource: source, ...(devMailboxUrl ? { devMailboxUrl } : {}) }, 'Delete Guard API started');

    const mailSetup = mail;
    const queue = deliveryQueue;
    const adminSocket = admin;
    return {
      url,
      dataFile,
      backend: opened.backend,
      ...(demo ? { apiKey: demo.apiKey } : {}),
      close: async () => {
        await closeServer(server);
        // Before the mailer, so waiting retries are recorded as failed while the store is open.
        await queue.close();
        await mailSetup.close();
        await adminSocket?.close();
        await opened.close();
        logger.info('Delete Guard API stopped');
      },
    };
  } catch (error) {
    await deliveryQueue?.close();
    await mail?.close();
    await admin?.close();
    await opened.close();
    throw error;
  }
}

type NodeServer = ReturnType<typeof serve>;

function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, host: string): Promise<{ server: NodeServer; address: AddressInfo }> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch, port, hostname: host }, (address) => resolvePromise({ server, address }));
    server.once('error', (error) => {
      reject(new Error(`Failed to start: cannot listen on ${host}:${port} (${error.message}). Set PORT or HOST to a free address.`, { cause: error }));
    });
  });
}

function closeServer(server: NodeServer): Promise<void> {
  return new Promise((resolvePromise) => {
    server.close(() => resolvePromise());
    // Keep-alive connections would otherwise hold close() open for seconds.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}
