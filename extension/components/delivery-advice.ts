import type { Delivery } from '../../shared/api/otp.ts';
import { FAILURE_CLASSES, isFailureClass, troubleshootingStepFor, type FailureClass, type TroubleshootingStep } from '../../shared/delivery.ts';

/** Kinds of failed delivery that have their own fix: the API's failure classes. */
export const DELIVERY_PROBLEMS = FAILURE_CLASSES;
export type DeliveryProblem = FailureClass;

/**
 * A delivery as the helper reads it. `classification` is a plain string,
 * because records from older API versions may carry none or an unknown one.
 * A known class wins over the keyword guess.
 */
export type DeliveryWithClassification = Omit<Delivery, 'classification'> & { classification?: string };

/** Plain-words explanation of a failed delivery and the step that fixes it. */
export interface DeliveryAdvice {
  problem: DeliveryProblem;
  /** Id of the troubleshooting step, the same the API sends as `step`. */
  step: TroubleshootingStep;
  explanation: string;
  fix: string;
}

// Names the helper used before the classes were shared with the API.
const LEGACY_CLASSES: Record<string, DeliveryProblem> = { temporary: 'transient', unknown: 'other' };

// Checked in this order because texts overlap: "552 mailbox full" names a
// mailbox like "no such mailbox" does, and policy rejections often mention "spam".
const KEYWORD_RULES: ReadonlyArray<{ problem: DeliveryProblem; pattern: RegExp }> = [
  {
    problem: 'mailbox_full',
    pattern: /mailbox (is )?full|over ?quota|quota exceeded|exceeded (the )?storage|insufficient (system )?storage|out of storage|\b552\b|\b[45]\.2\.2\b/i,
  },
  {
    problem: 'no_such_mailbox',
    pattern:
      /no such (user|mailbox|recipient|address)|user unknown|unknown (user|recipient)|does ?n[o']t exist|address not found|invalid (recipient|mailbox)|recipient (address )?rejected|mailbox (unavailable|not found)|\b5\.1\.[01]\b/i,
  },
  {
    problem: 'bad_address',
    pattern: /invalid address|bad (recipient )?address|syntax|malformed|domain not found|no mx|\b5\.1\.[23]\b/i,
  },
  {
    problem: 'blocked',
    pattern: /spam|block(ed|list)?|black ?list|policy|\b5\.7\.\d+\b|reputation|dmarc|\bspf\b|dkim|not allowed|denied|quarantin/i,
  },
  {
    problem: 'transient',
    pattern: /time[ds]? ?out|timeout|unreachable|connection (refused|reset|closed|lost)|econn|etimedout|ehostunreach|enotfound|temporar|try again later|greylist|too many connections|\b4\d\d\b|\b4\.\d\.\d+\b/i,
  },
];

/**
 * Guesses the kind of problem from a bounce or SMTP error text by keywords and
 * status codes, for records without a classification. Returns "other" when
 * nothing matches.
 */
export function classifyDeliveryDetail(detail: string | undefined): DeliveryProblem {
  if (!detail) return 'other';
  const rule = KEYWORD_RULES.find(({ pattern }) => pattern.test(detail));
  return rule?.problem ?? 'other';
}

const ADVICE: Record<DeliveryProblem, Omit<DeliveryAdvice, 'problem' | 'step'>> = {
  mailbox_full: {
    explanation: 'The mailbox is full, so the email bounced back.',
    fix: 'Free up space in that mailbox (empty the trash and delete large emails), then resend the code.',
  },
  no_such_mailbox: {
    explanation: "The receiving mail server says this address doesn't exist.",
    fix: 'Check the address for typos, or use a different email for the codes.',
  },
  bad_address: {
    explanation: 'The address is not valid, or its domain does not receive email.',
    fix: 'Check the address for typos, or use a different email for the codes.',
  },
  blocked: {
    explanation: 'The receiving mail server blocked the email as spam or because of a company rule.',
    fix: 'Ask your IT team to allow email from Delete Guard, then resend the code.',
  },
  transient: {
    explanation: "The receiving mail server didn't answer in time, couldn't be reached, or asked to try again later.",
    fix: 'Wait a few minutes, then resend the code.',
  },
  other: {
    explanation: 'The email could not be delivered.',
    fix: 'Resend the code. If it fails again, use a different email or ask your administrator or support.',
  },
};

/** Returns the problem of a failed delivery: its API classification, else a keyword guess from its detail. */
export function findDeliveryProblem(delivery: Pick<DeliveryWithClassification, 'detail' | 'classification' | 'response'>): DeliveryProblem {
  const { classification } = delivery;
  if (isFailureClass(classification)) return classification;
  if (classification && LEGACY_CLASSES[classification]) return LEGACY_CLASSES[classification];
  return classifyDeliveryDetail([delivery.response, delivery.detail].filter(Boolean).join(' '));
}

/**
 * Explains a failed delivery and names the step that fixes it. Returns null for
 * deliveries that did not fail.
 */
export function adviseOnDelivery(
  delivery: Pick<DeliveryWithClassification, 'status' | 'detail' | 'classification' | 'response'>,
): DeliveryAdvice | null {
  if (delivery.status !== 'failed') return null;
  const problem = findDeliveryProblem(delivery);
  return { problem, step: troubleshootingStepFor(problem), ...ADVICE[problem] };
}
