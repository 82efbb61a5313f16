import type { ComposedMail } from '../mailer.ts';
import { html } from './html.ts';
import { codeBlock, heading, paragraph, PRODUCT_NAME, renderHtmlDocument, TEXT_FOOTER } from './layout.ts';
import { formatCompanyName, formatCount, toSafeLink } from './wording.ts';

// Longer company names are cut with an ellipsis, so the product name and "OTP"
// stay at the start of a subject that inbox lists can show.
const MAX_SUBJECT_COMPANY_LENGTH = 100;

/** Input of {@link composeOtpMail}. */
export interface OtpMailInput {
  company: string;
  code: string;
  /** How long the code stays valid, in minutes. */
  ttlMinutes: number;
  /** How many deletions the code allows. */
  maxUses: number;
  /** Link back to the CRM. Only an http(s) URL is used, and anything else is left out. */
  crmUrl?: string;
}

/**
 * Returns the exact subject of an OTP email, such as "Your Delete Guard OTP
 * for Demo Company". The API shows it so users can search their mail for it.
 * Line breaks in the name become spaces, and names longer than 100 characters
 * are cut with an ellipsis.
 */
export function otpSubject(company: string): string {
  const name = formatCompanyName(company);
  const shortName = name.length > MAX_SUBJECT_COMPANY_LENGTH ? `${name.slice(0, MAX_SUBJECT_COMPANY_LENGTH - 1)}…` : name;
  return `Your ${PRODUCT_NAME} OTP for ${shortName}`;
}

/**
 * Composes the email that carries a one-time code for deletions. Text and HTML
 * parts have the same content: the code, how long it is valid, and what to do
 * if the reader did not ask for it.
 */
export function composeOtpMail(input: OtpMailInput): ComposedMail {
  const company = formatCompanyName(input.company);
  const subject = otpSubject(input.company);
  const validity = `It works for ${formatCount(input.ttlMinutes, 'minute')} or ${formatCount(input.maxUses, 'deletion')}, whichever comes first.`;
  const crmUrl = toSafeLink(input.crmUrl);
  const instruction = `Enter this code in the ${PRODUCT_NAME} window of your CRM to confirm deleting customers of ${company}.`;
  const notRequestedTitle = 'Did not ask for this code?';
  const notRequested =
    `Someone with access to the CRM of ${company} clicked Send OTP. ` +
    'No one can delete customers without this code. ' +
    'Do not share it, and tell your CRM administrator.';

  const textLines = [
    `Your ${PRODUCT_NAME} OTP for ${company} is:`,
    '',
    `    ${input.code}`,
    '',
    instruction,
    validity,
  ];
  if (crmUrl) textLines.push('', `Back to the CRM: ${crmUrl}`);
  textLines.push('', notRequestedTitle, notRequested, '', TEXT_FOOTER, '');

  const blocks = [
    paragraph(html`Your ${PRODUCT_NAME} OTP for <strong>${company}</strong> is:`),
    codeBlock(input.code),
    paragraph(instruction),
    paragraph(html`<strong>${validity}</strong>`),
  ];
  if (crmUrl) blocks.push(paragraph(html`<a href="${crmUrl}" style="color:#1d4ed8;">Back to the CRM</a>`));
  blocks.push(heading(notRequestedTitle), paragraph(notRequested));

  return { subject, text: textLines.join('\n'), html: renderHtmlDocument(subject, blocks) };
}
