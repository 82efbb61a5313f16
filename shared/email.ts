import { z } from 'zod';

// One address only, no display name, no whitespace or line breaks anywhere, so a
// value that passes can never add a header or a second recipient to a message.
const ADDRESS_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A single plain email address, lower-cased domain, at most 254 characters. */
export const emailAddressSchema = z
  .string()
  .max(254, 'The email address is longer than 254 characters.')
  .refine((value) => ADDRESS_PATTERN.test(value) && !value.includes('..'), {
    message: 'Enter one plain email address, like name@example.com, with no name, spaces or line breaks.',
  })
  .transform((value) => {
    const at = value.lastIndexOf('@');
    return value.slice(0, at) + '@' + value.slice(at + 1).toLowerCase();
  });

/**
 * Masks an address for display and logs: the first character of the local part
 * and the whole domain stay, so "owner@acme.test" becomes "o***@acme.test".
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
