import type { Account, ApprovalRecord, CodeRecord } from '../../../api/store/schema.ts';

let counter = 0;

/** Returns a unique id with a readable prefix; tests need no randomness. */
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}`;
}

/** Builds a valid account. */
export function makeAccount(overrides: Partial<Account> = {}): Account {
  const id = overrides.id ?? nextId('acct');
  return {
    id,
    company: `Company ${id}`,
    registeredEmail: `owner-${id}@example.test`,
    companyEmail: null,
    pendingCompanyEmail: null,
    confirmationWord: 'DELETE',
    reasons: ['Customer request', 'Other'],
    apiKeyHash: `hash-${id}`,
    role: 'account',
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** Builds an active code of the account with `uses` uses left. */
export function makeCode(accountId: string, uses: number, overrides: Partial<CodeRecord> = {}): CodeRecord {
  return {
    id: nextId('code'),
    accountId,
    codeHash: 'code-hash',
    issuedAt: 1_700_000_000_000,
    activatedAt: 1_700_000_000_500,
    expiresAt: 1_700_003_600_000,
    maxUses: uses,
    usesLeft: uses,
    wrongAttempts: 0,
    endedAt: null,
    endReason: null,
    destination: 'team@example.test',
    ...overrides,
  };
}

/** Builds an approval of the account without an outcome. */
export function makeApproval(accountId: string, overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  const id = overrides.id ?? nextId('del');
  return {
    id,
    accountId,
    codeId: 'code_1',
    customer: { id: `cust-${id}`, name: `Customer ${id}` },
    reason: 'Customer request',
    note: null,
    at: 1_700_000_001_000,
    outcome: null,
    outcomeDetail: null,
    outcomeAt: null,
    pageUrl: null,
    requester: { userAgent: 'vitest', ip: '127.0.0.1' },
    ...overrides,
  };
}
