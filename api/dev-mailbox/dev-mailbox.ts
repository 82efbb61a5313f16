import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One captured message, as the dev mailbox lists it. */
export interface MailboxEntry {
  /** File name without ".eml". Ids sort by the time the message arrived. */
  id: string;
  /** The To header as text. */
  to: string;
  subject: string;
  /** The plain-text part. */
  text: string;
  /** When the mailbox received the message, ISO 8601 UTC. */
  receivedAt: string;
}

/** A running dev mailbox. */
export interface DevMailbox {
  /** URL to hand to createSmtpMailer, such as "smtp://127.0.0.1:41234". */
  smtpUrl: string;
  /** Lists the newest messages first, at most `limit` of them. */
  list(limit?: number): Promise<MailboxEntry[]>;
  /** Stops accepting mail. Stored messages stay on disk. */
  close(): Promise<void>;
}

/** Settings of {@link startDevMailbox}. */
export interface DevMailboxOptions {
  /** Folder for the .eml files, created if missing. */
  dir: string;
  /** Address to listen on. Keep it on loopback, because the mailbox has no login. */
  host?: string;
  logger: Logger;
}

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;
const DEFAULT_LIST_LIMIT = 200;
// Pooled mailer connections stay open while idle, so close() would otherwise
// wait for smtp-server's 30-second default before dropping them.
const CLOSE_TIMEOUT_MS = 1_000;

/**
 * Starts an SMTP server on an ephemeral port that stores every message it
 * receives as `<dir>/<id>.eml` instead of delivering it. Used when SMTP_URL is
 * not set, so codes can still be read during development.
 */
export async function startDevMailbox(options: DevMailboxOptions): Promise<DevMailbox> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger.child({ component: 'dev-mailbox' });
  const createId = createIdGenerator();
  // Captured messages contain live codes, so only this user may read them.
  await mkdir(options.dir, { recursive: true, mode: 0o700 });

  async function storeMessage(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) {
      const error = new Error(`Message larger than ${MAX_MESSAGE_BYTES} bytes`) as Error & { responseCode: number };
      error.responseCode = 552;
      throw error;
    }

    const id = createId();
    const path = join(options.dir, `${id}.eml`);
    // Written under another name first so list() never parses half a message.
    await writeFile(`${path}.part`, Buffer.concat(chunks), { mode: 0o600 });
    await rename(`${path}.part`, path);
    logger.info({ id, sessionId: session.id }, 'Captured email in the dev mailbox');
  }

  const server = new SMTPServer({
    // smtp-server's bundled certificate has expired, and a loopback mailbox
    // needs no encryption.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    size: MAX_MESSAGE_BYTES,
    banner: 'Delete Guard dev mailbox: mail is stored, not delivered',
    closeTimeout: CLOSE_TIMEOUT_MS,
    logger: false,
    onData(stream, session, callback) {
      storeMessage(stream, session).then(
        () => callback(),
        (error: Error) => {
          logger.error({ err: error, sessionId: session.id }, 'Failed to store email in the dev mailbox');
          callback(error);
        },
      );
    },
  });
  server.on('error', (error) => logger.error({ err: error }, 'Dev mailbox SMTP server error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const smtpUrl = `smtp://${urlHost}:${port}`;
  logger.info({ smtpUrl }, 'Dev mailbox listening. Mail is stored, not delivered');

  async function list(limit = DEFAULT_LIST_LIMIT): Promise<MailboxEntry[]> {
    const names = (await readdir(options.dir)).filter((name) => name.endsWith('.eml'));
    names.sort().reverse();

    const entries: MailboxEntry[] = [];
    for (const name of names.slice(0, limit)) {
      const entry = await readEntry(options.dir, name);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  async function close(): Promise<void> {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    logger.info({ smtpUrl }, 'Dev mailbox stopped');
  }

  return { smtpUrl, list, close };
}

async function readEntry(dir: string, name: string): Promise<MailboxEntry | undefined> {
  let source: Buffer;
  try {
    source = await readFile(join(dir, name));
  } catch (error) {
    // Someone may clear the folder while the page loads.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }

  const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextLinks: true });
  const id = name.slice(0, -'.eml'.length);
  const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : (parsed.to?.text ?? '');
  return {
    id,
    to,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    receivedAt: new Date(readIdTime(id)).toISOString(),
  };
}

/**
 * Creates ids of the form "<ms since epoch, 15 digits>-<sequence, 6 digits>-<random>".
 * They sort as strings in arrival order: the sequence orders messages within
 * one millisecond, and the random part keeps ids from two runs apart.
 */
function createIdGenerator(): () => string {
  let sequence = 0;
  return () => {
    sequence = (sequence + 1) % 1_000_000;
    const time = String(Date.now()).padStart(15, '0');
    return `${time}-${String(sequence).padStart(6, '0')}-${randomBytes(3).toString('hex')}`;
  };
}

function readIdTime(id: string): number {
  const time = Number(id.slice(0, id.indexOf('-')));
  return Number.isFinite(time) ? time : 0;
}
