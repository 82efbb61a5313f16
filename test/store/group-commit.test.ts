import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../api/store/group-commit.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('group commit', () => {
  it('batches items submitted during a flush', async () => {
    const batches: number[][] = [];
    const commit = createGroupCommit<number>(async (items) => {
      batches.push(items);
      await tick();
    });

    await Promise.all(Array.from({ length: 100 }, (_, index) => commit.submit(index)));

    expect(batches.flat()).toEqual(Array.from({ length: 100 }, (_, index) => index));
    expect(commit.stats.flushes).toBe(batches.length);
    expect(commit.stats.flushes).toBeLessThan(5);
    expect(commit.stats.items).toBe(100);
  });

  it('resolves a caller only after its flush', async () => {
    let finished = false;
    const commit = createGroupCommit<number>(async () => {
      await tick();
      finished = true;
    });

    await commit.submit(1);

    expect(finished).toBe(true);
  });

  it('rejects every caller of a failed flush', async () => {
    let calls = 0;
    const commit = createGroupCommit<number>(async () => {
      calls += 1;
      await tick();
      if (calls === 1) throw new Error('disk full');
    });

    const first = Promise.allSettled([commit.submit(1), commit.submit(2)]);
    const results = await first;
    await expect(commit.submit(3)).resolves.toBeUndefined();

    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('settles after the newest item', async () => {
    const flushed: number[] = [];
    const commit = createGroupCommit<number>(async (items) => {
      await tick();
      flushed.push(...items);
    });

    void commit.submit(1);
    void commit.submit(2).catch(() => undefined);
    await commit.settled();

    expect(flushed).toEqual([1, 2]);
  });
});
