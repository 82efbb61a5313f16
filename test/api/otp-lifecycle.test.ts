import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, wrongCodeFor, type Harness } from './helpers/harness.ts';

const MINUTE = 60_000;
let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe('code lifetime', () => {
  it('reuses one code until 50 deletions', async () => {
    const { code, json } = await h.sendOtp();
    expect(json.maxUses).toBe(50);
    expect(json.usesLeft).toBe(50);

    for (let round = 0; round < 5; round += 1) {
      h.clock.advance(MINUTE);
      const response = await h.confirm(code, 10);
      expect(response.status).toBe(201);
      expect(response.json.usesLeft).toBe(40 - round * 10);
    }

    const spent = await h.confirm(code, 1);
    expect(spent.status).toBe(410);
    expect(spent.json.error.code).toBe('OTP_USED_UP');
  });

  it('expires a code after 60 minutes', async () => {
    const { code, json } = await h.sendOtp();
    expect(Date.parse(json.expiresAt) - Date.parse(json.issuedAt)).toBe(60 * MINUTE);

    h.clock.advance(60 * MINUTE - 1);
    expect((await h.confirm(code)).status).toBe(201);

    h.clock.advance(1);
    const expired = await h.confirm(code);
    expect(expired.status).toBe(410);
    expect(expired.json.error.code).toBe('OTP_EXPIRED');
  });

  it('ends the old code on resend', async () => {
    const first = await h.sendOtp();
    h.clock.advance(2 * MINUTE);
    const second = await h.sendOtp();

    if (first.code !== second.code) {
      const old = await h.confirm(first.code);
      expect(old.status).toBe(403);
      expect(old.json.error.code).toBe('OTP_INVALID');
    }
    expect((await h.confirm(second.code)).status).toBe(201);
  });

  it('reports no active code before any send', async () => {
    const response = await h.confirm('123456');
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('NO_ACTIVE_OTP');
  });
});

describe('wrong codes', () => {
  it('locks a code after 5 wrong tries', async () => {
    const { code } = await h.sendOtp();
    const wrong = wrongCodeFor(code);

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await h.confirm(wrong);
      expect(response.status).toBe(403);
      expect(response.json.error.code).toBe('OTP_INVALID');
      expect(response.json.error.attemptsLeft).toBe(5 - attempt);
    }

    const locked = await h.confirm(code);
    expect(locked.status).toBe(423);
    expect(locked.json.error.code).toBe('OTP_LOCKED');
  });

  it('locks the account after 20 failures an hour, across resends', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { code } = await h.sendOtp();
      for (let attempt = 0; attempt < 5; attempt += 1) expect((await h.confirm(wrongCodeFor(code))).status).toBe(403);
      h.clock.advance(2 * MINUTE);
    }

    const { code } = await h.sendOtp();
    const locked = await h.confirm(code);
    expect(locked.status).toBe(423);
    expect(locked.json.error.code).toBe('TOO_MANY_FAILURES');

    // The first failures leave the one-hour window 8 minutes later.
    h.clock.advance(52 * MINUTE);
    expect((await h.confirm(code)).status).toBe(201);
  });

  it('does not count validation or confirmation errors', async () => {
    const { code } = await h.sendOtp();
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect((await h.confirm(wrongCodeFor(code), 1, { confirmation: 'delete' })).json.error.code).toBe('CONFIRMATION_MISMATCH');
      expect((await h.confirm(wrongCodeFor(code), 1, { reason: 'Bored' })).json.error.code).toBe('INVALID_REASON');
      expect((await h.confirm(wrongCodeFor(code), 1, { reason: 'Other' })).json.error.code).toBe('NOTE_REQUIRED');
      expect((await h.confirm(wrongCodeFor(code), 0)).json.error.code).toBe('VALIDATION_FAILED');
    }

    const status = await h.call('GET', '/v1/otp');
    expect(status.json.attemptsLeft).toBe(5);
    expect((await h.confirm(code)).status).toBe(201);
  });
});

describe('uses', () => {
  it('rejects more customers than uses left', async () => {
    const { code } = await h.sendOtp();
    expect((await h.confirm(code, 45)).status).toBe(201);

    const response = await h.confirm(code, 6);
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('NOT_ENOUGH_USES');
    expect(response.json.error.usesLeft).toBe(5);

    const after = await h.confirm(code, 5);
    expect(after.status).toBe(201);
    expect(after.json.usesLeft).toBe(0);
  });

  it('never overspends under concurrent confirmations', async () => {
    const { code } = await h.sendOtp();
    expect((await h.confirm(code, 48)).status).toBe(201);

    const responses = await Promise.all(Array.from({ length: 5 }, () => h.confirm(code, 1)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(2);
    expect(statuses.filter((status) => status === 410)).toHaveLength(3);

    expect(await h.listApprovals()).toHaveLength(50);
    expect((await h.readState()).codes[0]!.usesLeft).toBe(0);
  });
});

describe('send limits', () => {
  it('rejects a resend within 60 seconds with Retry-After', async () => {
    await h.sendOtp();
    h.clock.advance(15_000);

    const response = await h.call('POST', '/v1/otp');
    expect(response.status).toBe(429);
    expect(response.json.error.code).toBe('RESEND_TOO_SOON');
    expect(response.json.error.retryAfterSeconds).toBe(45);
    expect(response.headers.get('Retry-After')).toBe('45');

    h.clock.advance(45_000);
    expect((await h.call('POST', '/v1/otp')).status).toBe(201);
  });

  it('stops sending after 10 sends an hour', async () => {
    for (let send = 0; send < 10; send += 1) {
      await h.sendOtp();
      h.clock.advance(MINUTE);
    }

    const response = await h.call('POST', '/v1/otp');
    expect(response.status).toBe(429);
    expect(response.json.error.code).toBe('SEND_LIMIT_REACHED');
    expect(response.json.error.retryAfterSeconds).toBe(50 * 60);
    expect(response.headers.get('Retry-After')).toBe(String(50 * 60));
    expect(h.sink.messages).toHaveLength(10);
  });

  it('keeps one active code under concurrent sends', async () => {
    const responses = await Promise.all(Array.from({ length: 4 }, () => h.call('POST', '/v1/otp')));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 429)).toHaveLength(3);

    const data = await h.readState();
    expect(data.codes.filter((code) => code.endedAt === null && code.activatedAt !== null)).toHaveLength(1);
  });
});

describe('GET /v1/otp', () => {
  it('describes the active code without the code', async () => {
    const before = await h.call('GET', '/v1/otp');
    expect(before.status).toBe(200);
    expect(before.json.active).toBe(false);
    expect(before.json.sentTo).toBe('o***@acme.test');

    const { code } = await h.sendOtp();
    await h.confirm(code, 3);
    await h.confirm(wrongCodeFor(code));

    const after = await h.call('GET', '/v1/otp');
    expect(after.json).toMatchObject({ active: true, sentTo: 'o***@acme.test', provider: 'other', maxUses: 50, usesLeft: 47, attemptsLeft: 4 });
    expect(after.json.subject).toBe(h.sink.messages[0]!.subject);
    expect(after.json.deliveries).toHaveLength(1);
    expect(after.json.deliveries[0]).toMatchObject({ kind: 'otp', sentTo: 'o***@acme.test', status: 'sent' });
    expect(JSON.stringify(after.json)).not.toContain(code);
  });
});
