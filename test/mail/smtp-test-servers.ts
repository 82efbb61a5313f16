import net, { type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** One message as a test SMTP server received it. */
export interface ReceivedMessage {
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
}

/** A running SMTP server for tests, with what it received. */
export interface TestSmtpServer {
  url: string;
  messages: ReceivedMessage[];
  close(): Promise<void>;
}

/** An SMTP error reply, such as `{ code: 451, message: '4.3.0 Try again later' }`. */
export interface SmtpReply {
  code: number;
  message: string;
}

/** Settings of {@link startTestSmtpServer}. */
export interface TestSmtpServerOptions {
  /** Returns a reply text (such as "5.1.1 No such user") to reject the recipient with 550. */
  rejectRecipient?: (address: string) => string | undefined;
  /** Returns a reply to reject the recipient with any code. `count` is 1 for the first RCPT TO the server receives. */
  replyToRcpt?: (address: string, count: number) => SmtpReply | undefined;
  /** Reply to DATA that accepts the message, such as "Ok: queued as ABC123". */
  queuedReply?: string;
}

/**
 * Starts a real smtp-server on a free port of 127.0.0.1 and keeps every message
 * it receives in memory. `rejectRecipient` and `replyToRcpt` make it reject
 * recipients.
 */
export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  let rcptCount = 0;
  const server = new SMTPServer({
    // smtp-server's bundled certificate has expired, so STARTTLS would fail.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    // Tests send no DNS queries, not even the reverse lookup of 127.0.0.1.
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 200,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      rcptCount += 1;
      const reply = options.replyToRcpt?.(address.address, rcptCount);
      if (reply) {
        const error = new Error(reply.message) as Error & { responseCode: number };
        error.responseCode = reply.code;
        return callback(error);
      }
      const rejection = options.rejectRecipient?.(address.address);
      if (!rejection) return callback();
      const error = new Error(rejection) as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks),
        });
        if (options.queuedReply) callback(null, options.queuedReply);
        else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Starts a TCP server that accepts connections and never sends a byte. */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Returns a port on 127.0.0.1 that nothing listens on, by opening and closing a server. */
export async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Creates a pino logger whose output lines are kept in `lines` for assertions. */
export function createCapturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}
