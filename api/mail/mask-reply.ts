import { maskEmail } from '../../shared/email.ts';

// Loose on purpose: servers quote addresses as <Bob@Example.test>, "bob@x" or
// bare, and masking a false match costs nothing.
const ADDRESS_PATTERN = /[^\s<>"'()[\],;:@]+@[a-z0-9.-]+/gi;

/**
 * Masks every email address in a mail server's reply, so the reply can be
 * stored, shown in the delivery history and logged.
 */
export function maskAddressesInReply(reply: string): string {
  return reply.replace(ADDRESS_PATTERN, (address) => maskEmail(address));
}
