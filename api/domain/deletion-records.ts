import type { DeletionRecord, ListDeletionsResponse, ReportOutcomeRequest } from '../../shared/api/deletions.ts';
import type { AppDeps } from '../deps.ts';
import { ApiFailure } from '../http/api-failure.ts';
import type { ApprovalRecord, Data } from '../store/schema.ts';
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
export function listDeletions(data: Data, accountId: string, limit: number, before?: string): ListDeletionsResponse {
  // Approvals are appended in time order, so the reversed list is newest first.
  const own = data.approvals.filter((approval) => approval.accountId === accountId).reverse();
  let start = 0;
  if (before !== undefined) {
    const index = own.findIndex((approval) => approval.id === before);
    if (index === -1) throw new ApiFailure('NOT_FOUND', {}, { message: `No deletion with id "${before}" to page from.` });
    start = index + 1;
  }

  const page = own.slice(start, start + limit);
  const more = start + limit < own.length;
  return { deletions: page.map(toDeletionRecord), nextBefore: more && page.length > 0 ? page[page.length - 1]!.id : null };
}

/**
 * Stores what happened to an approved deletion in the CRM. The outcome can be
 * set once; another account's id is NOT_FOUND.
 */
export function reportOutcome(deps: AppDeps, accountId: string, deletionId: string, report: ReportOutcomeRequest): Promise<DeletionRecord> {
  const now = deps.clock.now();
  return deps.store.update((data) => {
    const approval = data.approvals.find((candidate) => candidate.id === deletionId && candidate.accountId === accountId);
    if (!approval) throw new ApiFailure('NOT_FOUND', {}, { message: `No deletion with id "${deletionId}".` });
    if (approval.outcome !== null) throw new ApiFailure('OUTCOME_ALREADY_SET', { outcome: approval.outcome });

    approval.outcome = report.outcome;
    approval.outcomeDetail = report.detail ?? null;
    approval.outcomeAt = now;
    return toDeletionRecord(approval);
  });
}
