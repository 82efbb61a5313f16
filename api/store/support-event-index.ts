import type { PageRequest, SupportEventFilter } from './account-store.ts';
import { checkPageLimit } from './audit-index.ts';
import type { SupportEvent } from './schema.ts';

interface ListEntry<V> {
  id: string;
  value: V;
}

/**
 * In-memory index of support events in append order: one list of every
 * event, and one list per account of the events about it (its own events and
 * searches that found it). Pages are newest first by keyset, like
 * AccountListIndex.
 */
export class SupportEventIndex<V> {
  private readonly all: ListEntry<V>[] = [];
  private readonly byAccount = new Map<string, ListEntry<V>[]>();
  // Position of each id in every list that contains it, keyed by list.
  private readonly positions = new Map<ListEntry<V>[], Map<string, number>>();

  /** Checks whether an event with this id is indexed. */
  has(id: string): boolean {
    return this.positionsOf(this.all).has(id);
  }

  /** Adds an event at the end of the lists it belongs to; raises on a duplicate id. */
  add(event: Pick<SupportEvent, 'id' | 'accountId' | 'matchedAccountIds'>, value: V): void {
    if (this.has(event.id)) throw new Error(`Failed to index support event "${event.id}": the id is already indexed.`);
    const entry = { id: event.id, value };
    this.push(this.all, entry);
    const about = new Set([...(event.accountId === null ? [] : [event.accountId]), ...(event.matchedAccountIds ?? [])]);
    for (const accountId of about) {
      let list = this.byAccount.get(accountId);
      if (!list) {
        list = [];
        this.byAccount.set(accountId, list);
      }
      this.push(list, entry);
    }
  }

  /** Returns one page newest first; null when `before` is not in the filtered list. */
  page(filter: SupportEventFilter, request: PageRequest): { values: V[]; nextBefore: string | null } | null {
    checkPageLimit(request.limit);
    const list = filter.accountId === undefined ? this.all : (this.byAccount.get(filter.accountId) ?? []);
    let end = list.length;
    if (request.before !== undefined) {
      const position = this.positionsOf(list).get(request.before);
      if (position === undefined) return null;
      end = position;
    }
    const start = Math.max(0, end - request.limit);
    const entries = list.slice(start, end).reverse();
    const nextBefore = start > 0 && entries.length > 0 ? entries[entries.length - 1]!.id : null;
    return { values: entries.map((entry) => entry.value), nextBefore };
  }

  private push(list: ListEntry<V>[], entry: ListEntry<V>): void {
    this.positionsOf(list).set(entry.id, list.length);
    list.push(entry);
  }

  private positionsOf(list: ListEntry<V>[]): Map<string, number> {
    let positions = this.positions.get(list);
    if (!positions) {
      positions = new Map();
      this.positions.set(list, positions);
    }
    return positions;
  }
}
