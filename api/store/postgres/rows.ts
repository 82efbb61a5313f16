import type { SupportEvent } from '../account-store.ts';
import type { Account, ApprovalRecord, CodeRecord, DeliveryRecord } from '../schema.ts';

// Row converters between the tables of 001_init.sql and the store's records.
// timestamptz comes back from pg as a Date and goes in as epoch milliseconds
// through toDate.

type Row = Record<string, unknown>;

/** Converts epoch milliseconds (or null) to a Date for a timestamptz parameter. */
export function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

function ms(value: unknown): number {
  return (value as Date).getTime();
}

function msOrNull(value: unknown): number | null {
  return value === null ? null : ms(value);
}

export const ACCOUNT_COLUMNS =
  'id, company, registered_email, company_email, pending_company_email, confirmation_word, reasons, api_key_hash, role, created_at';

export function accountFromRow(row: Row): Account {
  return {
    id: row.id as string,
    company: row.company as string,
    registeredEmail: row.registered_email as string,
    companyEmail: row.company_email as string | null,
    pendingCompanyEmail: row.pending_company_email as Account['pendingCompanyEmail'],
    confirmationWord: row.confirmation_word as string,
    reasons: row.reasons as string[],
    apiKeyHash: row.api_key_hash as string,
    role: row.role as Account['role'],
    createdAt: ms(row.created_at),
  };
}

export function accountParams(account: Account): unknown[] {
  return [
    account.id,
    account.company,
    account.registeredEmail,
    account.companyEmail,
    account.pendingCompanyEmail === null ? null : JSON.stringify(account.pendingCompanyEmail),
    account.confirmationWord,
    account.reasons,
    account.apiKeyHash,
    account.role,
    toDate(account.createdAt),
  ];
}

export const CODE_COLUMNS =
  'id, account_id, code_hash, issued_at, activated_at, expires_at, max_uses, uses_left, wrong_attempts, ended_at, end_reason, destination';

export function codeFromRow(row: Row): CodeRecord {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    codeHash: row.code_hash as string,
    issuedAt: ms(row.issued_at),
    activatedAt: msOrNull(row.activated_at),
    expiresAt: ms(row.expires_at),
    maxUses: row.max_uses as number,
    usesLeft: row.uses_left as number,
    wrongAttempts: row.wrong_attempts as number,
    endedAt: msOrNull(row.ended_at),
    endReason: row.end_reason as CodeRecord['endReason'],
    destination: row.destination as string,
  };
}

export function codeParams(code: CodeRecord): unknown[] {
  return [
    code.id,
    code.accountId,
    code.codeHash,
    toDate(code.issuedAt),
    toDate(code.activatedAt),
    toDate(code.expiresAt),
    code.maxUses,
    code.usesLeft,
    code.wrongAttempts,
    toDate(code.endedAt),
    code.endReason,
    code.destination,
  ];
}

export const DELIVERY_COLUMNS = 'id, account_id, kind, to_address, at, status, detail';

export function deliveryFromRow(row: Row): DeliveryRecord {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    kind: row.kind as DeliveryRecord['kind'],
    to: row.to_address as string,
    at: ms(row.at),
    status: row.status as DeliveryRecord['status'],
    detail: row.detail as string | null,
  };
}

export function deliveryParams(delivery: DeliveryRecord): unknown[] {
  return [delivery.id, delivery.accountId, delivery.kind, delivery.to, toDate(delivery.at), delivery.status, delivery.detail];
}

export const APPROVAL_COLUMNS =
  'id, account_id, code_id, customer_id, customer_name, reason, note, at, page_url, requester_user_agent, requester_ip, outcome, outcome_detail, outcome_at';

export function approvalFromRow(row: Row): ApprovalRecord {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    codeId: row.code_id as string,
    customer: { id: row.customer_id as string, name: row.customer_name as string },
    reason: row.reason as string,
    note: row.note as string | null,
    at: ms(row.at),
    outcome: row.outcome as ApprovalRecord['outcome'],
    outcomeDetail: row.outcome_detail as string | null,
    outcomeAt: msOrNull(row.outcome_at),
    pageUrl: row.page_url as string | null,
    requester: { userAgent: row.requester_user_agent as string | null, ip: row.requester_ip as string | null },
  };
}

export function approvalParams(approval: ApprovalRecord): unknown[] {
  return [
    approval.id,
    approval.accountId,
    approval.codeId,
    approval.customer.id,
    approval.customer.name,
    approval.reason,
    approval.note,
    toDate(approval.at),
    approval.pageUrl,
    approval.requester.userAgent,
    approval.requester.ip,
    approval.outcome,
    approval.outcomeDetail,
    toDate(approval.outcomeAt),
  ];
}

export const SUPPORT_EVENT_COLUMNS = 'id, account_id, at, kind, actor, detail';

export function supportEventFromRow(row: Row): SupportEvent {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    at: ms(row.at),
    kind: row.kind as string,
    actor: row.actor as string | null,
    detail: row.detail as string | null,
  };
}

export function supportEventParams(event: SupportEvent): unknown[] {
  return [event.id, event.accountId, toDate(event.at), event.kind, event.actor, event.detail];
}

/** Builds "($1, $2), ($3, $4)" for `rows` rows of `columns` parameters each. */
export function valuesList(rows: number, columns: number): string {
  const groups: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const placeholders = Array.from({ length: columns }, (_, column) => `$${row * columns + column + 1}`);
    groups.push(`(${placeholders.join(', ')})`);
  }
  return groups.join(', ');
}
