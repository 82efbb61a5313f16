import type { ComposedMail } from '../mailer.ts';
import { html } from './html.ts';
import { codeBlock, heading, paragraph, PRODUCT_NAME, renderHtmlDocument, TEXT_FOOTER } from './layout.ts';
import { formatCompanyName, formatCount } from './wording.ts';

/** Input of {@link composeVerificationMail}. */
export interface VerificationMailInput {
  company: string;
  code: string;
  /** How long the code stays valid, in minutes. */
  ttlMinutes: number;
}

/** Returns the subject of the email that confirms a new Company Email address. */
export function verificationSubject(company: string): string {
  return `Confirm the ${PRODUCT_NAME} company email for ${formatCompanyName(company)}`;
}

/**
 * Composes the email sent to a new Company Email address. Its code proves that
 * the address belongs to the company before OTPs are sent there.
 */
export function composeVerificationMail(input: VerificationMailInput): ComposedMail {
  const company = formatCompanyName(input.company);
  const subject = verificationSubject(input.company);
  const intro = `This address was entered as the company email of ${company} in ${PRODUCT_NAME}. Once you confirm it, ${PRODUCT_NAME} sends the OTPs for deleting customers to this address.`;
  // The address is entered, and this code confirmed, in the deletion dialog's "Didn't get the code?" helper.
  const instruction = `Enter this code under "Use a different email" in the ${PRODUCT_NAME} dialog's "Didn't get the code?" helper to confirm. It works for ${formatCount(input.ttlMinutes, 'minute')}.`;
  const notRequestedTitle = 'Did not expect this email?';
  const notRequested =
    `Someone with access to the ${PRODUCT_NAME} settings of ${company} entered this address. ` +
    'Without this code the change does not happen, and OTPs keep going to the current address. ' +
    'You can ignore this email, or tell your CRM administrator.';

  const text = [
    intro,
    '',
    `Your confirmation code for ${company} is:`,
    '',
    `    ${input.code}`,
    '',
    instruction,
    '',
    notRequestedTitle,
    notRequested,
    '',
    TEXT_FOOTER,
    '',
  ].join('\n');

  const blocks = [
    paragraph(intro),
    paragraph(html`Your confirmation code for <strong>${company}</strong> is:`),
    codeBlock(input.code),
    paragraph(instruction),
    heading(notRequestedTitle),
    paragraph(notRequested),
  ];

  return { subject, text, html: renderHtmlDocument(subject, blocks) };
}
