import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../api/mailer-setup.ts';
import { startApi, type RunningApi } from '../../api/start-api.ts';
import { DataFileInUseError } from '../../api/store/process-lock.ts';
import { createCapturedLogger } from './helpers/log-capture.ts';
import { readCodeFromMail, readRecipient, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.ts';

let dir: string;
let sink: SmtpSink;
let api: RunningApi | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delete-guard-start-'));
  sink = await startSmtpSink();
});
afterEach(async () => {
  await api?.close();
  api = undefined;
  await sink.close();
  await rm(dir, { recursive: true, force: true });
});

describe('startApi', () => {
  it('sends through SMTP_URL without the dev mailbox', async () => {
    const { logger, lines } = createCapturedLogger();
    api = await startApi({ env: { SMTP_URL: sink.url }, dataFile: join(dir, 'data.json'), port: 0, logger });
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.apiKey).toMatch(/^dg_live_/);

    const send = await fetch(`${api.url}/v1/otp`, { method: 'POST', headers: { Authorization: `Bearer ${api.apiKey}` } });
    expect(send.status).toBe(201);
    const mail = await sink.waitForMessage(1);
    expect(readRecipient(mail)).toBe('owner@demo.test');
    expect(readCodeFromMail(mail)).toMatch(/^\d{6}$/);

    expect((await fetch(`${api.url}/dev/mailbox.json`)).status).toBe(404);
    expect(lines.join('\n')).not.toContain(api.apiKey);
  });

  it('rejects the dev mailbox off loopback', async () => {
    const { logger } = createCapturedLogger();
    const start = startApi({ env: { HOST: '0.0.0.0' }, dataFile: join(dir, 'data.json'), port: 0, logger });

    await expect(start).rejects.toThrow('The dev mailbox has no login');
    await expect(start).rejects.toThrow('Set SMTP_URL, or keep HOST on 127.0.0.1, ::1 or localhost.');
  });

  it('listens on 0.0.0.0 with SMTP_URL', async () => {
    const { logger } = createCapturedLogger();
    api = await startApi({ env: { HOST: '0.0.0.0', SMTP_URL: sink.url }, dataFile: join(dir, 'data.json'), port: 0, logger });

    expect(api.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
  });

  it('tells loopback hosts apart', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', '::1', '[::1]', 'localhost', 'LOCALHOST']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'crm.example.com', '128.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses a second start on the same data file', async () => {
    const dataFile = join(dir, 'data.json');
    const { logger } = createCapturedLogger();
    api = await startApi({ env: { SMTP_URL: sink.url }, dataFile, port: 0, logger });

    const second = startApi({ env: { SMTP_URL: sink.url }, dataFile, port: 0, logger });
    await expect(second).rejects.toBeInstanceOf(DataFileInUseError);
    await expect(second).rejects.toThrow(`pid ${process.pid}`);

    await api.close();
    api = await startApi({ env: { SMTP_URL: sink.url }, dataFile, port: 0, logger });
    expect(api.apiKey).toBeUndefined();
  });
});
