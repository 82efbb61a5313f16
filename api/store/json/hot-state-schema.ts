import { z } from 'zod';
import { accountSchema, codeSchema, deliveryRecordSchema, failureSchema, sendSchema, supportKeySchema } from '../schema.ts';

/** The hot state of one account in the JSON document. */
export const accountHotStateSchema = z.object({
  account: accountSchema,
  codes: z.array(codeSchema),
  failures: z.array(failureSchema),
  sends: z.array(sendSchema),
  deliveries: z.array(deliveryRecordSchema),
});

/**
 * The JSON document of the JSON back end. The audit trail lives in the audit
 * log beside it. `committedSeq` is the sequence number of the last batch whose
 * hot state this document contains. Audit log batches that changed the hot
 * state count as committed only up to that number.
 */
export const hotDocumentSchema = z.object({
  version: z.literal(1),
  committedSeq: z.number().int().nonnegative(),
  /** Keyed by account id, in creation order. */
  accounts: z.record(z.string(), accountHotStateSchema),
  // Added with support keys in the account store; older documents lack it.
  supportKeys: z.array(supportKeySchema).default([]),
});

export type HotDocument = z.infer<typeof hotDocumentSchema>;

/** Returns the document of a new, empty store. */
export function createEmptyHotDocument(): HotDocument {
  return { version: 1, committedSeq: 0, accounts: {}, supportKeys: [] };
}
