/** Counters of a group commit, for tests and benchmarks. */
export interface GroupCommitStats {
  /** Items submitted so far. */
  items: number;
  /** Calls of the flush function so far, each one write and fsync. */
  flushes: number;
}

/**
 * Batches writes: items submitted while a flush runs are flushed together by
 * the next one, so one write and one fsync serve every caller that arrived
 * meanwhile.
 */
export interface GroupCommit<T> {
  /** Queues an item; resolves once the flush that contains it finished, rejects when it failed. */
  submit(item: T): Promise<void>;
  /** Resolves once every item submitted before the call is flushed or failed. Never rejects. */
  settled(): Promise<void>;
  readonly stats: Readonly<GroupCommitStats>;
}

interface Waiter<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Creates a group commit around `flush`, which must write and fsync all items
 * it is given, in order. At most one flush runs at a time. The first item
 * after an idle period waits only one microtask, so items submitted in the
 * same tick share its flush and a lone item pays no timer delay.
 */
export function createGroupCommit<T>(flush: (items: T[]) => Promise<void>): GroupCommit<T> {
  let queue: Waiter<T>[] = [];
  let running: Promise<void> | null = null;
  // Flushes run in submission order, so once the newest item settles every earlier one has.
  let newest: Promise<void> = Promise.resolve();
  const stats: GroupCommitStats = { items: 0, flushes: 0 };

  async function drain(): Promise<void> {
    await Promise.resolve();
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      stats.flushes += 1;
      try {
        await flush(batch.map((waiter) => waiter.item));
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    running = null;
  }

  return {
    stats,

    submit(item) {
      stats.items += 1;
      const done = new Promise<void>((resolve, reject) => queue.push({ item, resolve, reject }));
      newest = done.catch(() => undefined);
      running ??= drain();
      return done;
    },

    settled() {
      return newest;
    },
  };
}
