/** One composed message, before the mailer adds From, Date and Message-ID. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What the mail server answered for one message. */
export type SendResult =
  | { status: 'sent'; messageId: string; response: string }
  | { status: 'failed'; reason: string; responseCode?: number };

/** Sends mail. Never throws for a delivery failure: it returns `failed` with a plain reason. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): Promise<void>;
}

/** Subject and both bodies of a message, as the templates compose it. */
export type ComposedMail = Omit<OutgoingMail, 'to'>;
