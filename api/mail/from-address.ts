import addressparser, { type MailboxAddress } from 'nodemailer/lib/addressparser';
import { emailAddressSchema } from '../../shared/email.ts';
import { toHeaderText } from './header-text.ts';

/**
 * Parses the MAIL_FROM setting into one display name and address.
 *
 * Throws when the value is not exactly one valid address, because every
 * message would then be refused.
 */
export function parseFromAddress(value: string): MailboxAddress {
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

/** Returns the lower-cased domain of an address, the part after the last "@". */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
