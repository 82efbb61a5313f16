import nodemailer from 'nodemailer';
import { emailAddressSchema } from '../../shared/email.ts';
import type { OutgoingMail } from './mailer.ts';
import { createMessageBuilder, type MessageSettings } from './message-options.ts';

/**
 * Composes the raw RFC 5322 message that the SMTP mailer would send for
 * `mail`, with the same headers and DKIM signature, without sending it. Lines
 * end in CRLF as on the wire. Used by the mail previews and the spam score test.
 *
 * Throws when `from` or the recipient is not one valid address.
 */
export async function composeRawMessage(mail: OutgoingMail, settings: MessageSettings): Promise<Buffer> {
  const recipient = emailAddressSchema.safeParse(mail.to);
  if (!recipient.success) {
    throw new Error(`Failed to compose the message: the recipient "${mail.to}" is not one valid address.`);
  }

  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail(createMessageBuilder(settings).build(mail, recipient.data));
  return info.message as Buffer;
}
