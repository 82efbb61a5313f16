import type { MxRecord } from 'node:dns';
import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../../api/clock.ts';
import { createProviderDetector } from '../../api/mail/mx-provider.ts';

const HOUR_MS = 3_600_000;

function mx(...exchanges: string[]): MxRecord[] {
  return exchanges.map((exchange, index) => ({ exchange, priority: (index + 1) * 10 }));
}

/** Creates a stub resolver that returns records from a table and records each lookup. */
function createStubResolver(table: Record<string, MxRecord[] | Error>) {
  const calls: string[] = [];
  const resolveMx = vi.fn(async (domain: string) => {
    calls.push(domain);
    const answer = table[domain];
    if (answer === undefined) throw Object.assign(new Error(`queryMx ENOTFOUND ${domain}`), { code: 'ENOTFOUND' });
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { resolveMx, calls };
}

describe('createProviderDetector', () => {
  it.each([
    ['owner@gmail.com', 'gmail'],
    ['owner@hotmail.co.uk', 'outlook'],
    ['owner@yahoo.co.jp', 'yahoo'],
  ] as const)('%s by domain without lookup', async (address, provider) => {
    const { resolveMx, calls } = createStubResolver({});
    const detector = createProviderDetector({ resolveMx });

    expect(await detector.detect(address)).toBe(provider);
    expect(calls).toEqual([]);
  });

  it.each([
    [mx('aspmx.l.google.com.', 'alt1.aspmx.l.google.com.'), 'gmail'],
    [mx('smtp.google.com'), 'gmail'],
    [mx('aspmx2.googlemail.com'), 'gmail'],
    [mx('acme-test.mail.protection.outlook.com'), 'outlook'],
    [mx('mx-biz.mail.am0.yahoodns.net'), 'yahoo'],
    [mx('mx.acme.test'), 'other'],
    [mx('mx1.filter.example', 'aspmx.l.google.com'), 'gmail'],
    [[], 'other'],
  ] as const)('MX %j gives %s', async (records, provider) => {
    const { resolveMx } = createStubResolver({ 'acme.test': [...records] });
    const detector = createProviderDetector({ resolveMx });

    expect(await detector.detect('owner@acme.test')).toBe(provider);
  });

  it('uses the most preferred known MX', async () => {
    const records = [
      { exchange: 'backup.mail.protection.outlook.com', priority: 20 },
      { exchange: 'aspmx.l.google.com', priority: 5 },
    ];
    const { resolveMx } = createStubResolver({ 'acme.test': records });

    expect(await createProviderDetector({ resolveMx }).detect('owner@acme.test')).toBe('gmail');
  });

  it('does not match look-alike hosts', async () => {
    const { resolveMx } = createStubResolver({ 'acme.test': mx('mx.notgoogle.com', 'google.com.evil.test') });

    expect(await createProviderDetector({ resolveMx }).detect('owner@acme.test')).toBe('other');
  });

  it('lookup failure gives other', async () => {
    const { resolveMx } = createStubResolver({ 'acme.test': Object.assign(new Error('queryMx ESERVFAIL'), { code: 'ESERVFAIL' }) });

    expect(await createProviderDetector({ resolveMx }).detect('owner@acme.test')).toBe('other');
  });

  it('hanging resolver gives other within the timeout', async () => {
    const resolveMx = () => new Promise<MxRecord[]>(() => undefined);
    const detector = createProviderDetector({ resolveMx, timeoutMs: 50 });

    const started = Date.now();
    const provider = await detector.detect('owner@acme.test');

    expect(provider).toBe('other');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('caches a detected provider for the TTL', async () => {
    const clock = createManualClock();
    const { resolveMx, calls } = createStubResolver({ 'acme.test': mx('aspmx.l.google.com') });
    const detector = createProviderDetector({ resolveMx, clock, cacheTtlMs: HOUR_MS });

    await detector.detect('owner@acme.test');
    clock.advance(HOUR_MS - 1);
    expect(await detector.detect('other.person@ACME.test')).toBe('gmail');
    expect(calls).toEqual(['acme.test']);

    clock.advance(1);
    await detector.detect('owner@acme.test');
    expect(calls).toEqual(['acme.test', 'acme.test']);
  });

  it('caches other for a shorter time', async () => {
    const clock = createManualClock();
    const { resolveMx, calls } = createStubResolver({});
    const detector = createProviderDetector({ resolveMx, clock, cacheTtlMs: HOUR_MS });

    await detector.detect('owner@acme.test');
    clock.advance(HOUR_MS / 10 - 1);
    await detector.detect('owner@acme.test');
    expect(calls).toHaveLength(1);

    clock.advance(1);
    await detector.detect('owner@acme.test');
    expect(calls).toHaveLength(2);
  });

  it('shares one lookup between concurrent calls', async () => {
    let answer: (records: MxRecord[]) => void = () => undefined;
    const resolveMx = vi.fn(() => new Promise<MxRecord[]>((resolve) => (answer = resolve)));
    const detector = createProviderDetector({ resolveMx });

    const first = detector.detect('a@acme.test');
    const second = detector.detect('b@acme.test');
    answer(mx('acme-test.mail.protection.outlook.com'));

    expect(await Promise.all([first, second])).toEqual(['outlook', 'outlook']);
    expect(resolveMx).toHaveBeenCalledTimes(1);
  });

  it('skips lookup for a domain without a dot', async () => {
    const { resolveMx, calls } = createStubResolver({});

    expect(await createProviderDetector({ resolveMx }).detect('owner@localhost')).toBe('other');
    expect(calls).toEqual([]);
  });
});
