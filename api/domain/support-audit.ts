import type { SupportEventView } from '../../shared/api/support.ts';
import { createId } from '../ids.ts';
import type { Data, SupportEvent, SupportKey } from '../store/schema.ts';
import { toIso } from '../time.ts';

/** How many events GET /v1/support/events returns at most. */
export const LISTED_SUPPORT_EVENTS = 100;

/** Details of one support action, for {@link addSupportEvent}. */
export type SupportEventInput = Pick<SupportEvent, 'action' | 'accountId' | 'matchedAccountIds' | 'deliveryId'>;

/** Appends one support action to the audit trail in a draft. */
export function addSupportEvent(data: Data, supportKey: SupportKey, input: SupportEventInput, at: number): SupportEvent {
  const event: SupportEvent = {
    id: createId('sev'),
    supportKeyId: supportKey.id,
    action: input.action,
    accountId: input.accountId,
    ...(input.matchedAccountIds ? { matchedAccountIds: input.matchedAccountIds } : {}),
    ...(input.deliveryId ? { deliveryId: input.deliveryId } : {}),
    at,
  };
  data.supportEvents.push(event);
  return event;
}

/**
 * Lists the latest support events, newest first. With `accountId`, only the
 * events about that account: look-ups of its deliveries, its test emails and
 * searches that found it.
 */
export function listSupportEvents(data: Data, accountId?: string): SupportEventView[] {
  const names = new Map(data.supportKeys.map((key) => [key.id, key.name]));
  const about = (event: SupportEvent) =>
    accountId === undefined || event.accountId === accountId || (event.matchedAccountIds ?? []).includes(accountId);

  return data.supportEvents
    .filter(about)
    .slice(-LISTED_SUPPORT_EVENTS)
    .reverse()
    .map((event) => ({
      id: event.id,
      supportKeyId: event.supportKeyId,
      // A deleted key keeps its events; its name is gone with it.
      supportKeyName: names.get(event.supportKeyId) ?? '(deleted key)',
      action: event.action,
      accountId: event.accountId,
      ...(event.matchedAccountIds ? { matchedAccountIds: event.matchedAccountIds } : {}),
      ...(event.deliveryId ? { deliveryId: event.deliveryId } : {}),
      at: toIso(event.at),
    }));
}
