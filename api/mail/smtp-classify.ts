import { troubleshootingStepFor, type FailureClass, type TroubleshootingStep } from '../../shared/delivery.ts';
import { parseEnhancedStatus, parseResponseCode } from './smtp-reply.ts';

// The classes and step ids are part of the API contract, so they live in shared/.
export { FAILURE_CLASSES, TROUBLESHOOTING_STEPS, troubleshootingStepFor } from '../../shared/delivery.ts';
export type { FailureClass, TroubleshootingStep } from '../../shared/delivery.ts';

/** Facts about one failed send: the SMTP reply, or the socket or nodemailer error code. */
export interface SmtpFailureFacts {
  /** Basic SMTP reply code, such as 550. */
  responseCode?: number;
  /** Full reply text, such as "550 5.1.1 <o***@acme.test>: Recipient address rejected". */
  response?: string;
  /** Error code from the socket (ECONNREFUSED) or nodemailer (ETIMEDOUT, EAUTH). */
  errorCode?: string;
}

/** Result of {@link classifySmtpFailure}. */
export interface SmtpClassification {
  classification: FailureClass;
  /**
   * True when resending later may succeed. A transient failure can still have
   * a specific class, such as a 452 4.2.2 reply for a mailbox that is full now.
   */
  transient: boolean;
  /** RFC 3463 enhanced status code from the reply, such as "5.1.1". */
  enhancedStatus?: string;
  step: TroubleshootingStep;
}

// Errors that end the connection, not the message: the next attempt opens a
// new connection and may succeed. Timeouts include the greeting timeout and
// the mailer's own whole-send limit (EABORT).
const TRANSIENT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNECTION',
  'ETIMEDOUT',
  'EABORT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'ESOCKET',
]);

// Reply texts of servers that send no enhanced status code, or a generic one
// like 5.0.0. Checked in this order, so "blocked as spam" wins over "user".
const TEXT_RULES: ReadonlyArray<[RegExp, FailureClass]> = [
  [/\b(spam|blocked|blacklist|blocklist|denylist|dnsbl|reputation|policy)\b/i, 'blocked'],
  [/\b(mailbox (is )?full|over ?quota|quota exceeded|insufficient (system )?storage)\b/i, 'mailbox_full'],
  [
    /\b(user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|doesn't exist|recipient not found|mailbox not found|mailbox unavailable|invalid recipient)\b/i,
    'no_such_mailbox',
  ],
  [/\b(syntax|malformed|bad (recipient )?address|invalid address)\b/i, 'bad_address'],
];

/**
 * Classifies a failed send by its SMTP reply or error code, so the delivery
 * queue can decide whether to retry and the helper can show the matching step.
 *
 * The enhanced status code decides first, then the reply text, then the
 * basic reply code. Any 4xx reply and any connection error or timeout is
 * transient. A 4.2.2 "mailbox full" reply is transient but classed
 * `mailbox_full`, so a caller that sees it twice can treat it as permanent.
 */
export function classifySmtpFailure(facts: SmtpFailureFacts): SmtpClassification {
  // A rejected login is our SMTP_URL, not the recipient, and the reply code
  // (535 5.7.8) would otherwise read as a block.
  if (facts.errorCode === 'EAUTH' || facts.errorCode === 'ENOAUTH') return withStep('other', false);

  const response = facts.response?.trim() ?? '';
  const enhancedStatus = parseEnhancedStatus(response);
  const responseCode = facts.responseCode ?? parseResponseCode(response);

  if (responseCode === undefined && enhancedStatus === undefined) {
    const transient = facts.errorCode !== undefined && TRANSIENT_ERROR_CODES.has(facts.errorCode);
    return withStep(transient ? 'transient' : 'other', transient);
  }

  const transient = enhancedStatus ? enhancedStatus.startsWith('4.') : responseCode !== undefined && responseCode < 500;
  const classification =
    classifyEnhancedStatus(enhancedStatus) ??
    classifyText(response) ??
    (isSpecific(enhancedStatus) ? undefined : classifyResponseCode(responseCode)) ??
    (transient ? 'transient' : 'other');

  // A 4xx reply keeps a specific class only for a full mailbox, because the
  // retry logic stops when it repeats. Every other temporary refusal is "transient".
  const finalClass = transient && classification !== 'mailbox_full' ? 'transient' : classification;
  return withStep(finalClass, transient, enhancedStatus);
}

function classifyEnhancedStatus(status: string | undefined): FailureClass | undefined {
  if (!status) return undefined;
  const [, subject, detail] = status.split('.');
  const code = `${subject}.${detail}`;

  if (code === '2.2') return 'mailbox_full';
  // 5.1.1 unknown mailbox, 5.1.6 mailbox moved, 5.1.10 null MX, 5.2.1 mailbox disabled.
  if (code === '1.1' || code === '1.6' || code === '1.10' || code === '2.1') return 'no_such_mailbox';
  // 5.1.2 unknown destination domain, 5.1.3 invalid address syntax.
  if (code === '1.2' || code === '1.3') return 'bad_address';
  if (subject === '7') return 'blocked';
  return undefined;
}

// A specific enhanced code such as 5.3.4 (message too big) overrides what the
// basic code usually means, so 552 5.3.4 is not taken for a full mailbox.
function isSpecific(status: string | undefined): boolean {
  return status !== undefined && !status.endsWith('.0.0');
}

function classifyText(response: string): FailureClass | undefined {
  for (const [pattern, classification] of TEXT_RULES) {
    if (pattern.test(response)) return classification;
  }
  return undefined;
}

function classifyResponseCode(responseCode: number | undefined): FailureClass | undefined {
  if (responseCode === 552) return 'mailbox_full';
  if (responseCode === 553) return 'bad_address';
  if (responseCode === 554) return 'blocked';
  return undefined;
}

function withStep(classification: FailureClass, transient: boolean, enhancedStatus?: string): SmtpClassification {
  return {
    classification,
    transient,
    ...(enhancedStatus ? { enhancedStatus } : {}),
    step: troubleshootingStepFor(classification),
  };
}
