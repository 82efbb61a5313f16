import { describe, expect, test } from 'vitest';
import { emailAddressSchema } from '../../shared/email.ts';
import { describeEmailAddressProblem, isValidEmailAddress, normalizeEmailAddress } from '../../shared/email-address.ts';

// The change-email helper checks addresses without zod, so its verdict and
// message must match the API's schema for every kind of input.
const CASES = [
  'owner@acme.test',
  'Owner.Name+tag@Mail.Example.COM',
  'a..b@example.com',
  'Owner <owner@acme.test>',
  'owner@acme.test, other@acme.test',
  'owner@acme',
  'owner @acme.test',
  'owner@acme.test\nBcc: x@y.test',
  `${'a'.repeat(250)}@x.io`,
  '',
];

describe('plain email address checks', () => {
  test.each(CASES)('agree with the schema for %j', (input) => {
    const parsed = emailAddressSchema.safeParse(input);
    expect(isValidEmailAddress(input)).toBe(parsed.success);
    if (parsed.success) {
      expect(normalizeEmailAddress(input)).toBe(parsed.data);
      expect(describeEmailAddressProblem(input)).toBeNull();
    } else {
      expect(describeEmailAddressProblem(input)).toBe(parsed.error.issues[0]?.message);
    }
  });
});
