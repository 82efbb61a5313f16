import { z } from 'zod';
import { MAIL_PROVIDERS } from '../provider.ts';

/** ISO 8601 UTC timestamp, as every time in the API is sent. */
export const timestampSchema = z.iso.datetime();

/** Delivery states of one email. Later mail work adds "queued" and "retrying". */
export const DELIVERY_STATUSES = ['queued', 'retrying', 'sent', 'failed'] as const;
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);

/** What happened to one email, as shown to the user. Addresses are masked. */
export const deliverySchema = z.object({
  id: z.string(),
  at: timestampSchema,
  kind: z.enum(['otp', 'verification', 'notice', 'test']),
  sentTo: z.string(),
  status: deliveryStatusSchema,
  detail: z.string().optional(),
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
  delivery: z.object({ id: z.string(), status: deliveryStatusSchema, detail: z.string().optional() }),
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
