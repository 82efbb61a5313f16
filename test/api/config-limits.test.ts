import { afterEach, describe, expect, it } from 'vitest';
import { MAX_COUNT, MAX_DURATION_SECONDS, MAX_TIMER_MS, loadConfig } from '../../api/config.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('numeric limits', () => {
  it('rejects durations over 100 years', () => {
    expect(configError({ OTP_TTL_SECONDS: '99999999999999' })).toContain(`OTP_TTL_SECONDS: must be at most ${MAX_DURATION_SECONDS} seconds (100 years)`);
    expect(configError({ OTP_RESEND_SECONDS: String(MAX_DURATION_SECONDS + 1) })).toContain('OTP_RESEND_SECONDS: must be at most');
  });

  it('rejects counts over the maximum', () => {
    for (const name of ['OTP_MAX_USES', 'OTP_MAX_ATTEMPTS', 'OTP_ACCOUNT_FAILURES_PER_HOUR', 'OTP_SENDS_PER_HOUR', 'SMTP_POOL_MAX_CONNECTIONS', 'SMTP_RATE_LIMIT']) {
      expect(configError({ [name]: String(MAX_COUNT + 1) }), name).toContain(`${name}: must be at most 1000000000`);
    }
  });

  it('rejects timer delays Node cannot schedule', () => {
    for (const name of ['SMTP_CONNECT_TIMEOUT_MS', 'SMTP_GREETING_TIMEOUT_MS', 'SMTP_SOCKET_TIMEOUT_MS', 'SMTP_SEND_TIMEOUT_MS', 'SMTP_RATE_DELTA_MS']) {
      expect(configError({ [name]: String(MAX_TIMER_MS + 1) }), name).toContain(`${name}: must be at most ${MAX_TIMER_MS} milliseconds`);
    }
  });

  it('accepts load-test limits in the millions', () => {
    const config = loadConfig({ OTP_MAX_USES: '10000000', OTP_TTL_SECONDS: '10000000', OTP_MAX_ATTEMPTS: '10000000', OTP_ACCOUNT_FAILURES_PER_HOUR: '10000000' });

    expect(config.OTP_MAX_USES).toBe(10_000_000);
    expect(config.OTP_TTL_SECONDS).toBe(10_000_000);
  });
});

describe('CORS_ORIGINS', () => {
  it('accepts origins and normalizes them', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://crm.example.com, http://LOCALHOST:3000/' }).CORS_ORIGINS).toEqual(['https://crm.example.com', 'http://localhost:3000']);
  });

  it('names each entry that is not an origin', () => {
    for (const entry of ['https://crm.example.com/app', 'crm.example.com', 'ftp://crm.example.com', 'https://crm.example.com?x=1', 'https://user@crm.example.com']) {
      const message = configError({ CORS_ORIGINS: `https://ok.example.com,${entry}` });
      expect(message, entry).toContain(`CORS_ORIGINS: "${entry}" is not an origin`);
      expect(message, entry).not.toContain('"https://ok.example.com"');
    }
  });
});

describe('limits at their maximum', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('issues and spends a code', async () => {
    h = await createHarness({ config: { OTP_TTL_SECONDS: MAX_DURATION_SECONDS, OTP_RESEND_SECONDS: MAX_DURATION_SECONDS, OTP_MAX_USES: MAX_COUNT } });

    const { code, json } = await h.sendOtp();
    expect(Date.parse(json.expiresAt)).toBe(h.clock.now() + MAX_DURATION_SECONDS * 1000);
    expect(Date.parse(json.resendAvailableAt)).toBe(h.clock.now() + MAX_DURATION_SECONDS * 1000);

    const approval = await h.confirm(code, 2);
    expect(approval.status).toBe(201);
    expect((await h.call('GET', '/v1/otp')).status).toBe(200);
    expect((await h.call('POST', '/v1/otp')).json.error.code).toBe('RESEND_TOO_SOON');
  });
});
