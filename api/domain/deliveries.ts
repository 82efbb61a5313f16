import { maskEmail } from '../../shared/email.ts';
import type { Delivery } from '../../shared/api/otp.ts';
import { createId } from '../ids.ts';
import type { SendResult } from '../mail/mailer.ts';
import type { Data, DeliveryRecord } from '../store/schema.ts';
import { toIso } from '../time.ts';

/** How many deliveries GET /v1/otp lists. */
export const LISTED_DELIVERIES = 10;

/** Appends the record of one email attempt to a draft and returns it. */
export function recordDelivery(
  data: Data,
  entry: { accountId: string; kind: DeliveryRecord['kind']; to: string; at: number; result: SendResult },
): DeliveryRecord {
  const record: DeliveryRecord = {
    id: createId('dlv'),
    accountId: entry.accountId,
    kind: entry.kind,
    to: entry.to,
    at: entry.at,
    status: entry.result.status,
    detail: entry.result.status === 'failed' ? entry.result.reason : null,
  };
  data.deliveries.push(record);
  return record;
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
  };
}

/** Lists the account's latest deliveries, newest first. */
export function listRecentDeliveries(data: Data, accountId: string): Delivery[] {
  return data.deliveries
    .filter((record) => record.accountId === accountId)
    .slice(-LISTED_DELIVERIES)
    .reverse()
    .map(toDeliveryView);
}
