import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mailer } from '../../api/mail/mailer.ts';
import { hashCode } from '../../api/security/codes.ts';
import { createHarness, OWNER_EMAIL, TEST_SECRET, type Harness } from './helpers/harness.ts';

let h: Harness;

afterEach(async () => {
  await h.close();
});

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

function toFullWidth(code: string): string {
  return [...code].map((digit) => FULL_WIDTH_DIGITS[Number(digit)]).join('');
}

describe('stored codes', () => {
  it('stores only the HMAC of each code', async () => {
    h = await createHarness({ generateCode: () => '482913' });
    await h.sendOtp();

    const stored = (await h.readState()).codes[0]!;
    expect(stored.codeHash).toBe(hashCode(TEST_SECRET, stored.id, '482913'));
    const text = JSON.stringify({ state: await h.readState(), accounts: await h.store.listAccounts() });
    expect(text).not.toContain('482913');
    expect(text).not.toContain(h.apiKey);
    if (h.testStore.databaseUrl === undefined) {
      const file = await readFile(h.dataFile, 'utf8');
      expect(file).not.toContain('482913');
      expect(file).not.toContain(h.apiKey);
    }
  });

  it('draws codes with leading zeros and the configured length', async () => {
    h = await createHarness({ config: { OTP_DIGITS: 8 } });
    const { code } = await h.sendOtp();
    expect(code).toMatch(/^\d{8}$/);
  });
});

describe('typed code normalization', () => {
  it('accepts a leading-zero code typed with spaces, dashes and full-width digits', async () => {
    const codes = ['012345', '000000', '009870'];
    h = await createHarness({ generateCode: () => codes.shift() ?? '000001' });

    const first = await h.sendOtp();
    expect(first.code).toBe('012345');
    for (const typed of ['012345', ' 012 345 ', '012-345', '０１２３４５', '０１２-３４５', '0 1 2 3 4 5', '012\u00a0345']) {
      const response = await h.confirm(typed);
      expect(response.status, JSON.stringify(typed)).toBe(201);
    }
    expect((await h.confirm('12345')).status).toBe(403);
  });

  it('accepts any code in any typed form (property)', async () => {
    let nextCode = '000000';
    h = await createHarness({ generateCode: () => nextCode, config: { OTP_RESEND_SECONDS: 1 } });

    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^\d{6}$/),
        fc.array(fc.constantFrom('', ' ', '-', '\u3000', '\u2013'), { minLength: 7, maxLength: 7 }),
        fc.boolean(),
        async (code, separators, fullWidth) => {
          nextCode = code;
          h.clock.advance(2_000);
          await h.sendOtp();
          const digits = fullWidth ? toFullWidth(code) : code;
          const typed = [...digits].map((digit, index) => separators[index] + digit).join('') + separators[6];
          const response = await h.confirm(typed);
          expect(response.status).toBe(201);
        },
      ),
      { numRuns: 8, seed: 20260115 },
    );
  });
});

describe('mail failure', () => {
  it('returns 502 MAIL_FAILED and leaves no usable new code', async () => {
    h = await createHarness();
    h.sink.rejectAll = true;

    const response = await h.call('POST', '/v1/otp');
    expect(response.status).toBe(502);
    expect(response.json.error.code).toBe('MAIL_FAILED');
    expect(response.json.error.reason).toMatch(/\w/);

    const data = await h.readState();
    expect(data.codes[0]!.endReason).toBe('mail_failed');
    expect((await h.confirm('000000')).json.error.code).toBe('NO_ACTIVE_OTP');

    const status = await h.call('GET', '/v1/otp');
    expect(status.json.active).toBe(false);
    expect(status.json.deliveries[0]).toMatchObject({ kind: 'otp', status: 'failed', sentTo: 'o***@acme.test' });

    // A failed send does not start the resend wait.
    h.sink.rejectAll = false;
    expect((await h.call('POST', '/v1/otp')).status).toBe(201);
  });

  it('keeps the previous code working when a resend fails', async () => {
    h = await createHarness();
    const { code } = await h.sendOtp();
    h.clock.advance(61_000);
    h.sink.rejectAll = true;

    expect((await h.call('POST', '/v1/otp')).status).toBe(502);
    expect((await h.confirm(code)).status).toBe(201);
  });

  it('treats an unreachable mail server as MAIL_FAILED', async () => {
    const unreachable: Mailer = {
      send: async () => ({ status: 'failed', reason: 'The mail server refused the connection.' }),
      close: async () => undefined,
    };
    h = await createHarness({ mailer: unreachable });
    const response = await h.call('POST', '/v1/otp');
    expect(response.status).toBe(502);
    expect(response.json.error.reason).toBe('The mail server refused the connection.');
  });

  it('treats a throwing mailer as MAIL_FAILED, not 500', async () => {
    const throwing: Mailer = {
      send: async () => {
        throw new Error('socket hang up');
      },
      close: async () => undefined,
    };
    h = await createHarness({ mailer: throwing });
    expect((await h.call('POST', '/v1/otp')).status).toBe(502);
  });
});

describe('logs', () => {
  it('never contain a code, key, secret or full address', async () => {
    const codes = ['031415', '271828', '161803'];
    h = await createHarness({ generateCode: () => codes.shift() ?? '999999' });

    const { code } = await h.sendOtp();
    await h.confirm('111111');
    await h.confirm(code, 2);
    await h.call('GET', '/v1/settings', undefined, 'dg_live_wrong');
    await h.call('PUT', '/v1/settings/company-email', { email: 'billing@acme-corp.test' });
    const verification = await h.sink.waitForMessage(2);
    await h.call('POST', '/v1/settings/company-email/verify', { code: '000000' });
    await h.call('POST', '/v1/settings/company-email/verify', { code: (verification.text ?? '').match(/^\s*(\d{6})\s*$/m)![1] });
    h.sink.rejectAll = true;
    h.clock.advance(61_000);
    await h.call('POST', '/v1/otp');

    expect(h.logLines.length).toBeGreaterThan(10);
    const log = h.logLines.join('\n');
    for (const secret of ['031415', '271828', '161803', h.apiKey, TEST_SECRET, OWNER_EMAIL, 'billing@acme-corp.test']) {
      expect(log).not.toContain(secret);
    }
    expect(log).toContain('o***@acme.test');
  });
});
