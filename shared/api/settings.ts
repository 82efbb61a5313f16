import { z } from 'zod';
import { emailAddressSchema } from '../email.ts';
import { MAIL_PROVIDERS } from '../provider.ts';
import { deliverySchema } from './otp.ts';

/** `GET /v1/settings` response. Every address is masked. */
export const settingsSchema = z.object({
  company: z.string(),
  registeredEmail: z.string(),
  companyEmail: z.string().nullable(),
  pendingCompanyEmail: z.string().nullable(),
  destination: z.string(),
  provider: z.enum(MAIL_PROVIDERS),
  confirmationWord: z.string(),
  reasons: z.array(z.string()),
  otherReason: z.string(),
  limits: z.object({
    otpTtlSeconds: z.number().int(),
    otpMaxUses: z.number().int(),
    otpResendSeconds: z.number().int(),
    otpMaxAttempts: z.number().int(),
    otpDigits: z.number().int(),
  }),
});
export type Settings = z.infer<typeof settingsSchema>;

/** `PUT /v1/settings/company-email` body. */
export const setCompanyEmailRequestSchema = z.object({ email: emailAddressSchema }).strict();

/** `PUT /v1/settings/company-email` 202 response. */
export const setCompanyEmailResponseSchema = z.object({
  pendingCompanyEmail: z.string(),
  provider: z.enum(MAIL_PROVIDERS),
  expiresAt: z.iso.datetime(),
  delivery: deliverySchema.pick({ id: true, status: true, detail: true, classification: true, step: true, attempts: true, nextAttemptAt: true }),
});

/** `POST /v1/settings/company-email/verify` body. */
export const verifyCompanyEmailRequestSchema = z.object({ code: z.string().min(1).max(64) }).strict();
