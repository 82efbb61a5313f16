import type { Account, ApprovalRecord, CodeRecord, DeliveryRecord, SupportEvent, SupportKey } from '../schema.ts';

// Row converters between the tables of the migrations and the store's records.
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

export const DELIVERY_COLUMNS =
  'id, account_id, kind, to_address, at, status, detail, code_id, attempts, classification, response, response_code, enhanced_status, error_code, queue_id, next_attempt_at, updated_at';

export function deliveryFromRow(row: Row): DeliveryRecord {
  // The tracking fields are optional in the record; a NULL column leaves the field out.
  const optional = <T>(key: string, value: T | null): Partial<Record<string, T>> => (value === null || value === undefined ? {} : { [key]: value });
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    kind: row.kind as DeliveryRecord['kind'],
    to: row.to_address as string,
    at: ms(row.at),
    status: row.status as DeliveryRecord['status'],
    detail: row.detail as string | null,
    ...optional('codeId', row.code_id as string | null),
    ...optional('attempts', row.attempts as number | null),
    ...optional('classification', row.classification as DeliveryRecord['classification'] | null),
    ...optional('response', row.response as string | null),
    ...optional('responseCode', row.response_code as number | null),
    ...optional('enhancedStatus', row.enhanced_status as string | null),
    ...optional('errorCode', row.error_code as string | null),
    ...optional('queueId', row.queue_id as string | null),
    ...optional('nextAttemptAt', msOrNull(row.next_attempt_at)),
    ...optional('updatedAt', msOrNull(row.updated_at)),
  } as DeliveryRecord;
}

export function deliveryParams(delivery: DeliveryRecord): unknown[] {
  return [
    delivery.id,
    delivery.accountId,
    delivery.kind,
    delivery.to,
    toDate(delivery.at),
    delivery.status,
    delivery.detail,
    delivery.codeId ?? null,
    delivery.attempts ?? null,
    delivery.classification ?? null,
    delivery.response ?? null,
    delivery.responseCode ?? null,
    delivery.enhancedStatus ?? null,
    delivery.errorCode ?? null,
    delivery.queueId ?? null,
    toDate(delivery.nextAttemptAt ?? null),
    toDate(delivery.updatedAt ?? null),
  ];
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

export const SUPPORT_EVENT_COLUMNS = 'id, support_key_id, action, account_id, matched_account_ids, delivery_id, at';

export function supportEventFromRow(row: Row): SupportEvent {
  return {
    id: row.id as string,
    supportKeyId: row.support_key_id as string,
    action: row.action as SupportEvent['action'],
    accountId: row.account_id as string | null,
    ...(row.matched_account_ids !== null ? { matchedAccountIds: row.matched_account_ids as string[] } : {}),
    ...(row.delivery_id !== null ? { deliveryId: row.delivery_id as string } : {}),
    at: ms(row.at),
  };
}

export function supportEventParams(event: SupportEvent): unknown[] {
  return [event.id, event.supportKeyId, event.action, event.accountId, event.matchedAccountIds ?? null, event.deliveryId ?? null, toDate(event.at)];
}

export const SUPPORT_KEY_COLUMNS = 'id, name, api_key_hash, role, created_at';

export function supportKeyFromRow(row: Row): SupportKey {
  return {
    id: row.id as string,
    name: row.name as string,
    apiKeyHash: row.api_key_hash as string,
    role: row.role as SupportKey['role'],
    createdAt: ms(row.created_at),
  };
}

export function supportKeyParams(key: SupportKey): unknown[] {
  return [key.id, key.name, key.apiKeyHash, key.role, toDate(key.createdAt)];
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
