import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.ts';

const originalZone = process.env.TZ;
let h: Harness;

afterAll(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

// Node applies a new process.env.TZ at once, so one process can check both zones.
describe.each([
  ['Asia/Kolkata', -330],
  ['America/New_York', 300],
])('under TZ=%s', (zone, offsetMinutes) => {
  beforeEach(async () => {
    process.env.TZ = zone;
    h = await createHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('keeps times in UTC and expires after 60 minutes', async () => {
    // January, so New York is on standard time.
    expect(new Date(h.clock.now()).getTimezoneOffset()).toBe(offsetMinutes);

    const { code, json } = await h.sendOtp();
    expect(json.issuedAt).toBe('2026-01-15T09:00:00.000Z');
    expect(json.expiresAt).toBe('2026-01-15T10:00:00.000Z');
    expect(json.resendAvailableAt).toBe('2026-01-15T09:01:00.000Z');

    h.clock.advance(59 * 60_000);
    const confirmed = await h.confirm(code);
    expect(confirmed.status).toBe(201);
    expect(confirmed.json.expiresAt).toBe('2026-01-15T10:00:00.000Z');
    const list = await h.call('GET', '/v1/deletions');
    expect(list.json.deletions[0].at).toBe('2026-01-15T09:59:00.000Z');

    h.clock.advance(60_000);
    expect((await h.confirm(code)).json.error.code).toBe('OTP_EXPIRED');
  });
});
