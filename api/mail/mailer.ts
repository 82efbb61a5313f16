import type { FailureClass } from './smtp-classify.ts';

/** One composed message, before the mailer adds From, Date and Message-ID. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Result of a send that the mail server accepted. */
export interface SentResult {
  status: 'sent';
  messageId: string;
  /** The server's reply to the message, such as "250 2.0.0 Ok: queued as 4Z1x2Y3abc", with addresses masked. */
  response: string;
  /** Id the server queued the message under, when its reply names one. */
  queueId?: string;
}

/** Result of a send that failed, with the reason in plain words. */
export interface FailedResult {
  status: 'failed';
  reason: string;
  responseCode?: number;
  /** The server's reply, such as "552 5.2.2 Mailbox full", with addresses masked. Absent when it sent none. */
  response?: string;
  /** Socket or nodemailer error code when no reply came, such as ETIMEDOUT or ECONNREFUSED. */
  errorCode?: string;
  // NOTE: classification and transient are optional only so that failures
  // built outside the mailer stay valid. createSmtpMailer always sets both.
  /** Kind of failure, for the troubleshooting helper. */
  classification?: FailureClass;
  /** RFC 3463 enhanced status code from the server's reply, such as "5.1.1". */
  enhancedStatus?: string;
  /** True when a later attempt may succeed, so the delivery queue retries it. */
  transient?: boolean;
}

/** The mail server's reply to one message, or the reason none came. */
export type SendResult = SentResult | FailedResult;

/** Sends mail. Never throws for a delivery failure: it returns `failed` with a plain reason. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}

/** Subject and both bodies of a message, as the templates compose it. */
export type ComposedMail = Omit<OutgoingMail, 'to'>;
