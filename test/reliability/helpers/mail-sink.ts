import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { knownSecrets } from './known-secrets.ts';

/** One message as the sink received it. */
export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP envelope. */
  recipients: string[];
  /** The message exactly as sent, headers and body. */
  raw: string;
  parsed: ParsedMail;
  /** The digits-only line of a code or verification mail, if any. */
  code: string | undefined;
}

/** A local SMTP server that keeps every message it accepts. */
export interface MailSink {
  url: string;
  messages: ReceivedMail[];
  /** Waits until more than `count` messages arrived and returns the newest. */
  waitForMessageAfter(count: number, timeoutMs?: number): Promise<ReceivedMail>;
  /**
   * Waits for a message to `address` among those after the first `skip`, and
   * returns it. With `subject`, only a message with exactly that subject counts.
   */
  waitForMessageTo(address: string, skip: number, timeoutMs?: number, subject?: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1 on a free port, with STARTTLS disabled
 * so the API's nodemailer sends in plain text. Each code found in a message
 * is added to the known secrets.
 */
export async function startMailSink(): Promise<MailSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const code = /^\s*(\d{4,10})\s*$/m.exec(parsed.text ?? '')?.[1];
            if (code) knownSecrets.codes.add(code);
            const recipients = session.envelope.rcptTo.map((entry) => entry.address);
            for (const address of recipients) knownSecrets.emails.add(address);
            messages.push({ recipients, raw, parsed, code });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  // A killed API process resets its SMTP connection (ECONNRESET). Without a
  // listener that error would be an uncaught exception of the test run.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    messages,
    async waitForMessageAfter(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length <= count) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for message ${count + 1}; ${messages.length} arrived.`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return messages[messages.length - 1]!;
    },
    async waitForMessageTo(address, skip, timeoutMs = 5_000, subject) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.slice(skip).find((message) => message.recipients.includes(address) && (subject === undefined || message.parsed.subject === subject));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for a message to ${address}${subject === undefined ? '' : ` with the subject "${subject}"`}.`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
