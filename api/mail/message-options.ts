import { randomUUID } from 'node:crypto';
import type { DKIMOptions, SendMailOptions } from 'nodemailer';
import type { MailboxAddress } from 'nodemailer/lib/addressparser';
import { systemClock, type Clock } from '../clock.ts';
import { domainOf, parseFromAddress } from './from-address.ts';
import { toHeaderText } from './header-text.ts';
import type { OutgoingMail } from './mailer.ts';

/** Sender settings shared by the SMTP mailer, the previews and the mail tests. */
export interface MessageSettings {
  /** From header, such as "Delete Guard <no-reply@delete-guard.localhost>". */
  from: string;
  /** Source of the Date header. */
  clock?: Clock;
  /** DKIM signing key, from {@link loadDkimOptions}. Messages are unsigned without it. */
  dkim?: DKIMOptions | null;
}

/** Turns an {@link OutgoingMail} into nodemailer message options. */
export interface MessageBuilder {
  from: MailboxAddress;
  /** Domain of the From address, also used for Message-IDs. */
  fromDomain: string;
  /** Builds the options of one message to `recipient`, an address that is already validated. */
  build(mail: OutgoingMail, recipient: string): SendMailOptions;
}

/**
 * Creates the builder that gives each message From, Date, a Message-ID in the
 * From domain, headers that ask auto-responders not to reply, and the DKIM
 * signature when a key is set.
 *
 * Throws when `from` is not exactly one valid address.
 */
export function createMessageBuilder(settings: MessageSettings): MessageBuilder {
  const from = parseFromAddress(settings.from);
  const fromDomain = domainOf(from.address);
  const clock = settings.clock ?? systemClock;

  function build(mail: OutgoingMail, recipient: string): SendMailOptions {
    return {
      from,
      // An address object, not a string, so nodemailer never parses the
      // value for names, groups or further recipients.
      to: { name: '', address: recipient },
      subject: toHeaderText(mail.subject),
      text: mail.text,
      html: mail.html,
      date: new Date(clock.now()),
      messageId: `<${randomUUID()}@${fromDomain}>`,
      headers: {
        // RFC 3834, and the Exchange equivalent: out-of-office replies to a
        // no-reply sender only bounce.
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
      },
      ...(settings.dkim ? { dkim: settings.dkim } : {}),
    };
  }

  return { from, fromDomain, build };
}
