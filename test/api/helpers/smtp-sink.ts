import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A local SMTP server that keeps every message it accepts, parsed. */
export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** While true, every message is rejected with 550, as a refusing server would. */
  rejectAll: boolean;
  /** Waits until at least `count` messages arrived and returns the last one. */
  waitForMessage(count?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 on a free port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const sink: SmtpSink = {
    url: '',
    messages,
    rejectAll: false,
    async waitForMessage(count = messages.length + 1) {
      const deadline = Date.now() + 5_000;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for message ${count}; ${messages.length} arrived.`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return messages[count - 1]!;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (sink.rejectAll) {
            callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
            return;
          }
          messages.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return sink;
}

/** Reads the code out of a code or verification email: the line that holds only digits. */
export function readCodeFromMail(mail: ParsedMail): string {
  const match = /^\s*(\d{4,10})\s*$/m.exec(mail.text ?? '');
  if (!match) throw new Error(`No code found in the email "${mail.subject}".`);
  return match[1]!;
}

/** Returns the plain address of the message's first To recipient. */
export function readRecipient(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? '';
}
