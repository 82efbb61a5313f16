import { z } from 'zod';
import { SUPPORT_ACTIONS } from '../../shared/api/support.ts';
import { FAILURE_CLASSES } from '../../shared/delivery.ts';

// Every time in the data file is epoch milliseconds (UTC), so reading the file
// never depends on the server's time zone.
const epochMs = z.number().int().nonnegative();

/** A company email address waiting for its verification code. */
export const pendingCompanyEmailSchema = z.object({
  email: z.string(),
  codeId: z.string(),
  codeHash: z.string(),
  sentAt: epochMs,
  expiresAt: epochMs,
  attempts: z.number().int().nonnegative(),
});

/** One customer account of the API, holding its settings and key hash. */
export const accountSchema = z.object({
  id: z.string(),
  company: z.string(),
  registeredEmail: z.string(),
  companyEmail: z.string().nullable(),
  pendingCompanyEmail: pendingCompanyEmailSchema.nullable(),
  confirmationWord: z.string(),
  reasons: z.array(z.string()),
  apiKeyHash: z.string(),
  role: z.literal('account'),
  createdAt: epochMs,
});

/** Reasons a code stopped working before it expired or was used up. */
export const CODE_END_REASONS = ['replaced', 'locked', 'mail_failed', 'destination_changed'] as const;

/** One deletion code. Only its HMAC is stored, never the code. */
export const codeSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  codeHash: z.string(),
  issuedAt: epochMs,
  // Null until the email has been accepted by the mail server, so a code whose
  // email failed can never be used.
  activatedAt: epochMs.nullable(),
  expiresAt: epochMs,
  maxUses: z.number().int().positive(),
  usesLeft: z.number().int().nonnegative(),
  wrongAttempts: z.number().int().nonnegative(),
  endedAt: epochMs.nullable(),
  endReason: z.enum(CODE_END_REASONS).nullable(),
  destination: z.string(),
});

export const DELIVERY_KINDS = ['otp', 'verification', 'notice', 'test'] as const;

/** One email the API tried to send. `to` is the full address and is masked in every response. */
export const deliveryRecordSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.enum(DELIVERY_KINDS),
  to: z.string(),
  at: epochMs,
  status: z.enum(['queued', 'retrying', 'sent', 'failed']),
  detail: z.string().nullable(),
  // The fields below came with delivery tracking, so older records lack them.
  /** Code or verification code the email carries; its state follows the delivery. */
  codeId: z.string().nullable().optional(),
  attempts: z.number().int().nonnegative().optional(),
  classification: z.enum(FAILURE_CLASSES).optional(),
  /** The server's last reply, with every address in it masked. */
  response: z.string().optional(),
  responseCode: z.number().int().optional(),
  enhancedStatus: z.string().optional(),
  /** Socket or nodemailer error code when the server sent no reply, such as ETIMEDOUT. */
  errorCode: z.string().optional(),
  queueId: z.string().optional(),
  nextAttemptAt: epochMs.optional(),
  updatedAt: epochMs.optional(),
});

/** One wrong code check, counted for the hourly per-account cap. */
export const failureSchema = z.object({ accountId: z.string(), at: epochMs });

/** One email send, counted for the resend wait and the hourly send cap. */
export const sendSchema = z.object({
  accountId: z.string(),
  at: epochMs,
  // Test emails from support have their own hourly cap and leave the others alone.
  kind: z.enum(['otp', 'verification', 'test']),
  // A failed send still counts toward the hourly cap but not toward the resend
  // wait, so the user can retry at once after fixing the mail server.
  failed: z.boolean(),
});

/** One approved deletion of one customer: the audit trail. */
export const approvalSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  codeId: z.string(),
  customer: z.object({ id: z.string(), name: z.string() }),
  reason: z.string(),
  note: z.string().nullable(),
  at: epochMs,
  outcome: z.enum(['deleted', 'failed']).nullable(),
  outcomeDetail: z.string().nullable(),
  outcomeAt: epochMs.nullable(),
  pageUrl: z.string().nullable(),
  requester: z.object({ userAgent: z.string().nullable(), ip: z.string().nullable() }),
});

/**
 * One support key. Support keys read any account's deliveries and send test
 * emails, but cannot use the account routes. Only the key's hash is stored.
 */
export const supportKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  apiKeyHash: z.string(),
  role: z.literal('support'),
  createdAt: epochMs,
});

/** One action of a support key: the support audit trail. */
export const supportEventSchema = z.object({
  id: z.string(),
  supportKeyId: z.string(),
  action: z.enum(SUPPORT_ACTIONS),
  /** Account looked at or mailed; null for a search. */
  accountId: z.string().nullable(),
  /** Accounts a search found, so a look-up by email can be traced to what it revealed. */
  matchedAccountIds: z.array(z.string()).optional(),
  deliveryId: z.string().optional(),
  at: epochMs,
});

/** The whole data file. */
export const dataSchema = z.object({
  version: z.literal(1),
  accounts: z.array(accountSchema),
  codes: z.array(codeSchema),
  deliveries: z.array(deliveryRecordSchema),
  failures: z.array(failureSchema),
  sends: z.array(sendSchema),
  approvals: z.array(approvalSchema),
  // Added with the support role; files written before it have neither list.
  supportKeys: z.array(supportKeySchema).default([]),
  supportEvents: z.array(supportEventSchema).default([]),
});

export type Data = z.infer<typeof dataSchema>;
export type Account = z.infer<typeof accountSchema>;
export type CodeRecord = z.infer<typeof codeSchema>;
export type CodeEndReason = (typeof CODE_END_REASONS)[number];
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;
export type ApprovalRecord = z.infer<typeof approvalSchema>;
export type SupportKey = z.infer<typeof supportKeySchema>;
export type SupportEvent = z.infer<typeof supportEventSchema>;
export type SupportAction = SupportEvent['action'];

/** Returns the contents of a new, empty data file. */
export function createEmptyData(): Data {
  return { version: 1, accounts: [], codes: [], deliveries: [], failures: [], sends: [], approvals: [], supportKeys: [], supportEvents: [] };
}
