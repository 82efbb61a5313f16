import type { ComposedMail } from '../mailer.ts';
import { paragraph, PRODUCT_NAME, renderHtmlDocument, TEXT_FOOTER } from './layout.ts';
import { formatCompanyName, formatUtcTime } from './wording.ts';

/** Input of {@link composeTestMail}. */
export interface TestMailInput {
  company: string;
  sentAt: Date;
}

/** Returns the subject of a delivery test email. */
export function testMailSubject(company: string): string {
  return `${PRODUCT_NAME} delivery test for ${formatCompanyName(company)}`;
}

/**
 * Composes the delivery test that support sends to an account's code address.
 * It carries no code and requests nothing, so it is harmless wherever it lands.
 */
export function composeTestMail(input: TestMailInput): ComposedMail {
  const subject = testMailSubject(input.company);
  const purpose =
    `This is a delivery test from ${PRODUCT_NAME} support, sent at ${formatUtcTime(input.sentAt)} to check that ` +
    `emails for ${formatCompanyName(input.company)} reach this address.`;
  const noAction = 'It contains no code, and you do not need to do anything.';
  const replyToSupport = 'If support asked you to look for it, tell them it arrived and in which folder.';
  const spamFolder = 'If it is in your spam or junk folder, mark it as not spam, so the codes reach your inbox.';

  const text = [purpose, '', noAction, replyToSupport, spamFolder, '', TEXT_FOOTER, ''].join('\n');
  const blocks = [paragraph(purpose), paragraph(noAction), paragraph(replyToSupport), paragraph(spamFolder)];
  return { subject, text, html: renderHtmlDocument(subject, blocks) };
}
