import { z } from 'zod';

/** One field problem inside a VALIDATION_FAILED error. */
export const validationIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

/**
 * The one error shape of the API: `{error: {code, message, ...details}}`.
 * Details depend on the code: `issues` for VALIDATION_FAILED, `attemptsLeft`
 * for OTP_INVALID, `usesLeft` for NOT_ENOUGH_USES, `retryAfterSeconds` for the
 * 429 codes, and for MAIL_FAILED `reason` with `classification`, `step` and
 * `deliveryId`.
 */
export const apiErrorSchema = z.object({
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      issues: z.array(validationIssueSchema).optional(),
      attemptsLeft: z.number().int().optional(),
      usesLeft: z.number().int().optional(),
      retryAfterSeconds: z.number().int().optional(),
      reason: z.string().optional(),
      classification: z.string().optional(),
      step: z.string().optional(),
      deliveryId: z.string().optional(),
    })
    .passthrough(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** `GET /health` response. */
export const healthSchema = z.object({ ok: z.literal(true), version: z.string() });
