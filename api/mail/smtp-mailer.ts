import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import addressparser, { type MailboxAddress } from 'nodemailer/lib/addressparser';
import type { Logger } from 'pino';
import { emailAddressSchema, maskEmail } from '../../shared/email.ts';
import { systemClock, type Clock } from '../clock.ts';
import { toHeaderText } from './header-text.ts';
import type { Mailer, OutgoingMail, SendResult } from './mailer.ts';
import { describeSmtpFailure, type SmtpTimeouts } from './smtp-failure.ts';

export type { SmtpTimeouts } from './smtp-failure.ts';

/**
 * Default time limits. A refused connection fails at once. Connecting, the
 * greeting and each silence mid-session are limited to 15 seconds or less, and
 * the whole send is cut off after 30 seconds whatever the server does.
 */
export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = {
  connectMs: 10_000,
  greetingMs: 10_000,
  socketMs: 15_000,
  sendMs: 30_000,
};

/** Settings of {@link createSmtpMailer}. */
export interface SmtpMailerOptions {
  /** Server URL, `smtp://` or `smtps://`, with optional user and password. Never logged. */
  url: string;
  /** From header, such as "Delete Guard <no-reply@delete-guard.localhost>". */
  from: string;
  logger: Logger;
  /** Reuse connections across messages. Off by default. */
  pool?: boolean;
  /** Overrides of {@link DEFAULT_SMTP_TIMEOUTS}, mostly for tests. */
  timeouts?: Partial<SmtpTimeouts>;
  /** Source of the Date header. */
  clock?: Clock;
}

/**
 * Creates a mailer that sends through one SMTP server with nodemailer.
 *
 * Each message gets From, Date, a Message-ID in the From domain, and headers
 * that ask auto-responders not to reply. Logs carry the masked recipient and
 * never the subject, body or code.
 *
 * Throws when `from` is not exactly one valid address, because every message
 * would then be refused.
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const from = parseFromAddress(options.from);
  const fromDomain = from.address.slice(from.address.lastIndexOf('@') + 1);
  const timeouts: SmtpTimeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
  const clock = options.clock ?? systemClock;
  const logger = options.logger.child({ component: 'smtp-mailer' });

  const transportOptions = {
    url: options.url,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // Messages are composed from our own templates, so nothing may pull in a
    // local file or a URL as an attachment or body.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  const transport = options.pool
    ? nodemailer.createTransport({ ...transportOptions, pool: true })
    : nodemailer.createTransport(transportOptions);

  async function send(mail: OutgoingMail): Promise<SendResult> {
    const maskedTo = maskEmail(mail.to);
    const recipient = emailAddressSchema.safeParse(mail.to);
    if (!recipient.success) {
      const reason = 'The recipient address is invalid: it must be one plain address like name@example.com.';
      logger.warn({ to: maskedTo, reason }, 'Failed to send email: invalid recipient');
      return { status: 'failed', reason };
    }

    const messageId = `<${randomUUID()}@${fromDomain}>`;
    try {
      const info = await transport.sendMail({
        from,
        // An address object, not a string, so nodemailer never parses the
        // value for names, groups or further recipients.
        to: { name: '', address: recipient.data },
        subject: toHeaderText(mail.subject),
        text: mail.text,
        html: mail.html,
        date: new Date(clock.now()),
        messageId,
        headers: {
          // RFC 3834, and the Exchange equivalent: out-of-office replies to a
          // no-reply sender only bounce.
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
        },
        signal: AbortSignal.timeout(timeouts.sendMs),
      });

      if (info.accepted.length === 0) {
        const reason = `The mail server did not accept the recipient: ${info.response}`;
        logger.warn({ to: maskedTo, messageId, reason }, 'Failed to send email: recipient not accepted');
        return { status: 'failed', reason };
      }
      logger.info({ to: maskedTo, messageId, response: info.response }, 'Email sent');
      return { status: 'sent', messageId: info.messageId, response: info.response };
    } catch (error) {
      const failure = describeSmtpFailure(error, recipient.data, timeouts);
      const errorCode = (error as { code?: unknown }).code;
      logger.warn({ to: maskedTo, messageId, errorCode, ...failure }, 'Failed to send email');
      return { status: 'failed', ...failure };
    }
  }

  async function close(): Promise<void> {
    transport.close();
  }

  return { send, close };
}

function parseFromAddress(value: string): MailboxAddress {
  const parsed = addressparser(value, { flatten: true });
  const first = parsed[0];
  const address = first ? emailAddressSchema.safeParse(first.address) : undefined;
  if (parsed.length !== 1 || !first || !address?.success) {
    throw new Error(
      `Failed to create the mailer: MAIL_FROM "${value}" is not one valid address. ` +
        'Use a form like "Delete Guard <no-reply@example.com>".',
    );
  }
  return { name: toHeaderText(first.name), address: address.data };
}
