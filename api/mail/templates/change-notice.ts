import type { ComposedMail } from '../mailer.ts';
import { html } from './html.ts';
import { heading, paragraph, PRODUCT_NAME, renderHtmlDocument, TEXT_FOOTER } from './layout.ts';
import { formatCompanyName, formatUtcTime } from './wording.ts';

/** Input of {@link composeChangeNotice}. */
export interface ChangeNoticeInput {
  company: string;
  /** The address OTPs go to from now on, already masked, such as "o***@acme.test". */
  destination: string;
  changedAt: Date;
  /** True when OTPs go back to the registered email that receives this notice. */
  backToRegisteredEmail?: boolean;
}

/** Returns the subject of the notice that OTPs now go to another address. */
export function changeNoticeSubject(company: string): string {
  return `${PRODUCT_NAME} OTPs for ${formatCompanyName(company)} now go to a different address`;
}

/**
 * Composes the notice sent to the registered email when the OTP destination
 * changes, so the owner notices a change they did not make.
 */
export function composeChangeNotice(input: ChangeNoticeInput): ComposedMail {
  const company = formatCompanyName(input.company);
  const subject = input.backToRegisteredEmail
    ? `${PRODUCT_NAME} OTPs for ${company} now come to this address again`
    : changeNoticeSubject(input.company);
  const when = formatUtcTime(input.changedAt);
  const change = input.backToRegisteredEmail
    ? `Since ${when}, ${PRODUCT_NAME} sends the OTPs for deleting customers of ${company} to this address (${input.destination}) again.`
    : `Since ${when}, ${PRODUCT_NAME} sends the OTPs for deleting customers of ${company} to ${input.destination} instead of this address.`;
  const consequence = 'Whoever receives the OTPs can approve deletions in the CRM.';
  const notChangedTitle = 'Did not make this change?';
  const notChanged =
    `Someone with access to the ${PRODUCT_NAME} settings of ${company} made it. ` +
    'Tell your CRM administrator, so they can find out who changed it and change it back.';

  const text = [change, consequence, '', notChangedTitle, notChanged, '', TEXT_FOOTER, ''].join('\n');

  const blocks = [
    paragraph(html`<strong>${change}</strong>`),
    paragraph(consequence),
    heading(notChangedTitle),
    paragraph(notChanged),
  ];

  return { subject, text, html: renderHtmlDocument(subject, blocks) };
}
