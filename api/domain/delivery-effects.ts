import type { DeliveryStatusUpdate } from '../mail/delivery-queue.ts';
import type { AccountHotState } from '../store/account-store.ts';
import type { DeliveryRecord } from '../store/schema.ts';
import { endOpenCodes } from './codes.ts';
import { applyStatusToRecord } from './deliveries.ts';

/**
 * Records one state change of a delivery and applies what it means for the
 * code the email carries. Runs inside a store transaction. Returns the
 * record, or undefined when it is gone (a record is never deleted today, so
 * that means the store was replaced under the queue).
 *
 * - A code email that was accepted activates its code and ends older ones,
 *   unless a newer code is already active.
 * - A code email that failed for good ends its code, so it can never be used,
 *   and the previous code keeps working.
 * - A verification email that failed for good drops the pending address.
 * - A failed send of any kind stops counting toward the resend wait.
 */
export function applyDeliveryStatus(data: AccountHotState, deliveryId: string, update: DeliveryStatusUpdate): DeliveryRecord | undefined {
  const record = data.deliveries.find((candidate) => candidate.id === deliveryId);
  if (!record) return undefined;
  applyStatusToRecord(record, update);

  if (update.status === 'sent' && record.kind === 'otp' && record.codeId) activateCode(data, record.codeId, update.at);
  if (update.status === 'failed') {
    if (record.kind === 'otp' && record.codeId) endFailedCode(data, record.codeId, update.at);
    if (record.kind === 'verification' && record.codeId) dropPendingEmail(data, record.codeId);
    markSendFailed(data, record);
  }
  return record;
}

function activateCode(data: AccountHotState, codeId: string, now: number): void {
  const code = data.codes.find((candidate) => candidate.id === codeId);
  // Ended while its email was being sent, as when the destination changed.
  if (!code || code.endedAt !== null) return;

  code.activatedAt = now;
  // An older send finishing late, as after retries, must not end a newer code.
  const newer = data.codes.some((other) => other.activatedAt !== null && other.issuedAt > code.issuedAt);
  if (newer) {
    code.endedAt = now;
    code.endReason = 'replaced';
  } else {
    endOpenCodes(data, 'replaced', now, code.id);
  }
}

function endFailedCode(data: AccountHotState, codeId: string, now: number): void {
  const code = data.codes.find((candidate) => candidate.id === codeId);
  if (!code || code.endedAt !== null) return;
  code.endedAt = now;
  code.endReason = 'mail_failed';
}

function dropPendingEmail(data: AccountHotState, codeId: string): void {
  if (data.account.pendingCompanyEmail?.codeId === codeId) data.account.pendingCompanyEmail = null;
}

function markSendFailed(data: AccountHotState, record: DeliveryRecord): void {
  const kind = record.kind === 'otp' || record.kind === 'verification' || record.kind === 'test' ? record.kind : undefined;
  if (!kind) return;
  // The send was recorded in the transaction that queued the delivery, at the same time.
  const send = data.sends.find((entry) => entry.at === record.at && entry.kind === kind);
  if (send) send.failed = true;
}
