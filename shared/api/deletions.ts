import { z } from 'zod';
import { MAX_CUSTOMERS_PER_DELETION } from '../deletion-limits.ts';
import { timestampSchema } from './otp.ts';

export { MAX_CUSTOMERS_PER_DELETION } from '../deletion-limits.ts';

/** One customer as the extension read it from the CRM page. */
export const customerSchema = z.object({
  id: z.string().trim().min(1, 'The customer id is empty.').max(200),
  name: z.string().max(500).default(''),
});
export type Customer = z.infer<typeof customerSchema>;

/** `POST /v1/deletions` body. Reason, note and confirmation are checked against the account afterwards. */
export const createDeletionRequestSchema = z
  .object({
    customers: z
      .array(customerSchema)
      .min(1, 'Name at least one customer.')
      .max(MAX_CUSTOMERS_PER_DELETION, `Name at most ${MAX_CUSTOMERS_PER_DELETION} customers.`),
    reason: z.string().min(1, 'Pick a reason.').max(200),
    note: z.string().max(2000).optional(),
    confirmation: z.string().max(200),
    otp: z.string().min(1, 'Enter the code from the email.').max(64),
    pageUrl: z.string().max(2000).optional(),
  })
  .strict();
export type CreateDeletionRequest = z.infer<typeof createDeletionRequestSchema>;

/** `POST /v1/deletions` 201 response: one approval per customer. */
export const createDeletionResponseSchema = z.object({
  deletions: z.array(z.object({ id: z.string(), customerId: z.string() })),
  usesLeft: z.number().int(),
  expiresAt: timestampSchema,
});
export type CreateDeletionResponse = z.infer<typeof createDeletionResponseSchema>;

export const DELETION_OUTCOMES = ['deleted', 'failed'] as const;

/** `POST /v1/deletions/:id/outcome` body. */
export const reportOutcomeRequestSchema = z
  .object({
    outcome: z.enum(DELETION_OUTCOMES),
    detail: z.string().max(1000).optional(),
  })
  .strict();
export type ReportOutcomeRequest = z.infer<typeof reportOutcomeRequestSchema>;

/** `GET /v1/deletions` query. */
export const listDeletionsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(100).optional(),
});

/** One approved deletion in the audit trail. */
export const deletionRecordSchema = z.object({
  id: z.string(),
  customer: customerSchema,
  reason: z.string(),
  note: z.string().nullable(),
  at: timestampSchema,
  outcome: z.enum(DELETION_OUTCOMES).nullable(),
  outcomeDetail: z.string().nullable(),
  outcomeAt: timestampSchema.nullable(),
  codeId: z.string(),
  pageUrl: z.string().nullable(),
  requester: z.object({ userAgent: z.string().nullable(), ip: z.string().nullable() }),
});
export type DeletionRecord = z.infer<typeof deletionRecordSchema>;

/** `GET /v1/deletions` response, newest first; `nextBefore` pages further back. */
export const listDeletionsResponseSchema = z.object({
  deletions: z.array(deletionRecordSchema),
  nextBefore: z.string().nullable(),
});
export type ListDeletionsResponse = z.infer<typeof listDeletionsResponseSchema>;
