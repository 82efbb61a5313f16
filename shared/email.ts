import { z } from 'zod';
import {
  EMAIL_NOT_PLAIN_MESSAGE,
  EMAIL_TOO_LONG_MESSAGE,
  isPlainEmailAddress,
  MAX_EMAIL_ADDRESS_LENGTH,
  normalizeEmailAddress,
} from './email-address.ts';

export { describeEmailAddressProblem, isValidEmailAddress, normalizeEmailAddress } from './email-address.ts';

/** A single plain email address, lower-cased domain, at most 254 characters. */
export const emailAddressSchema = z
  .string()
  .max(MAX_EMAIL_ADDRESS_LENGTH, EMAIL_TOO_LONG_MESSAGE)
  .refine(isPlainEmailAddress, { message: EMAIL_NOT_PLAIN_MESSAGE })
  .transform(normalizeEmailAddress);

/**
 * Masks an address for display and logs: the first character of the local part
 * and the whole domain stay, so "owner@acme.test" becomes "o***@acme.test".
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
