import { beforeEach, describe, expect, it, vi } from 'vitest';

// wxt/utils/storage reads `chrome` when it loads, so the fake goes in first.
const { fakeBrowser } = await vi.hoisted(async () => {
  const testing = await import('wxt/testing');
  (globalThis as { chrome?: unknown }).chrome = testing.fakeBrowser;
  return testing;
});

const { PENDING_OUTCOME_MAX_AGE_MS, forgetPending, listPending, rememberPending } = await import('../../extension/lib/pending-outcomes.ts');
const { decidePendingOutcome } = await import('../../extension/guard/check-pending-outcomes.ts');
type PendingOutcome = import('../../extension/lib/messages.ts').PendingOutcome;

const NOW = Date.parse('2030-01-01T12:00:00.000Z');
const ORIGIN = 'http://127.0.0.1:8788';

function entry(deletionId: string, overrides: Partial<PendingOutcome> = {}): PendingOutcome {
  return { deletionId, customerId: 'cus_1001', profileId: 'stand-in-crm', origin: ORIGIN, deadline: NOW + 10_000, ...overrides };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('pending outcome storage', () => {
  it('keeps entries in local storage', async () => {
    await rememberPending([entry('del_1')], NOW);

    const stored = await fakeBrowser.storage.local.get('pendingOutcomes');
    expect(stored.pendingOutcomes).toEqual([entry('del_1')]);
    expect(await fakeBrowser.storage.session.get('pendingOutcomes')).toEqual({});
  });

  it('lists entries of one origin', async () => {
    await rememberPending([entry('del_1'), entry('del_2', { origin: 'https://crm.example.com' })], NOW);

    expect((await listPending(ORIGIN, NOW)).map((pending) => pending.deletionId)).toEqual(['del_1']);
  });

  it('keeps entries a day past the deadline', async () => {
    await rememberPending([entry('del_1')], NOW);

    const dayLater = NOW + 10_000 + PENDING_OUTCOME_MAX_AGE_MS;
    expect(await listPending(ORIGIN, dayLater)).toHaveLength(1);
    expect(await listPending(ORIGIN, dayLater + 1)).toEqual([]);
    expect((await fakeBrowser.storage.local.get('pendingOutcomes')).pendingOutcomes).toEqual([]);
  });

  it('forgets a reported entry', async () => {
    await rememberPending([entry('del_1'), entry('del_2')], NOW);
    await forgetPending('del_1');

    expect((await listPending(ORIGIN, NOW)).map((pending) => pending.deletionId)).toEqual(['del_2']);
  });
});

describe('decidePendingOutcome', () => {
  const listed = { profileActive: true, rendered: true, customerShown: true };
  const gone = { profileActive: true, rendered: true, customerShown: false };
  const otherPage = { profileActive: false, rendered: false, customerShown: false };

  it('settles a gone customer as deleted', () => {
    expect(decidePendingOutcome(entry('del_1'), gone, NOW)).toEqual({ outcome: 'deleted' });
    expect(decidePendingOutcome(entry('del_1'), gone, NOW + 6 * 60 * 60 * 1000)).toEqual({ outcome: 'deleted' });
  });

  it('waits before the deadline', () => {
    expect(decidePendingOutcome(entry('del_1'), listed, NOW)).toBeNull();
    expect(decidePendingOutcome(entry('del_1'), otherPage, NOW)).toBeNull();
    expect(decidePendingOutcome(entry('del_1'), { ...gone, rendered: false }, NOW)).toBeNull();
  });

  it('fails a listed customer after the deadline', () => {
    const report = decidePendingOutcome(entry('del_1'), listed, NOW + 20_000);

    expect(report).toEqual({ outcome: 'failed', detail: 'The customer was still listed when the page loaded again.' });
  });

  it('says when the check ran late', () => {
    const report = decidePendingOutcome(entry('del_1'), listed, NOW + 10_000 + 3 * 60 * 60 * 1000);

    expect(report?.outcome).toBe('failed');
    expect(report?.detail).toContain('The customer was still listed when the page loaded again.');
    expect(report?.detail).toContain('The check ran late, 3 hours after its deadline');
  });

  it('fails a page that never came back', () => {
    const report = decidePendingOutcome(entry('del_1'), otherPage, NOW + 10_000 + 5 * 60_000);

    expect(report?.outcome).toBe('failed');
    expect(report?.detail).toContain('was not shown again before the deadline');
    expect(report?.detail).toContain('5 minutes after its deadline');
  });
});
