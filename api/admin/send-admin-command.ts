import { request } from 'node:http';
import type { AccountCommand, AccountCommandResult } from '../accounts/account-commands.ts';

/** How long to keep trying to reach the admin socket of an API that is starting, in milliseconds. */
const CONNECT_WAIT_MS = 15_000;
const RETRY_MS = 100;

/**
 * Sends one accounts command to the running API over its admin socket and
 * returns the result. Retries connection errors for a while, because the
 * API claims the data file before it starts listening on the socket.
 */
export async function sendAdminCommand(socketPath: string, command: AccountCommand): Promise<AccountCommandResult> {
  const deadline = Date.now() + CONNECT_WAIT_MS;
  for (;;) {
    try {
      return await post(socketPath, JSON.stringify(command));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const retryable = code === 'ENOENT' || code === 'ECONNREFUSED';
      if (!retryable || Date.now() > deadline) {
        throw new Error(
          `Failed to reach the running API on its admin socket ${socketPath}: ${(error as Error).message}. ` +
            'Check that the API is running as the same user, or stop it to let the CLI open the data file itself.',
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

function post(socketPath: string, body: string): Promise<AccountCommandResult> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ socketPath, path: '/commands', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += String(chunk)));
      response.on('end', () => {
        try {
          resolve(JSON.parse(text) as AccountCommandResult);
        } catch (error) {
          reject(new Error(`the API sent an unreadable reply (status ${response.statusCode})`, { cause: error }));
        }
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
