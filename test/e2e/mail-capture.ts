import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email the capture server accepted, parsed. */
export interface CapturedMail {
  to: string[];
  parsed: ParsedMail;
}

/** An SMTP server on 127.0.0.1 that keeps every email instead of delivering it. */
export interface MailCapture {
  /** The value for the API's SMTP_URL. */
  url: string;
  /** Emails in the order they arrived. */
  mails: CapturedMail[];
  /** Returns how many emails went to `address`. */
  countTo(address: string): number;
  /** Waits for email number `count` to `address` and returns the code in it. */
  waitForCode(address: string, count: number): Promise<string>;
  close(): Promise<void>;
}

const POLL_MS = 50;
const WAIT_MS = 10_000;

/**
 * Reads the one-time code from an OTP email: the text part has it alone on
 * its own line, indented.
 */
export function readCode(mail: ParsedMail): string {
  const match = /^\s+(\d{4,10})\s*$/m.exec(mail.text ?? '');
  if (!match?.[1]) throw new Error(`No code found in the email "${mail.subject}". Text part:\n${mail.text}`);
  return match[1];
}

/** Starts the capture server on a free port of 127.0.0.1. */
export async function startMailCapture(): Promise<MailCapture> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    // smtp-server's bundled certificate has expired, so STARTTLS would fail.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((recipient) => recipient.address.toLowerCase());
      simpleParser(stream).then(
        (parsed) => {
          mails.push({ to, parsed });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const mailsTo = (address: string) => mails.filter((mail) => mail.to.includes(address.toLowerCase()));

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    countTo: (address) => mailsTo(address).length,
    async waitForCode(address, count) {
      const deadline = Date.now() + WAIT_MS;
      while (mailsTo(address).length < count) {
        if (Date.now() > deadline) throw new Error(`Timed out after ${WAIT_MS} ms waiting for email ${count} to ${address}; ${mailsTo(address).length} arrived.`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      return readCode(mailsTo(address)[count - 1]!.parsed);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
