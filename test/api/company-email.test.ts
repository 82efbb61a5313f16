import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, OWNER_EMAIL, wrongCodeFor, type Harness } from './helpers/harness.ts';
import { readCodeFromMail, readRecipient } from './helpers/smtp-sink.ts';

const COMPANY_EMAIL = 'billing@acme-corp.test';
let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

async function requestVerification(): Promise<string> {
  const response = await h.call('PUT', '/v1/settings/company-email', { email: COMPANY_EMAIL });
  expect(response.status).toBe(202);
  expect(response.json).toMatchObject({ pendingCompanyEmail: 'b***@acme-corp.test', provider: 'other', delivery: { status: 'sent' } });
  const mail = await h.sink.waitForMessage(h.sink.messages.length);
  expect(readRecipient(mail)).toBe(COMPANY_EMAIL);
  return readCodeFromMail(mail);
}

describe('company email', () => {
  it('moves codes to the verified address and notifies the owner', async () => {
    const { code: oldCode } = await h.sendOtp();
    const verificationCode = await requestVerification();

    const pending = await h.call('GET', '/v1/settings');
    expect(pending.json).toMatchObject({ companyEmail: null, pendingCompanyEmail: 'b***@acme-corp.test', destination: 'o***@acme.test' });
    expect((await h.confirm(oldCode)).status).toBe(201);

    const verified = await h.call('POST', '/v1/settings/company-email/verify', { code: ` ${verificationCode.slice(0, 3)}-${verificationCode.slice(3)} ` });
    expect(verified.status).toBe(200);
    expect(verified.json).toMatchObject({ companyEmail: 'b***@acme-corp.test', pendingCompanyEmail: null, destination: 'b***@acme-corp.test' });

    const notice = await h.sink.waitForMessage(3);
    expect(readRecipient(notice)).toBe(OWNER_EMAIL);
    expect(notice.text).toContain('b***@acme-corp.test');
    expect(notice.text).not.toContain(COMPANY_EMAIL);

    // The code sent to the old address stopped working.
    expect((await h.confirm(oldCode)).json.error.code).toBe('NO_ACTIVE_OTP');

    h.clock.advance(61_000);
    const { mail, json } = await h.sendOtp();
    expect(readRecipient(mail)).toBe(COMPANY_EMAIL);
    expect(json.sentTo).toBe('b***@acme-corp.test');

    const status = await h.call('GET', '/v1/otp');
    expect(status.json.deliveries.map((delivery: { kind: string }) => delivery.kind)).toEqual(['otp', 'notice', 'verification', 'otp']);
  });

  it('goes back to the registered email on DELETE with a notice', async () => {
    const verificationCode = await requestVerification();
    await h.call('POST', '/v1/settings/company-email/verify', { code: verificationCode });
    await h.sink.waitForMessage(2);
    const { code } = await h.sendOtp();

    const removed = await h.call('DELETE', '/v1/settings/company-email');
    expect(removed.status).toBe(200);
    expect(removed.json).toMatchObject({ companyEmail: null, destination: 'o***@acme.test' });

    const notice = await h.sink.waitForMessage(4);
    expect(readRecipient(notice)).toBe(OWNER_EMAIL);
    expect((await h.confirm(code)).json.error.code).toBe('NO_ACTIVE_OTP');
  });

  it('limits verification attempts', async () => {
    const verificationCode = await requestVerification();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await h.call('POST', '/v1/settings/company-email/verify', { code: wrongCodeFor(verificationCode) });
      expect(response.status).toBe(403);
      expect(response.json.error.code).toBe('VERIFICATION_FAILED');
      expect(response.json.error.attemptsLeft).toBe(5 - attempt);
    }

    const after = await h.call('POST', '/v1/settings/company-email/verify', { code: verificationCode });
    expect(after.status).toBe(404);
    expect(after.json.error.code).toBe('NO_PENDING_EMAIL');
    expect((await h.call('GET', '/v1/settings')).json.companyEmail).toBeNull();
  });

  it('expires a verification code after 15 minutes', async () => {
    const verificationCode = await requestVerification();
    h.clock.advance(15 * 60_000);
    const response = await h.call('POST', '/v1/settings/company-email/verify', { code: verificationCode });
    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('VERIFICATION_FAILED');
  });

  it('reports MAIL_FAILED and keeps nothing pending when the mail fails', async () => {
    h.sink.rejectAll = true;
    const response = await h.call('PUT', '/v1/settings/company-email', { email: COMPANY_EMAIL });
    expect(response.status).toBe(502);
    expect(response.json.error.code).toBe('MAIL_FAILED');
    expect((await h.call('GET', '/v1/settings')).json.pendingCompanyEmail).toBeNull();
  });

  it('ends the code resend wait on verify', async () => {
    await h.sendOtp();
    const verificationCode = await requestVerification();
    expect((await h.call('POST', '/v1/otp')).json.error.code).toBe('RESEND_TOO_SOON');

    expect((await h.call('POST', '/v1/settings/company-email/verify', { code: verificationCode })).status).toBe(200);
    await h.sink.waitForMessage(3);

    const status = await h.call('GET', '/v1/otp');
    expect(Date.parse(status.json.resendAvailableAt)).toBe(h.clock.now());
    const { mail } = await h.sendOtp();
    expect(readRecipient(mail)).toBe(COMPANY_EMAIL);
    // The wait starts again after the new code.
    expect((await h.call('POST', '/v1/otp')).json.error.code).toBe('RESEND_TOO_SOON');
  });

  it('ends the code resend wait on remove', async () => {
    const verificationCode = await requestVerification();
    await h.call('POST', '/v1/settings/company-email/verify', { code: verificationCode });
    await h.sink.waitForMessage(2);
    await h.sendOtp();

    expect((await h.call('DELETE', '/v1/settings/company-email')).status).toBe(200);
    await h.sink.waitForMessage(4);

    const { mail } = await h.sendOtp();
    expect(readRecipient(mail)).toBe(OWNER_EMAIL);
  });

  it('keeps the hourly cap across a new destination', async () => {
    await h.close();
    h = await createHarness({ config: { OTP_SENDS_PER_HOUR: 3 } });
    await h.sendOtp();
    const verificationCode = await requestVerification();
    await h.call('POST', '/v1/settings/company-email/verify', { code: verificationCode });
    await h.sink.waitForMessage(3);

    await h.sendOtp();
    expect((await h.call('DELETE', '/v1/settings/company-email')).status).toBe(200);
    const capped = await h.call('POST', '/v1/otp');
    expect(capped.status).toBe(429);
    expect(capped.json.error.code).toBe('SEND_LIMIT_REACHED');
  });

  it('waits before sending another verification', async () => {
    await requestVerification();
    const response = await h.call('PUT', '/v1/settings/company-email', { email: 'other@acme-corp.test' });
    expect(response.status).toBe(429);
    expect(response.json.error.code).toBe('RESEND_TOO_SOON');
  });
});
