import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An SMTP server on 127.0.0.1 that keeps the text of every email. */
export interface SmtpSink {
  /** The value for the API's SMTP_URL. */
  url: string;
  /** Waits for the `count`-th email and returns the one-time code in it. */
  waitForCode(count: number, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

// The OTP email's text part has the code alone on its own, indented line.
const CODE_LINE = /^\s+(\d{4,10})\s*$/m;

/** Starts the sink on a free port of 127.0.0.1, with no TLS and no authentication. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const texts: string[] = [];
  const server = new SMTPServer({
    // No STARTTLS, so the API's mailer sends plain SMTP over loopback and no
    // certificate is involved.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          texts.push(mail.text ?? '');
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const waitForCode = async (count: number, timeoutMs = 10_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    while (texts.length < count) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for email ${count}; ${texts.length} arrived.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const code = CODE_LINE.exec(texts[count - 1] ?? '')?.[1];
    if (!code) throw new Error(`Email ${count} has no code line. Text part:\n${texts[count - 1]}`);
    return code;
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    waitForCode,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
