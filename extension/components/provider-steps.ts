import type { MailProvider } from '../../shared/provider.ts';

/** The provider's name as users know it. */
export const PROVIDER_NAMES: Record<MailProvider, string> = {
  gmail: 'Gmail',
  outlook: 'Outlook or Hotmail',
  yahoo: 'Yahoo Mail',
  other: 'your email provider',
};

/** Places to look for a missing code per mail provider, the most likely first. */
export const PROVIDER_STEPS: Record<MailProvider, readonly string[]> = {
  gmail: [
    'Open Spam in the left sidebar. If you can\'t see it, click "More" to show the hidden folders.',
    'Look in the Promotions and Updates tabs at the top of your inbox.',
    'Search your mail for "OTP" or "Delete Guard".',
    'If the email is in Spam, open it and click "Report not spam" so the next code lands in your inbox.',
  ],
  outlook: [
    'Open the Junk Email folder.',
    'Check the "Other" tab next to "Focused" at the top of your inbox.',
    'Search your mail for "OTP" or "Delete Guard".',
    'If the email is in Junk Email, open it and choose "Mark as not junk".',
  ],
  yahoo: [
    'Open the Spam folder.',
    'Search your mail for "OTP" or "Delete Guard".',
    'If the email is in Spam, open it and click "Not spam".',
  ],
  other: [
    'Check your spam, junk or bulk mail folder.',
    'Search all folders for "OTP" or "Delete Guard".',
    'Check whether a mail filter or rule moved the email to another folder.',
    'Ask your IT team whether the email is held in a quarantine, and to release it and allow mail from Delete Guard.',
  ],
};
