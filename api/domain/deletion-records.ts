import type { DeletionRecord, ListDeletionsResponse, ReportOutcomeRequest } from '../../shared/api/deletions.ts';
import type { AppDeps } from '../deps.ts';
import { ApiFailure } from '../http/api-failure.ts';
import type { ApprovalRecord } from '../store/schema.ts';
import { toIso } from '../time.ts';

/** Converts an approval to its API form. */
export function toDeletionRecord(approval: ApprovalRecord): DeletionRecord {
  return {
    id: approval.id,
    customer: approval.customer,
    reason: approval.reason,
    note: approval.note,
    at: toIso(approval.at),
    outcome: approval.outcome,
    outcomeDetail: approval.outcomeDetail,
    outcomeAt: approval.outcomeAt === null ? null : toIso(approval.outcomeAt),
    codeId: approval.codeId,
    pageUrl: approval.pageUrl,
    requester: approval.requester,
  };
}

/**
 * Lists the account's approvals newest first, `limit` at a time. `before` is
 * the id of the last record of the previous page. An id the account does not
 * own is NOT_FOUND, so one account cannot probe another's ids.
 */
export async function listDeletions(deps: AppDeps, accountId: string, limit: number, before?: string): Promise<ListDeletionsResponse> {
  const page = await deps.store.listApprovals(accountId, { limit, ...(before !== undefined ? { before } : {}) });
  if (!page) throw new ApiFailure('NOT_FOUND', {}, { message: `No deletion with id "${before}" to page from.` });
  return { deletions: page.items.map(toDeletionRecord), nextBefore: page.nextBefore };
}

/**
 * Stores what happened to an approved deletion in the CRM. The outcome can be
 * set once; another account's id is NOT_FOUND.
 */
export async function reportOutcome(deps: AppDeps, accountId: string, deletionId: string, report: ReportOutcomeRequest): Promise<DeletionRecord> {
  const result = await deps.store.setOutcome(accountId, deletionId, { outcome: report.outcome, detail: report.detail ?? null, at: deps.clock.now() });
  if (result.kind === 'not_found') throw new ApiFailure('NOT_FOUND', {}, { message: `No deletion with id "${deletionId}".` });
  if (result.kind === 'already_set') throw new ApiFailure('OUTCOME_ALREADY_SET', { outcome: result.approval.outcome });
  return toDeletionRecord(result.approval);
}
