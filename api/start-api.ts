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
import { setUpMail, type MailSetup } from './mailer-setup.ts';
import { loadSecret } from './security/secret.ts';
import { openDataStore } from './store/file-store.ts';
import { claimDataFile } from './store/process-lock.ts';

/** Options of {@link startApi}; everything defaults to the environment. */
export interface StartApiOptions {
  /** Environment to read the configuration from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Settings that win over the environment. */
  config?: Partial<Config>;
  /** Data file; wins over DELETE_GUARD_DATA. */
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
  /** Key of the demo account, present only on the start that created it. */
  apiKey?: string;
  /** Stops the server, the mailer and the dev mailbox, and releases the data file. */
  close(): Promise<void>;
}

/**
 * Starts the API in this process: loads the configuration and the secret,
 * claims and opens the data file, creates the demo account when there is no
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

  await mkdir(dirname(dataFile), { recursive: true });
  const releaseDataFile = await claimDataFile(dataFile);
  let mail: MailSetup | undefined;
  let deliveryQueue: DeliveryQueue | undefined;
  try {
    const { secret, source } = await loadSecret(dataFile, config.DELETE_GUARD_SECRET);
    const store = await openDataStore(dataFile);
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

    const { server, address } = await listen(app.fetch, config.PORT, config.HOST);
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    const devMailboxUrl = mail.devMailboxRoutes ? `${url}/dev/mailbox` : undefined;
    logger.info({ url, dataFile, secretSource: source, ...(devMailboxUrl ? { devMailboxUrl } : {}) }, 'Delete Guard API started');

    const mailSetup = mail;
    const queue = deliveryQueue;
    return {
      url,
      dataFile,
      ...(demo ? { apiKey: demo.apiKey } : {}),
      close: async () => {
        await closeServer(server);
        // Before the mailer, so waiting retries are recorded as failed while the store is open.
        await queue.close();
        await mailSetup.close();
        await releaseDataFile();
        logger.info('Delete Guard API stopped');
      },
    };
  } catch (error) {
    await deliveryQueue?.close();
    await mail?.close();
    await releaseDataFile();
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
