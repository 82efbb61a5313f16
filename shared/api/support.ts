import { z } from 'zod';
import { MAIL_PROVIDERS } from '../provider.ts';
import { deliverySchema, timestampSchema } from './otp.ts';

/** `GET /v1/support/accounts` query: the registered or company email to look for. */
export const supportSearchQuerySchema = z.object({ email: z.string().trim().min(1).max(254) });

/** One account in the support view, with every address masked. */
export const supportAccountSchema = z.object({
  id: z.string(),
  company: z.string(),
  registeredEmail: z.string(),
  companyEmail: z.string().nullable(),
  pendingCompanyEmail: z.string().nullable(),
  /** Address that codes go to now: the company email when verified, else the registered email. */
  destination: z.string(),
  provider: z.enum(MAIL_PROVIDERS),
  createdAt: timestampSchema,
});
export type SupportAccount = z.infer<typeof supportAccountSchema>;

/**
 * `GET /v1/support/accounts?email=` response. An address that belongs to no
 * account gives an empty list with status 200, the same as any other search.
 */
export const supportAccountsResponseSchema = z.object({ accounts: z.array(supportAccountSchema) });
export type SupportAccountsResponse = z.infer<typeof supportAccountsResponseSchema>;

/** `GET /v1/support/accounts/:id/deliveries` response, newest first. */
export const supportDeliveriesResponseSchema = z.object({ deliveries: z.array(deliverySchema) });
export type SupportDeliveriesResponse = z.infer<typeof supportDeliveriesResponseSchema>;

/**
 * `POST /v1/support/accounts/:id/test-email` 201 response: the test email's
 * delivery after its first attempt. A failed attempt is returned here too,
 * with its reason, because finding it is the point of the test.
 */
export const supportTestEmailResponseSchema = z.object({ delivery: deliverySchema });
export type SupportTestEmailResponse = z.infer<typeof supportTestEmailResponseSchema>;

/** Actions of a support key that the audit trail records. */
export const SUPPORT_ACTIONS = ['search_accounts', 'list_deliveries', 'send_test_email'] as const;

/** One entry of the support audit trail. */
export const supportEventSchema = z.object({
  id: z.string(),
  supportKeyId: z.string(),
  supportKeyName: z.string(),
  action: z.enum(SUPPORT_ACTIONS),
  /** Account looked at or mailed; null for a search. */
  accountId: z.string().nullable(),
  /** Accounts a search found. */
  matchedAccountIds: z.array(z.string()).optional(),
  deliveryId: z.string().optional(),
  at: timestampSchema,
});
export type SupportEventView = z.infer<typeof supportEventSchema>;

/** `GET /v1/support/events?accountId=` query. */
export const supportEventsQuerySchema = z.object({ accountId: z.string().min(1).max(100).optional() });

/** `GET /v1/support/events` response, newest first. */
export const supportEventsResponseSchema = z.object({ events: z.array(supportEventSchema) });
export type SupportEventsResponse = z.infer<typeof supportEventsResponseSchema>;
