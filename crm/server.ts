import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { pino, type Logger } from 'pino';
import { createCrmApp } from './app.ts';
import type { Customer } from './customers.ts';
import { CustomerStore } from './store.ts';

export type { Customer } from './customers.ts';

/** Options for {@link startCrm}. */
export interface CrmOptions {
  /** Host name or IP address to listen on. Defaults to 127.0.0.1. */
  host?: string;
  /** TCP port. Defaults to 8788, and 0 picks a free port. */
  port?: number;
  /** Logger for starts, deletions and request errors. Defaults to a silent logger, which keeps test output clean. */
  logger?: Logger;
}

/** A running stand-in CRM. */
export interface CrmServer {
  /** Base URL without a trailing slash, for example `http://127.0.0.1:8788`. */
  url: string;
  /** Stops accepting requests and closes open connections, including idle keep-alive ones. */
  close(): Promise<void>;
  /** Returns copies of the customers currently stored, in seed order. */
  customers(): Customer[];
  /** Restores the default seed of 25 customers, like `POST /api/reset`. */
  reset(): void;
}

/**
 * Starts the stand-in CRM with a fresh in-memory seed. Rejects when the port
 * cannot be bound, for example because it is already in use.
 */
export async function startCrm({ host = '127.0.0.1', port = 8788, logger = pino({ level: 'silent' }) }: CrmOptions = {}): Promise<CrmServer> {
  const store = new CustomerStore();
  const app = await createCrmApp({ store, logger });

  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(started as Server));
    started.once('error', (error) => reject(new Error(`Failed to start CRM on ${host}:${port}: ${error.message}`, { cause: error })));
  });

  const { port: boundPort } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${boundPort}`;
  logger.info({ url }, 'Started CRM');

  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) {
            reject(new Error(`Failed to stop CRM at ${url}: ${error.message}`, { cause: error }));
            return;
          }
          logger.info({ url }, 'Stopped CRM');
          resolve();
        });
        // Browsers and fetch keep connections alive, and server.close() alone waits for them to time out.
        server.closeAllConnections();
      }),
    customers: () => store.list(),
    reset: () => store.reset(),
  };
}
