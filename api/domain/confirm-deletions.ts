import type { Logger } from 'pino';
import { matchesConfirmation } from '../../shared/confirmation.ts';
import { normalizeOtpInput } from '../../shared/otp-input.ts';
import { OTHER_REASON } from '../../shared/reasons.ts';
import type { CreateDeletionRequest, CreateDeletionResponse } from '../../shared/api/deletions.ts';
import type { AppDeps } from '../deps.ts';
import { ApiFailure } from '../http/api-failure.ts';
import { createId } from '../ids.ts';
import { verifyCode } from '../security/codes.ts';
import type { AccountTransaction } from '../store/account-store.ts';
import type { Account, ApprovalRecord } from '../store/schema.ts';
import { HOUR_MS, toIso } from '../time.ts';
import { transactAccount } from './accounts.ts';
import { findCurrentCode, getCodeState } from './codes.ts';
import { pruneExpired } from './prune.ts';

/** The client that requested a deletion, as the server saw it. */
export interface Requester {
  userAgent: string | null;
  ip: string | null;
}

/**
 * Checks the request against the account and its current code and, when every
 * check passes, spends one use per customer and records one approval per
 * customer in a single transaction.
 *
 * Reason, note and confirmation are checked first and never count as attempts.
 * A wrong code is written (one wrong attempt on the code, one failure on the
 * account) before the 403 is raised, so the count survives the error.
 */
export async function confirmDeletions(
  deps: AppDeps,
  account: Account,
  request: CreateDeletionRequest,
  requester: Requester,
  log: Logger,
): Promise<CreateDeletionResponse> {
  checkReasonAndConfirmation(account, request);
  const typed = normalizeOtpInput(request.otp);
  const now = deps.clock.now();

  // Uses, attempts and the failure cap are read and changed in one
  // transaction, under the account row lock on PostgreSQL, so concurrent
  // requests on any instance never overspend a code.
  const outcome = await transactAccount(deps.store, account.id, (tx) => {
    pruneExpired(tx, now);
    return spendCode(deps, tx, account.id, typed, request, requester, now);
  });

  if (outcome.kind === 'wrong') {
    log.warn({ codeId: outcome.codeId, attemptsLeft: outcome.attemptsLeft }, 'Rejected a wrong code');
    throw new ApiFailure('OTP_INVALID', { attemptsLeft: outcome.attemptsLeft });
  }
  log.info({ codeId: outcome.codeId, approvals: outcome.response.deletions.length }, 'Approved deletions');
  return outcome.response;
}

function checkReasonAndConfirmation(account: Account, request: CreateDeletionRequest): void {
  if (!account.reasons.includes(request.reason)) {
    throw new ApiFailure('INVALID_REASON', { reasons: account.reasons });
  }
  if (request.reason === OTHER_REASON && (request.note ?? '').trim() === '') {
    throw new ApiFailure('NOTE_REQUIRED');
  }
  if (!matchesConfirmation(request.confirmation, account.confirmationWord)) {
    throw new ApiFailure('CONFIRMATION_MISMATCH');
  }
}

type SpendOutcome =
  | { kind: 'wrong'; codeId: string; attemptsLeft: number }
  | { kind: 'approved'; codeId: string; response: CreateDeletionResponse };

function spendCode(
  deps: AppDeps,
  tx: AccountTransaction,
  accountId: string,
  typed: string,
  request: CreateDeletionRequest,
  requester: Requester,
  now: number,
): SpendOutcome {
  const { config } = deps;
  const failures = tx.failures.filter((failure) => now - failure.at < HOUR_MS).length;
  if (failures >= config.OTP_ACCOUNT_FAILURES_PER_HOUR) throw new ApiFailure('TOO_MANY_FAILURES');

  const code = findCurrentCode(tx);
  if (!code) throw new ApiFailure('NO_ACTIVE_OTP');
  const state = getCodeState(code, now);
  if (state === 'expired') throw new ApiFailure('OTP_EXPIRED');
  if (state === 'used_up') throw new ApiFailure('OTP_USED_UP');
  if (state === 'locked') throw new ApiFailure('OTP_LOCKED');

  if (!verifyCode(deps.secret, code.id, typed, code.codeHash)) {
    code.wrongAttempts += 1;
    tx.failures.push({ accountId, at: now });
    if (code.wrongAttempts >= config.OTP_MAX_ATTEMPTS) {
      code.endedAt = now;
      code.endReason = 'locked';
    }
    return { kind: 'wrong', codeId: code.id, attemptsLeft: Math.max(0, config.OTP_MAX_ATTEMPTS - code.wrongAttempts) };
  }

  if (request.customers.length > code.usesLeft) {
    throw new ApiFailure('NOT_ENOUGH_USES', { usesLeft: code.usesLeft });
  }

  code.usesLeft -= request.customers.length;
  if (code.usesLeft === 0) code.endedAt = now;
  const approvals: ApprovalRecord[] = request.customers.map((customer) => ({
    id: createId('del'),
    accountId,
    codeId: code.id,
    customer: { id: customer.id, name: customer.name },
    reason: request.reason,
    note: request.note?.trim() ? request.note : null,
    at: now,
    outcome: null,
    outcomeDetail: null,
    outcomeAt: null,
    pageUrl: request.pageUrl ?? null,
    requester,
  }));
  // Stored in the same commit as the spent uses: both or neither.
  tx.appendApprovals(approvals);
  const deletions = approvals.map((approval) => ({ id: approval.id, customerId: approval.customer.id }));

  return { kind: 'approved', codeId: code.id, response: { deletions, usesLeft: code.usesLeft, expiresAt: toIso(code.expiresAt) } };
}
