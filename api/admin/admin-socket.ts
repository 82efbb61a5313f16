import { chmod, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { accountCommandSchema, runAccountCommand } from '../accounts/account-commands.ts';
import type { AccountStore } from '../store/account-store.ts';

/** The admin endpoint of a running API with the JSON store. */
export interface AdminSocket {
  readonly socketPath: string;
  close(): Promise<void>;
}

/** Largest command accepted, in bytes; commands are a few hundred bytes. */
const MAX_COMMAND_BYTES = 16 * 1024;

/** Returns the admin socket path of a data file: `<data file>.sock`. */
export function adminSocketFor(dataFile: string): string {
  return `${dataFile}.sock`;
}

/**
 * Serves the accounts CLI on a unix socket beside the data file, never on
 * the TCP port. The JSON store keeps its state in this process's memory, so
 * a CLI that wrote the file directly would lose writes. Instead it posts its
 * command here and the API runs it on its own store.
 *
 * The socket gets mode 0600, so only the user running the API can connect.
 * NOTE: between listen() and chmod() the socket has the umask's mode; with
 * the usual umask 022 other users lack write permission and cannot connect.
 * A stale socket from a crashed process is removed first; the caller holds
 * the data file's pid lock, so no live API owns it.
 */
export async function startAdminSocket(options: { socketPath: string; store: AccountStore; logger: Logger }): Promise<AdminSocket> {
  const { socketPath, store } = options;
  const logger = options.logger.child({ component: 'admin-socket' });
  await rm(socketPath, { force: true });

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  async function handle(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url !== '/commands') return reply(404, { ok: false, message: 'Not found: post commands to /commands.' });

    let text = '';
    for await (const chunk of request) {
      text += String(chunk);
      if (text.length > MAX_COMMAND_BYTES) return reply(413, { ok: false, message: 'Failed to read the command: it is larger than 16 KiB.' });
    }
    let command;
    try {
      command = accountCommandSchema.parse(JSON.parse(text));
    } catch (error) {
      return reply(400, { ok: false, message: `Failed to read the command: ${(error as Error).message}` });
    }
    const result = await runAccountCommand(store, command, Date.now());
    if (result.ok) logger.info({ command: command.command }, 'Ran an accounts command from the admin socket');
    else logger.warn({ command: command.command, reason: result.message }, 'Failed to run an accounts command from the admin socket');
    reply(result.ok ? 200 : 400, result);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', (error) => reject(new Error(`Failed to start: cannot listen on the admin socket ${socketPath} (${error.message}).`, { cause: error })));
    server.listen(socketPath, () => resolvePromise());
  });
  await chmod(socketPath, 0o600);

  return {
    socketPath,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      }).then(() => rm(socketPath, { force: true })),
  };
}
