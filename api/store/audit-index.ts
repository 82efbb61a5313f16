import type { PageRequest } from './account-store.ts';

interface IndexEntry<V> {
  accountId: string;
  position: number;
  value: V;
}

/** Raises a RangeError unless `limit` is a positive integer, the rule of every listing. */
export function checkPageLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Failed to list records: the page limit must be a positive integer, got ${limit}.`);
}

/**
 * In-memory index of records per account in append order, with newest-first
 * keyset paging. Looking up the `before` id is a map lookup, so a page costs
 * the same however long the history is.
 */
export class AccountListIndex<V> {
  private readonly idsByAccount = new Map<string, string[]>();
  private readonly entries = new Map<string, IndexEntry<V>>();

  /** Number of records indexed. */
  get size(): number {
    return this.entries.size;
  }

  /** Adds a record at the end of its account's list; raises on a duplicate id. */
  add(accountId: string, id: string, value: V): void {
    if (this.entries.has(id)) throw new Error(`Failed to index record "${id}": the id is already indexed.`);
    let ids = this.idsByAccount.get(accountId);
    if (!ids) {
      ids = [];
      this.idsByAccount.set(accountId, ids);
    }
    this.entries.set(id, { accountId, position: ids.length, value });
    ids.push(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Returns the value stored for `id` when it belongs to `accountId`. */
  get(accountId: string, id: string): V | undefined {
    const entry = this.entries.get(id);
    return entry && entry.accountId === accountId ? entry.value : undefined;
  }

  /**
   * Returns one page of the account's records, newest first, with the id of
   * the last one as the next cursor. Returns null when `before` is not one of
   * the account's ids.
   */
  page(accountId: string, request: PageRequest): { ids: string[]; values: V[]; nextBefore: string | null } | null {
    checkPageLimit(request.limit);
    const ids = this.idsByAccount.get(accountId) ?? [];
    let end = ids.length;
    if (request.before !== undefined) {
      const entry = this.entries.get(request.before);
      if (!entry || entry.accountId !== accountId) return null;
      end = entry.position;
    }

    const start = Math.max(0, end - request.limit);
    const pageIds = ids.slice(start, end).reverse();
    const values = pageIds.map((id) => this.entries.get(id)!.value);
    const nextBefore = start > 0 && pageIds.length > 0 ? pageIds[pageIds.length - 1]! : null;
    return { ids: pageIds, values, nextBefore };
  }
}
