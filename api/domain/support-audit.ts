import type { SupportEventView } from '../../shared/api/support.ts';
import { createId } from '../ids.ts';
import type { AppServices } from '../services.ts';
import type { SupportEvent, SupportKey } from '../store/schema.ts';
import { toIso } from '../time.ts';

/** How many events GET /v1/support/events returns at most. */
export const LISTED_SUPPORT_EVENTS = 100;

/** Details of one support action, for {@link buildSupportEvent}. */
export type SupportEventInput = Pick<SupportEvent, 'action' | 'accountId' | 'matchedAccountIds' | 'deliveryId'>;

/** Builds the audit record of one support action; the caller stores it. */
export function buildSupportEvent(supportKey: SupportKey, input: SupportEventInput, at: number): SupportEvent {
  return {
    id: createId('sev'),
    supportKeyId: supportKey.id,
    action: input.action,
    accountId: input.accountId,
    ...(input.matchedAccountIds ? { matchedAccountIds: input.matchedAccountIds } : {}),
    ...(input.deliveryId ? { deliveryId: input.deliveryId } : {}),
    at,
  };
}

/**
 * Lists the latest support events, newest first. With `accountId`, only the
 * events about that account: look-ups of its deliveries, its test emails and
 * searches that found it.
 */
export async function listSupportEvents(services: AppServices, accountId?: string): Promise<SupportEventView[]> {
  const [page, keys] = await Promise.all([
    services.store.listSupportEvents(accountId === undefined ? {} : { accountId }, { limit: LISTED_SUPPORT_EVENTS }),
    services.store.listSupportKeys(),
  ]);
  const names = new Map(keys.map((key) => [key.id, key.name]));

  return (page?.items ?? []).map((event) => ({
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
