/** Mail providers the troubleshooting helper has specific steps for. */
export const MAIL_PROVIDERS = ['gmail', 'outlook', 'yahoo', 'other'] as const;
export type MailProvider = (typeof MAIL_PROVIDERS)[number];

/**
 * Detects the mail provider of an address from its domain alone. Company
 * domains hosted by Google or Microsoft come back as "other" here.
 */
export function detectProvider(address: string): MailProvider {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
  if (domain === 'gmail.com' || domain === 'googlemail.com') return 'gmail';
  if (domain === 'outlook.com' || domain === 'msn.com' || /^(hotmail|live)\.[a-z.]+$/.test(domain)) return 'outlook';
  if (domain === 'ymail.com' || domain === 'rocketmail.com' || /^yahoo\.[a-z.]+$/.test(domain)) return 'yahoo';
  return 'other';
}
