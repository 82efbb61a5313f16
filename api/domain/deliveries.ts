import { maskEmail } from '../../shared/email.ts';
import { troubleshootingStepFor } from '../../shared/delivery.ts';
import type { Delivery } from '../../shared/api/otp.ts';
import { createId } from '../ids.ts';
import type { DeliveryStatusUpdate } from '../mail/delivery-queue.ts';
import type { AccountHotState } from '../store/account-store.ts';
import type { DeliveryRecord } from '../store/schema.ts';
import { toIso } from '../time.ts';

/** How many deliveries GET /v1/otp and the support routes list. */
export const LISTED_DELIVERIES = 10;

/** Input of {@link addQueuedDelivery}. */
export interface NewDelivery {
  accountId: string;
  kind: DeliveryRecord['kind'];
  to: string;
  at: number;
  /** Code or verification code the email carries, so its state follows the delivery. */
  codeId?: string;
}

/** Appends a `queued` delivery to a draft and returns it; the delivery queue fills in the rest. */
export function addQueuedDelivery(state: Pick<AccountHotState, 'deliveries'>, entry: NewDelivery): DeliveryRecord {
  const record: DeliveryRecord = {
    id: createId('dlv'),
    accountId: entry.accountId,
    kind: entry.kind,
    to: entry.to,
    at: entry.at,
    status: 'queued',
    detail: null,
    codeId: entry.codeId ?? null,
    attempts: 0,
    updatedAt: entry.at,
  };
  state.deliveries.push(record);
  return record;
}

/**
 * Copies one state change of the delivery queue onto its record. Fields of an
 * earlier failure are cleared when the message is accepted, so a `sent`
 * record never shows a stale rejection.
 */
export function applyStatusToRecord(record: DeliveryRecord, update: DeliveryStatusUpdate): void {
  record.status = update.status;
  record.attempts = update.attempt;
  record.updatedAt = update.at;
  if (update.status === 'queued') return;

  if (update.status === 'sent') {
    record.detail = null;
    delete record.classification;
    delete record.responseCode;
    delete record.enhancedStatus;
    delete record.errorCode;
    delete record.nextAttemptAt;
  } else {
    record.detail = update.detail ?? record.detail;
    setOrDelete(record, 'classification', update.classification);
    setOrDelete(record, 'responseCode', update.responseCode);
    setOrDelete(record, 'enhancedStatus', update.enhancedStatus);
    setOrDelete(record, 'errorCode', update.errorCode);
    setOrDelete(record, 'nextAttemptAt', update.status === 'retrying' ? update.nextAttemptAt : undefined);
  }
  setOrDelete(record, 'response', update.response);
  setOrDelete(record, 'queueId', update.queueId);
}

function setOrDelete<K extends keyof DeliveryRecord>(record: DeliveryRecord, key: K, value: DeliveryRecord[K] | undefined): void {
  if (value === undefined) delete record[key];
  else record[key] = value;
}

/** Converts a delivery record to its API form, with the address masked. */
export function toDeliveryView(record: DeliveryRecord): Delivery {
  return {
    id: record.id,
    at: toIso(record.at),
    kind: record.kind,
    sentTo: maskEmail(record.to),
    status: record.status,
    ...(record.detail !== null ? { detail: record.detail } : {}),
    ...(record.classification ? { classification: record.classification, step: troubleshootingStepFor(record.classification) } : {}),
    ...(record.attempts !== undefined ? { attempts: record.attempts } : {}),
    ...(record.response !== undefined ? { response: record.response } : {}),
    ...(record.responseCode !== undefined ? { responseCode: record.responseCode } : {}),
    ...(record.enhancedStatus !== undefined ? { enhancedStatus: record.enhancedStatus } : {}),
    ...(record.errorCode !== undefined ? { errorCode: record.errorCode } : {}),
    ...(record.queueId !== undefined ? { queueId: record.queueId } : {}),
    ...(record.nextAttemptAt !== undefined ? { nextAttemptAt: toIso(record.nextAttemptAt) } : {}),
    ...(record.updatedAt !== undefined ? { updatedAt: toIso(record.updatedAt) } : {}),
  };
}

/** Lists the account's latest deliveries, newest first. */
export function listRecentDeliveries(state: Pick<AccountHotState, 'deliveries'>): Delivery[] {
  return state.deliveries
    .slice(-LISTED_DELIVERIES)
    .reverse()
    .map(toDeliveryView);
}
