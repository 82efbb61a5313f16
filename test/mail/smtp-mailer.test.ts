import { simpleParser, type ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../api/clock.ts';
import type { Mailer } from '../../api/mail/mailer.ts';
import { createSmtpMailer, type SmtpMailerOptions } from '../../api/mail/smtp-mailer.ts';
import { composeOtpMail, otpSubject } from '../../api/mail/templates.ts';
import {
  createCapturingLogger,
  findClosedPort,
  startSilentServer,
  startTestSmtpServer,
  type TestSmtpServer,
} from './smtp-test-servers.ts';

const FROM = 'Delete Guard <no-reply@delete-guard.localhost>';
const RECIPIENT = 'owner@acme.test';
const CODE = '048213';
const CRM_URL = 'https://crm.acme.test/customers';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function startServer(options?: Parameters<typeof startTestSmtpServer>[0]): Promise<TestSmtpServer> {
  const server = await startTestSmtpServer(options);
  cleanups.push(() => server.close());
  return server;
}

function createMailer(url: string, overrides: Partial<SmtpMailerOptions> = {}): Mailer {
  const mailer = createSmtpMailer({ url, from: FROM, logger: createCapturingLogger().logger, ...overrides });
  cleanups.push(() => mailer.close());
  return mailer;
}

function otpMail(company = 'Demo Company') {
  return { to: RECIPIENT, ...composeOtpMail({ company, code: CODE, ttlMinutes: 60, maxUses: 50, crmUrl: CRM_URL }) };
}

async function parseOnly(server: TestSmtpServer): Promise<ParsedMail> {
  expect(server.messages).toHaveLength(1);
  return simpleParser(server.messages[0]!.raw);
}

/** Returns the raw header block of a message, before the first empty line. */
function rawHeaders(raw: Buffer): string {
  const text = raw.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

describe('createSmtpMailer delivery', () => {
  it('sends OTP mail with code in both parts', async () => {
    const server = await startServer();
    const result = await createMailer(server.url).send(otpMail());

    expect(result.status).toBe('sent');
    const parsed = await parseOnly(server);
    expect(parsed.text).toContain(CODE);
    expect(parsed.html).toContain(CODE);
    expect(parsed.text).toContain('60 minutes or 50 deletions, whichever comes first');
    expect(parsed.html).toContain('60 minutes or 50 deletions, whichever comes first');
  });

  it('sets subject, From, Date and Message-ID', async () => {
    const server = await startServer();
    const clock = createManualClock(Date.UTC(2026, 0, 15, 9, 30, 0));
    const result = await createMailer(server.url, { clock }).send(otpMail());

    const parsed = await parseOnly(server);
    expect(parsed.subject).toBe('Your Delete Guard OTP for Demo Company');
    expect(parsed.subject).toContain('Delete Guard');
    expect(parsed.subject).toContain('OTP');
    expect(parsed.from?.value).toEqual([{ name: 'Delete Guard', address: 'no-reply@delete-guard.localhost' }]);
    expect(parsed.date?.toISOString()).toBe('2026-01-15T09:30:00.000Z');
    expect(parsed.messageId).toMatch(/^<[^@<>\s]+@delete-guard\.localhost>$/);
    expect(result).toMatchObject({ status: 'sent', messageId: parsed.messageId });
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('envelope uses From and one recipient', async () => {
    const server = await startServer();
    await createMailer(server.url).send(otpMail());

    expect(server.messages[0]?.mailFrom).toBe('no-reply@delete-guard.localhost');
    expect(server.messages[0]?.rcptTo).toEqual([RECIPIENT]);
  });

  it('returns server response when sent', async () => {
    const server = await startServer();
    const result = await createMailer(server.url).send(otpMail());

    expect(result.status).toBe('sent');
    if (result.status === 'sent') expect(result.response).toMatch(/^250/);
  });

  it('HTML has no remote images and only the CRM link', async () => {
    const server = await startServer();
    await createMailer(server.url).send(otpMail());

    const html = (await parseOnly(server)).html as string;
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/url\(/i);
    const links = [...html.matchAll(/href="([^"]*)"/gi)].map((match) => match[1]);
    expect(links).toEqual([CRM_URL]);
  });

  it('pooled mailer sends several messages', async () => {
    const server = await startServer();
    const mailer = createMailer(server.url, { pool: true });

    const first = await mailer.send(otpMail());
    const second = await mailer.send(otpMail('Second Company'));

    expect(first.status).toBe('sent');
    expect(second.status).toBe('sent');
    expect(server.messages).toHaveLength(2);
  });

  it('pool rate limit spaces out a burst', async () => {
    const server = await startServer();
    const mailer = createMailer(server.url, { pool: { maxConnections: 1, rateLimit: 2, rateDelta: 400 } });

    const started = Date.now();
    const results = await Promise.all([mailer.send(otpMail()), mailer.send(otpMail()), mailer.send(otpMail())]);
    const elapsed = Date.now() - started;

    expect(results.map((result) => result.status)).toEqual(['sent', 'sent', 'sent']);
    expect(server.messages).toHaveLength(3);
    // The third message waits for the next 400 ms window.
    expect(elapsed).toBeGreaterThanOrEqual(300);
  });

  it('returns the queue id from the reply', async () => {
    const server = await startServer({ queuedReply: '2.0.0 Ok: queued as 4Z1x2Y3abc' });
    const result = await createMailer(server.url).send(otpMail());

    expect(result).toMatchObject({ status: 'sent', response: '250 2.0.0 Ok: queued as 4Z1x2Y3abc', queueId: '4Z1x2Y3abc' });
  });
});

describe('createSmtpMailer encoding', () => {
  it.each([
    ['Müller & Søn GmbH'],
    ['株式会社デモ商事'],
  ])('keeps %s intact in subject and body', async (company) => {
    const server = await startServer();
    await createMailer(server.url).send(otpMail(company));

    const parsed = await parseOnly(server);
    expect(parsed.subject).toBe(`Your Delete Guard OTP for ${company}`);
    expect(parsed.text).toContain(company);
    expect(parsed.html).toContain(company.replace('&', '&amp;'));
  });

  it('encodes non-ASCII headers per RFC 2047', async () => {
    const server = await startServer();
    await createMailer(server.url).send(otpMail('株式会社デモ商事'));

    const headers = rawHeaders(server.messages[0]!.raw);
    expect(headers).toMatch(/^[\x20-\x7E\r\n\t]*$/);
    expect(headers).toMatch(/^Subject: .*=\?UTF-8\?[BQ]\?/im);
  });

  it('encodes non-ASCII sender name', async () => {
    const server = await startServer();
    await createMailer(server.url, { from: 'Müller Söhne <no-reply@delete-guard.localhost>' }).send(otpMail());

    const parsed = await parseOnly(server);
    expect(parsed.from?.value[0]?.name).toBe('Müller Söhne');
    expect(rawHeaders(server.messages[0]!.raw)).toMatch(/^[\x20-\x7E\r\n\t]*$/);
  });
});

describe('createSmtpMailer header injection', () => {
  it('CR/LF in company name stays out of headers', async () => {
    const server = await startServer();
    await createMailer(server.url).send(otpMail('Acme\r\nBcc: attacker@evil.test\r\nX-Injected: yes'));

    const parsed = await parseOnly(server);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.subject).toBe('Your Delete Guard OTP for Acme Bcc: attacker@evil.test X-Injected: yes');
    expect(server.messages[0]?.rcptTo).toEqual([RECIPIENT]);
  });

  it('CR/LF in subject stays out of headers', async () => {
    const server = await startServer();
    const mail = { ...otpMail(), subject: otpSubject('Acme') + '\r\nX-Injected: yes' };
    await createMailer(server.url).send(mail);

    const parsed = await parseOnly(server);
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.subject).toBe('Your Delete Guard OTP for Acme X-Injected: yes');
  });

  it('rejects recipient with a second address', async () => {
    const server = await startServer();
    const result = await createMailer(server.url).send({ ...otpMail(), to: `${RECIPIENT}\r\nBcc: attacker@evil.test` });

    expect(result.status).toBe('failed');
    if (result.status === 'failed') expect(result.reason).toContain('recipient address is invalid');
    expect(server.messages).toHaveLength(0);
  });

  it.each([['Someone <owner@acme.test>'], ['owner@acme.test, attacker@evil.test'], ['']])(
    'rejects recipient %j',
    async (to) => {
      const server = await startServer();
      const result = await createMailer(server.url).send({ ...otpMail(), to });

      expect(result.status).toBe('failed');
      expect(server.messages).toHaveLength(0);
    },
  );

  it('throws for MAIL_FROM without an address', () => {
    const { logger } = createCapturingLogger();
    expect(() => createSmtpMailer({ url: 'smtp://127.0.0.1:25', from: 'Delete Guard', logger })).toThrow(
      /Failed to create the mailer: MAIL_FROM "Delete Guard" is not one valid address/,
    );
  });
});

describe('createSmtpMailer failures', () => {
  it('550 on RCPT returns failed with code', async () => {
    const server = await startServer({ rejectRecipient: (address) => `5.1.1 <${address}>: No such user` });
    const result = await createMailer(server.url).send(otpMail());

    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.reason).toMatch(/^The mail server rejected the recipient: 550 5\.1\.1/);
    expect(result.reason).toContain('No such user');
    expect(result.responseCode).toBe(550);
    expect(result.classification).toBe('no_such_mailbox');
    expect(result.enhancedStatus).toBe('5.1.1');
    expect(result.transient).toBe(false);
    expect(server.messages).toHaveLength(0);
  });

  it('invalid recipient is classified bad_address', async () => {
    const server = await startServer();
    const result = await createMailer(server.url).send({ ...otpMail(), to: 'not an address' });

    expect(result).toMatchObject({ status: 'failed', classification: 'bad_address', transient: false });
  });

  it('masks the recipient quoted in a rejection', async () => {
    const server = await startServer({ rejectRecipient: (address) => `5.1.1 <${address.toUpperCase()}>: No such user` });
    const result = await createMailer(server.url).send(otpMail());

    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.reason).not.toMatch(/owner@acme\.test/i);
    expect(result.reason).toContain('o***@acme.test');
  });

  it('connection refused fails quickly', async () => {
    const port = await findClosedPort();
    const started = Date.now();
    const result = await createMailer(`smtp://127.0.0.1:${port}`).send(otpMail());

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toEqual({
      status: 'failed',
      reason: 'The mail server refused the connection (ECONNREFUSED). Check the host and port in SMTP_URL.',
      classification: 'transient',
      transient: true,
      errorCode: 'ECONNREFUSED',
    });
  });

  it('server that never greets times out', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const mailer = createMailer(silent.url, { timeouts: { greetingMs: 300 } });

    const started = Date.now();
    const result = await mailer.send(otpMail());
    const elapsed = Date.now() - started;

    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    expect(result).toEqual({
      status: 'failed',
      reason: 'The mail server accepted the connection but sent no greeting within 0.3 seconds.',
      classification: 'transient',
      transient: true,
      errorCode: 'ETIMEDOUT',
    });
  });

  it('whole-send limit cuts off a stalled server', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const mailer = createMailer(silent.url, { timeouts: { greetingMs: 5_000, sendMs: 300 } });

    const started = Date.now();
    const result = await mailer.send(otpMail());

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toEqual({
      status: 'failed',
      reason: 'Sending timed out after 0.3 seconds.',
      classification: 'transient',
      transient: true,
      errorCode: 'EABORT',
    });
  });
});

describe('createSmtpMailer logging', () => {
  it('logs masked recipient, never code or body', async () => {
    const server = await startServer();
    const { logger, lines } = createCapturingLogger();
    await createMailer(server.url, { logger }).send(otpMail());

    const output = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(output).toContain('o***@acme.test');
    expect(output).not.toContain(RECIPIENT);
    expect(output).not.toContain(CODE);
    expect(output).not.toContain('Demo Company');
  });

  it('logs failures without the full address', async () => {
    const server = await startServer({ rejectRecipient: (address) => `5.1.1 <${address}>: No such user` });
    const { logger, lines } = createCapturingLogger();
    await createMailer(server.url, { logger }).send(otpMail());

    const output = lines.join('\n');
    expect(output).toContain('Failed to send email');
    expect(output).toContain('o***@acme.test');
    expect(output).not.toContain(RECIPIENT);
    expect(output).not.toContain(CODE);
  });
});
