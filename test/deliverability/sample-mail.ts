import type { ComposedMail } from '../../api/mail/mailer.ts';
import { composeChangeNotice, composeOtpMail, composeTestMail, composeVerificationMail } from '../../api/mail/templates.ts';

/** Sender of the sample mail: a sending subdomain, so DKIM can sign for the parent domain. */
export const SAMPLE_FROM = 'Delete Guard <no-reply@mail.example.com>';
export const SAMPLE_FROM_DOMAIN = 'mail.example.com';
export const SAMPLE_RECIPIENT = 'owner@acme.example';
export const SAMPLE_CRM_URL = 'https://crm.acme.example/customers';

/** One kind of mail the product sends, with the code it carries, if any. */
export interface SampleMail {
  kind: string;
  mail: ComposedMail;
  code?: string;
}

/** Composes every kind of mail the API sends with realistic input. Pass null for a setup without CRM_URL. */
export function composeSampleMails(crmUrl: string | null = SAMPLE_CRM_URL): SampleMail[] {
  return [
    {
      kind: 'OTP',
      code: '048213',
      mail: composeOtpMail({ company: 'Demo Company', code: '048213', ttlMinutes: 60, maxUses: 50, crmUrl: crmUrl ?? undefined }),
    },
    {
      kind: 'company email verification',
      code: '583920',
      mail: composeVerificationMail({ company: 'Demo Company', code: '583920', ttlMinutes: 30 }),
    },
    {
      kind: 'change notice',
      mail: composeChangeNotice({ company: 'Demo Company', destination: 'o***@acme.example', changedAt: new Date() }),
    },
    {
      kind: 'delivery test',
      mail: composeTestMail({ company: 'Demo Company', sentAt: new Date() }),
    },
  ];
}
