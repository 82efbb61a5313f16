import type { Delivery } from '../../shared/api/otp.ts';

/** Kinds of failed delivery that have their own fix. */
export const DELIVERY_PROBLEMS = ['mailbox_full', 'bad_address', 'blocked', 'temporary', 'unknown'] as const;
export type DeliveryProblem = (typeof DELIVERY_PROBLEMS)[number];

/**
 * A delivery as the helper reads it. `classification` is optional because the
 * API does not send it yet; when it does, it wins over the keyword guess.
 */
export type DeliveryWithClassification = Delivery & { classification?: string };

/** Plain-words explanation of a failed delivery and the step that fixes it. */
export interface DeliveryAdvice {
  problem: DeliveryProblem;
  explanation: string;
  fix: string;
}

// Checked in this order because texts overlap: "552 mailbox full" names a
// mailbox like "no such mailbox" does, and policy rejections often mention "spam".
const KEYWORD_RULES: ReadonlyArray<{ problem: DeliveryProblem; pattern: RegExp }> = [
  {
    problem: 'mailbox_full',
    pattern: /mailbox (is )?full|over ?quota|quota exceeded|exceeded (the )?storage|insufficient (system )?storage|out of storage|\b552\b|\b[45]\.2\.2\b/i,
  },
  {
    problem: 'bad_address',
    pattern:
      /no such (user|mailbox|recipient|address)|user unknown|unknown (user|recipient)|does ?n[o']t exist|address not found|invalid (recipient|address|mailbox)|recipient (address )?rejected|mailbox (unavailable|not found)|\b5\.1\.[0-3]\b|domain not found|no mx/i,
  },
  {
    problem: 'blocked',
    pattern: /spam|block(ed|list)?|black ?list|policy|\b5\.7\.\d+\b|reputation|dmarc|\bspf\b|dkim|not allowed|denied|quarantin/i,
  },
  {
    problem: 'temporary',
    pattern: /time[ds]? ?out|timeout|unreachable|connection (refused|reset|closed|lost)|econn|etimedout|ehostunreach|enotfound|temporar|try again later|greylist|too many connections|\b4\d\d\b|\b4\.\d\.\d+\b/i,
  },
];

/**
 * Guesses the kind of problem from a bounce or SMTP error text by keywords and
 * status codes. Returns "unknown" when nothing matches.
 */
export function classifyDeliveryDetail(detail: string | undefined): DeliveryProblem {
  if (!detail) return 'unknown';
  const rule = KEYWORD_RULES.find(({ pattern }) => pattern.test(detail));
  return rule?.problem ?? 'unknown';
}

function isDeliveryProblem(value: string | undefined): value is DeliveryProblem {
  return (DELIVERY_PROBLEMS as readonly string[]).includes(value ?? '');
}

const ADVICE: Record<DeliveryProblem, Omit<DeliveryAdvice, 'problem'>> = {
  mailbox_full: {
    explanation: 'The mailbox is full, so the email bounced back.',
    fix: 'Free up space in that mailbox (empty the trash and delete large emails), then resend the code.',
  },
  bad_address: {
    explanation: "The receiving mail server says this address doesn't exist.",
    fix: 'Check the address for typos, or use a different email for the codes.',
  },
  blocked: {
    explanation: 'The receiving mail server blocked the email as spam or because of a company rule.',
    fix: 'Ask your IT team to allow email from Delete Guard, then resend the code.',
  },
  temporary: {
    explanation: "The receiving mail server didn't answer in time or couldn't be reached.",
    fix: 'Wait a few minutes, then resend the code.',
  },
  unknown: {
    explanation: 'The email could not be delivered.',
    fix: 'Resend the code. If it fails again, use a different email or contact support.',
  },
};

/**
 * Explains a failed delivery and names the step that fixes it. Returns null for
 * deliveries that did not fail.
 */
export function adviseOnDelivery(delivery: Pick<DeliveryWithClassification, 'status' | 'detail' | 'classification'>): DeliveryAdvice | null {
  if (delivery.status !== 'failed') return null;
  const problem = isDeliveryProblem(delivery.classification) ? delivery.classification : classifyDeliveryDetail(delivery.detail);
  return { problem, ...ADVICE[problem] };
}
