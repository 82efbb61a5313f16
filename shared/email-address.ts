// Plain email address checks with no dependencies, so the content script can
// use them without bundling zod. `emailAddressSchema` in email.ts is built on
// these for the API and keeps the same rules and messages.

/** Longest address accepted, in characters: RFC 5321's 256-octet path minus its angle brackets. */
export const MAX_EMAIL_ADDRESS_LENGTH = 254;

/** Message for an address longer than {@link MAX_EMAIL_ADDRESS_LENGTH}. */
export const EMAIL_TOO_LONG_MESSAGE = 'The email address is longer than 254 characters.';

/** Message for anything that is not one plain address. */
export const EMAIL_NOT_PLAIN_MESSAGE = 'Enter one plain email address, like name@example.com, with no name, spaces or line breaks.';

// One address only, no display name, no whitespace or line breaks anywhere, so a
// value that passes can never add a header or a second recipient to a message.
const ADDRESS_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Checks the syntax of one plain address (no display name, no spaces, no ".."), ignoring its length. */
export function isPlainEmailAddress(value: string): boolean {
  return ADDRESS_PATTERN.test(value) && !value.includes('..');
}

/** Checks that `value` is one plain address of at most 254 characters. */
export function isValidEmailAddress(value: string): boolean {
  return value.length <= MAX_EMAIL_ADDRESS_LENGTH && isPlainEmailAddress(value);
}

/** Lower-cases the domain of an address and keeps the local part as typed. */
export function normalizeEmailAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return address.slice(0, at) + '@' + address.slice(at + 1).toLowerCase();
}

/**
 * Returns the message for the first rule that `value` breaks, in the order the
 * API's schema checks them, or null for a valid address.
 */
export function describeEmailAddressProblem(value: string): string | null {
  if (value.length > MAX_EMAIL_ADDRESS_LENGTH) return EMAIL_TOO_LONG_MESSAGE;
  if (!isPlainEmailAddress(value)) return EMAIL_NOT_PLAIN_MESSAGE;
  return null;
}
