import { z } from 'zod';
import { FAILURE_CLASSES, TROUBLESHOOTING_STEP_IDS } from '../delivery.ts';
import { MAIL_PROVIDERS } from '../provider.ts';

/** ISO 8601 UTC timestamp, as every time in the API is sent. */
export const timestampSchema = z.iso.datetime();

/**
 * Delivery states of one email. It starts `queued`, turns `retrying` after a
 * temporary failure, and ends `sent` (the mail server accepted it) or `failed`.
 */
export const DELIVERY_STATUSES = ['queued', 'retrying', 'sent', 'failed'] as const;
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);

/** Failure class of a delivery, and the helper step that fixes it. */
export const failureClassSchema = z.enum(FAILURE_CLASSES);
export const troubleshootingStepSchema = z.enum(TROUBLESHOOTING_STEP_IDS);

/**
 * Outcome of one email, as shown to the user. Addresses are masked,
 * also inside `response`. Records written before delivery tracking carry only
 * `detail`, so every field after `status` is optional.
 */
export const deliverySchema = z.object({
  id: z.string(),
  /** When the email was queued. */
  at: timestampSchema,
  kind: z.enum(['otp', 'verification', 'notice', 'test']),
  sentTo: z.string(),
  status: deliveryStatusSchema,
  /** Reason of the last failure in plain words. */
  detail: z.string().optional(),
  classification: failureClassSchema.optional(),
  step: troubleshootingStepSchema.optional(),
  /** Attempts made so far; 0 while queued. */
  attempts: z.number().int().nonnegative().optional(),
  /** The mail server's last reply, such as "250 2.0.0 Ok: queued as 4Z1x2Y3abc" or "552 5.2.2 Mailbox full". */
  response: z.string().optional(),
  /** Basic SMTP reply code of the last rejection, such as 552. */
  responseCode: z.number().int().optional(),
  /** RFC 3463 enhanced status code of the last rejection, such as "5.2.2". */
  enhancedStatus: z.string().optional(),
  /** Socket or nodemailer error code when the server sent no reply, such as ETIMEDOUT. */
  errorCode: z.string().optional(),
  /** Id the mail server queued the message under, when its reply names one. */
  queueId: z.string().optional(),
  /** When the next attempt is due, while `retrying`. */
  nextAttemptAt: timestampSchema.optional(),
  /** When the status last changed. */
  updatedAt: timestampSchema.optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** `POST /v1/otp` takes no body (an empty JSON object is accepted). */
export const sendOtpRequestSchema = z.object({}).strict();

/** `POST /v1/otp` 201 response. */
export const sendOtpResponseSchema = z.object({
  sentTo: z.string(),
  provider: z.enum(MAIL_PROVIDERS),
  issuedAt: timestampSchema,
  expiresAt: timestampSchema,
  maxUses: z.number().int(),
  usesLeft: z.number().int(),
  resendAvailableAt: timestampSchema,
  /**
   * State after the first attempt: `sent`, or `retrying` when the mail server
   * failed temporarily. A `retrying` code becomes usable once its email is
   * accepted; until then the previous code keeps working.
   */
  delivery: deliverySchema.pick({
    id: true,
    status: true,
    detail: true,
    classification: true,
    step: true,
    attempts: true,
    nextAttemptAt: true,
  }),
});
export type SendOtpResponse = z.infer<typeof sendOtpResponseSchema>;

/** `GET /v1/otp` response: the active code's state, never the code. */
export const otpStatusSchema = z.object({
  active: z.boolean(),
  sentTo: z.string(),
  provider: z.enum(MAIL_PROVIDERS),
  subject: z.string(),
  issuedAt: timestampSchema.optional(),
  expiresAt: timestampSchema.optional(),
  maxUses: z.number().int().optional(),
  usesLeft: z.number().int().optional(),
  attemptsLeft: z.number().int().optional(),
  resendAvailableAt: timestampSchema,
  deliveries: z.array(deliverySchema),
});
export type OtpStatus = z.infer<typeof otpStatusSchema>;
