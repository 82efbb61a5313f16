import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDevMailbox, type DevMailbox, type MailboxEntry } from '../../api/dev-mailbox/dev-mailbox.ts';
import { devMailboxRoutes } from '../../api/dev-mailbox/mailbox-routes.ts';
import type { Mailer } from '../../api/mail/mailer.ts';
import { createSmtpMailer } from '../../api/mail/smtp-mailer.ts';
import { composeOtpMail } from '../../api/mail/templates.ts';
import { createCapturingLogger } from './smtp-test-servers.ts';

let dir: string;
let mailbox: DevMailbox;
let mailer: Mailer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delete-guard-mailbox-'));
  const { logger } = createCapturingLogger();
  mailbox = await startDevMailbox({ dir, logger });
  mailer = createSmtpMailer({ url: mailbox.smtpUrl, from: 'Delete Guard <no-reply@delete-guard.localhost>', logger });
});

afterEach(async () => {
  await mailer.close();
  await mailbox.close();
  await rm(dir, { recursive: true, force: true });
});

async function sendOtp(company: string, code: string): Promise<void> {
  const result = await mailer.send({ to: 'owner@acme.test', ...composeOtpMail({ company, code, ttlMinutes: 60, maxUses: 50 }) });
  expect(result.status).toBe('sent');
}

describe('startDevMailbox', () => {
  it('listens on loopback', () => {
    expect(mailbox.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lists sent mail newest first', async () => {
    await sendOtp('First Company', '111111');
    await sendOtp('Second Company', '222222');

    const entries = await mailbox.list();
    expect(entries.map((entry) => entry.subject)).toEqual([
      'Your Delete Guard OTP for Second Company',
      'Your Delete Guard OTP for First Company',
    ]);
    expect(entries[0]?.text).toContain('222222');
    expect(entries[1]?.text).toContain('111111');
    expect(entries[0]?.to).toBe('owner@acme.test');
  });

  it('records receive time', async () => {
    const before = Date.now();
    await sendOtp('Demo Company', '123456');

    const [entry] = await mailbox.list();
    const receivedAt = Date.parse(entry?.receivedAt ?? '');
    expect(entry?.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(receivedAt).toBeGreaterThanOrEqual(before);
    expect(receivedAt).toBeLessThanOrEqual(Date.now());
  });

  it('stores each message as .eml', async () => {
    await sendOtp('Demo Company', '123456');

    const [entry] = await mailbox.list();
    const files = await readdir(dir);
    expect(files).toEqual([`${entry?.id}.eml`]);
    const raw = await readFile(join(dir, files[0]!), 'utf8');
    expect(raw).toContain('Subject: Your Delete Guard OTP for Demo Company');
  });

  it('writes .eml files only its owner reads', async () => {
    await sendOtp('Demo Company', '123456');

    const files = (await readdir(dir)).filter((file) => file.endsWith('.eml'));
    expect(files).toHaveLength(1);
    expect((await stat(join(dir, files[0]!))).mode & 0o777).toBe(0o600);
  });

  it('limits the list to the newest', async () => {
    await sendOtp('First Company', '111111');
    await sendOtp('Second Company', '222222');

    const entries = await mailbox.list(1);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.text).toContain('222222');
  });

  it('keeps mail across restarts', async () => {
    await sendOtp('Demo Company', '123456');
    await mailbox.close();

    const { logger } = createCapturingLogger();
    mailbox = await startDevMailbox({ dir, logger });
    const entries = await mailbox.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.text).toContain('123456');
  });
});

describe('devMailboxRoutes', () => {
  it('serves the list as JSON', async () => {
    await sendOtp('First Company', '111111');
    await sendOtp('Second Company', '222222');

    const response = await devMailboxRoutes(mailbox).request('/dev/mailbox.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const entries = (await response.json()) as MailboxEntry[];
    expect(entries).toEqual(await mailbox.list());
    expect(entries[0]?.text).toContain('222222');
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(['id', 'receivedAt', 'subject', 'text', 'to']);
  });

  it('page shows banner and code', async () => {
    await sendOtp('Demo Company', '654321');

    const response = await devMailboxRoutes(mailbox).request('/dev/mailbox');
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page).toContain('Mail is captured here, not delivered. Set SMTP_URL to send real mail.');
    expect(page).toContain('Your Delete Guard OTP for Demo Company');
    expect(page).toContain('654321');
    expect(page).toContain('owner@acme.test');
  });

  it('page shows the id after the body', async () => {
    await sendOtp('Demo Company', '654321');
    const [entry] = await mailbox.list();

    const page = await (await devMailboxRoutes(mailbox).request('/dev/mailbox')).text();
    expect(page.indexOf(entry!.id)).toBeGreaterThan(page.indexOf('654321'));
    expect(page).not.toContain('<dt>Id</dt>');
  });

  it('page lists newest first', async () => {
    await sendOtp('First Company', '111111');
    await sendOtp('Second Company', '222222');

    const page = await (await devMailboxRoutes(mailbox).request('/dev/mailbox')).text();
    expect(page.indexOf('222222')).toBeGreaterThan(-1);
    expect(page.indexOf('222222')).toBeLessThan(page.indexOf('111111'));
  });

  it('page escapes script in subject and text', async () => {
    const result = await mailer.send({
      to: 'owner@acme.test',
      subject: '<script>alert("subject")</script>',
      text: '<script>alert("text")</script>',
      html: '<p>x</p>',
    });
    expect(result.status).toBe('sent');

    const response = await devMailboxRoutes(mailbox).request('/dev/mailbox');
    const page = await response.text();
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;');
    expect(page).toContain('&lt;script&gt;alert(&quot;text&quot;)&lt;/script&gt;');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('page says when empty', async () => {
    const page = await (await devMailboxRoutes(mailbox).request('/dev/mailbox')).text();
    expect(page).toContain('No mail yet.');
  });
});
