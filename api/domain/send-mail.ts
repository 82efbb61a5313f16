import type { Logger } from 'pino';
import type { Mailer, OutgoingMail, SendResult } from '../mail/mailer.ts';

/**
 * Sends one email and always returns a result: a mailer that throws, against
 * its contract, counts as a failed send so no request ends in a 500.
 */
export async function sendMailSafely(mailer: Mailer, mail: OutgoingMail, log: Logger): Promise<SendResult> {
  try {
    return await mailer.send(mail);
  } catch (error) {
    log.error({ err: error }, 'Failed to send email: the mailer threw');
    return { status: 'failed', reason: 'The mail server could not be reached.' };
  }
}
