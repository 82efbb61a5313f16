import nodemailer, { type DKIMOptions, type NodemailerError } from 'nodemailer';
import type { Logger } from 'pino';
import { emailAddressSchema, maskEmail } from '../../shared/email.ts';
import type { Clock } from '../clock.ts';
import type { FailedResult, Mailer, OutgoingMail, SendResult } from './mailer.ts';
import { maskAddressesInReply } from './mask-reply.ts';
import { createMessageBuilder } from './message-options.ts';
import { classifySmtpFailure, type SmtpClassification } from './smtp-classify.ts';
import { describeSmtpFailure, type SmtpTimeouts } from './smtp-failure.ts';
import { parseQueueId } from './smtp-reply.ts';

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
  /**
   * Reuse connections across messages, off by default. An object also sets
   * how many connections to open and how fast to send in a burst.
   */
  pool?: boolean | SmtpPoolSettings;
  /** Overrides of {@link DEFAULT_SMTP_TIMEOUTS}, mostly for tests. */
  timeouts?: Partial<SmtpTimeouts>;
  /** Source of the Date header. */
  clock?: Clock;
  /** DKIM signing key, from {@link loadDkimOptions}. Messages go out unsigned when it is null or absent. */
  dkim?: DKIMOptions | null;
}

/** Connection pool settings of {@link createSmtpMailer}, passed to nodemailer's pooled SMTP transport. */
export interface SmtpPoolSettings {
  /** Maximum open connections to the server. nodemailer's default is 5. */
  maxConnections?: number;
  /** Maximum messages sent per `rateDelta` milliseconds; later ones wait. Unlimited when unset. */
  rateLimit?: number;
  /** Window of `rateLimit`, in milliseconds. nodemailer's default is 1000. */
  rateDelta?: number;
}

/**
 * Creates a mailer that sends through one SMTP server with nodemailer.
 *
 * Each message gets From, Date, a Message-ID in the From domain, headers that
 * ask auto-responders not to reply, and a DKIM signature when `dkim` is set.
 * Failures are classified (see {@link classifySmtpFailure}) so callers know
 * whether a retry may help. Logs carry the masked recipient and never the
 * subject, body or code.
 *
 * Throws when `from` is not exactly one valid address, because every message
 * would then be refused.
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const builder = createMessageBuilder({ from: options.from, clock: options.clock, dkim: options.dkim });
  const timeouts: SmtpTimeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...options.timeouts };
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
  const poolSettings = options.pool === true ? {} : options.pool || undefined;
  const transport = poolSettings
    ? nodemailer.createTransport({ ...transportOptions, ...poolSettings, pool: true })
    : nodemailer.createTransport(transportOptions);

  async function send(mail: OutgoingMail): Promise<SendResult> {
    const maskedTo = maskEmail(mail.to);
    const recipient = emailAddressSchema.safeParse(mail.to);
    if (!recipient.success) {
      const reason = 'The recipient address is invalid: it must be one plain address like name@example.com.';
      logger.warn({ to: maskedTo, reason }, 'Failed to send email: invalid recipient');
      return { status: 'failed', reason, classification: 'bad_address', transient: false };
    }

    const message = builder.build(mail, recipient.data);
    const messageId = message.messageId;
    try {
      const info = await transport.sendMail({ ...message, signal: AbortSignal.timeout(timeouts.sendMs) });

      const response = maskAddressesInReply(info.response);
      if (info.accepted.length === 0) {
        const reason = `The mail server did not accept the recipient: ${response}`;
        logger.warn({ to: maskedTo, messageId, reason }, 'Failed to send email: recipient not accepted');
        return { status: 'failed', reason, response, ...toResultFields(classifySmtpFailure({ response: info.response })) };
      }
      const queueId = parseQueueId(info.response);
      logger.info({ to: maskedTo, messageId, response }, 'Email sent');
      return { status: 'sent', messageId: info.messageId, response, ...(queueId ? { queueId } : {}) };
    } catch (error) {
      const failure = describeSmtpFailure(error, recipient.data, timeouts);
      const classified = toResultFields(classifyError(error));
      const errorCode = readErrorCode(error);
      logger.warn({ to: maskedTo, messageId, errorCode, ...classified, ...failure }, 'Failed to send email');
      // A reply from the server explains the failure, so the error code is kept only without one.
      return { status: 'failed', ...failure, ...classified, ...(errorCode && !failure.response ? { errorCode } : {}) };
    }
  }

  async function close(): Promise<void> {
    transport.close();
  }

  return { send, close };
}

function toResultFields(result: SmtpClassification): Pick<FailedResult, 'classification' | 'transient' | 'enhancedStatus'> {
  const fields = { classification: result.classification, transient: result.transient };
  return result.enhancedStatus ? { ...fields, enhancedStatus: result.enhancedStatus } : fields;
}

function readErrorCode(error: unknown): string | undefined {
  const failure = error as Partial<NodemailerError>;
  const code = failure.originalCode ?? failure.code;
  return typeof code === 'string' ? code : undefined;
}

function classifyError(error: unknown): SmtpClassification {
  const failure = error as NodemailerError;
  return classifySmtpFailure({
    responseCode: failure.responseCode,
    response: failure.response,
    // The socket's errno code, such as ECONNREFUSED, survives in originalCode
    // once nodemailer has replaced code with ESOCKET.
    errorCode: failure.originalCode ?? failure.code,
  });
}
