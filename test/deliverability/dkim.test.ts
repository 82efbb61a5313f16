import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticate } from 'mailauth';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDkimOptions } from '../../api/mail/dkim-config.ts';
import { formatDkimDnsRecord, generateDkimKeyPair } from '../../api/mail/dkim-key.ts';
import { createSmtpMailer } from '../../api/mail/smtp-mailer.ts';
import { createCapturingLogger, startTestSmtpServer, type TestSmtpServer } from '../mail/smtp-test-servers.ts';
import { composeSampleMails, SAMPLE_FROM, SAMPLE_RECIPIENT } from './sample-mail.ts';

const SELECTOR = 'test2026';
const SIGNING_DOMAIN = 'example.com';
const SENDER = 'no-reply@mail.example.com';

let server: TestSmtpServer;
let keyDir: string;
let dnsRecords: Map<string, string[][]>;

/**
 * Resolves TXT queries for mailauth from `dnsRecords` and reports every other
 * name as missing, so no test touches real DNS.
 */
async function resolveFromTable(name: string, rrtype: string): Promise<string[][]> {
  const records = rrtype === 'TXT' ? dnsRecords.get(name.toLowerCase()) : undefined;
  if (records) return records;
  throw Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
}

/** Creates a key, publishes it in the stub DNS and returns the mailer's DKIM options for `domain`. */
async function setUpKey(domain: string): Promise<ReturnType<typeof loadDkimOptions>> {
  const pair = generateDkimKeyPair();
  const keyFile = join(keyDir, `${domain}.pem`);
  await writeFile(keyFile, pair.privateKeyPem, { mode: 0o600 });
  const record = formatDkimDnsRecord(domain, SELECTOR, pair.publicKeyBase64);
  // Published as 255-character strings, as the generate command prints it.
  dnsRecords.set(record.name, [record.strings]);
  return loadDkimOptions({ DKIM_DOMAIN: domain, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_FILE: keyFile }, SAMPLE_FROM);
}

/** Sends every sample mail signed with `dkim` and returns the raw messages as the server received them. */
async function sendSigned(dkim: ReturnType<typeof loadDkimOptions>): Promise<Array<{ kind: string; raw: Buffer }>> {
  const mailer = createSmtpMailer({ url: server.url, from: SAMPLE_FROM, logger: createCapturingLogger().logger, dkim });
  const received: Array<{ kind: string; raw: Buffer }> = [];
  try {
    for (const sample of composeSampleMails()) {
      const before = server.messages.length;
      const result = await mailer.send({ to: SAMPLE_RECIPIENT, ...sample.mail });
      if (result.status !== 'sent') throw new Error(`Failed to send the ${sample.kind} sample: ${result.reason}`);
      received.push({ kind: sample.kind, raw: server.messages[before]!.raw });
    }
  } finally {
    await mailer.close();
  }
  return received;
}

async function authenticateReceived(raw: Buffer) {
  const result = await authenticate(raw, {
    ip: '127.0.0.1',
    helo: 'localhost',
    sender: SENDER,
    mta: 'mx.acme.example',
    resolver: resolveFromTable,
    disableArc: true,
    disableBimi: true,
  });
  if (!result.dmarc) throw new Error('mailauth returned no DMARC result');
  return { ...result, dmarc: result.dmarc };
}

beforeAll(async () => {
  server = await startTestSmtpServer();
  keyDir = await mkdtemp(join(tmpdir(), 'delete-guard-dkim-'));
  // No SPF record, so DMARC can pass only through an aligned DKIM signature.
  dnsRecords = new Map([['_dmarc.example.com', [['v=DMARC1; p=reject; adkim=r']]]]);
});

afterAll(async () => {
  await server.close();
  await rm(keyDir, { recursive: true, force: true });
});

describe('DKIM signature for the parent domain', () => {
  let received: Array<{ kind: string; raw: Buffer }>;

  beforeAll(async () => {
    received = await sendSigned(await setUpKey(SIGNING_DOMAIN));
  });

  it('every kind of mail passes DKIM', async () => {
    expect(received).toHaveLength(composeSampleMails().length);
    for (const { kind, raw } of received) {
      const result = await dkimVerify(raw, { resolver: resolveFromTable });
      const signature = result.results[0];

      expect(result.results, kind).toHaveLength(1);
      expect(signature?.status.result, `${kind}: ${signature?.status.comment}`).toBe('pass');
      expect(signature?.signingDomain, kind).toBe(SIGNING_DOMAIN);
      expect(signature?.selector, kind).toBe(SELECTOR);
      expect(signature?.status.header?.a, kind).toBe('rsa-sha256');
      expect(signature?.status.aligned, kind).toBe(SIGNING_DOMAIN);
    }
  });

  it('DMARC passes on aligned DKIM alone', async () => {
    for (const { kind, raw } of received) {
      const result = await authenticateReceived(raw);

      // false when no SPF check ran, otherwise anything but a pass.
      expect(result.spf ? result.spf.status.result : false, kind).not.toBe('pass');
      expect(result.dmarc.status.result, kind).toBe('pass');
      expect(result.dmarc.alignment.dkim.result, kind).toBe(SIGNING_DOMAIN);
    }
  });

  it('signs From, Subject, Date, Message-ID and To', async () => {
    const signature = /^DKIM-Signature:[\s\S]*?(?=\r\n\S)/m.exec(received[0]!.raw.toString('latin1'))?.[0] ?? '';
    const signedHeaders = /\bh=([^;]+)/.exec(signature.replace(/\r\n[ \t]/g, ''))?.[1]?.toLowerCase().split(':') ?? [];

    expect(signedHeaders).toEqual(expect.arrayContaining(['from', 'subject', 'date', 'message-id', 'to']));
  });

  it('tampered body fails DKIM', async () => {
    const original = received[0]!.raw.toString('latin1');
    const tampered = original.replace('048213', '999999');
    expect(tampered).not.toBe(original);

    const result = await dkimVerify(Buffer.from(tampered, 'latin1'), { resolver: resolveFromTable });

    // mailauth 4.13 reports a body hash mismatch as "neutral" rather than "fail".
    expect(result.results[0]?.status.result).not.toBe('pass');
    expect(result.results[0]?.status.comment).toBe('body hash did not verify');
  });

  it('tampered subject fails DKIM', async () => {
    const original = received[0]!.raw.toString('latin1');
    const tampered = original.replace(/^Subject: .*$/m, 'Subject: Your Delete Guard OTP for Another Company');

    const result = await dkimVerify(Buffer.from(tampered, 'latin1'), { resolver: resolveFromTable });

    expect(result.results[0]?.status.result).toBe('fail');
  });

  it('tampered message fails DMARC', async () => {
    const tampered = received[0]!.raw.toString('latin1').replace('048213', '999999');

    const result = await authenticateReceived(Buffer.from(tampered, 'latin1'));

    expect(result.dmarc.status.result).toBe('fail');
  });
});

describe('DKIM signature for the From domain itself', () => {
  it('passes with strict alignment', async () => {
    const [first] = await sendSigned(await setUpKey('mail.example.com'));
    dnsRecords.set('_dmarc.example.com', [['v=DMARC1; p=reject; adkim=s']]);

    const result = await authenticateReceived(first!.raw);

    expect(result.dkim.results[0]?.signingDomain).toBe('mail.example.com');
    expect(result.dmarc.status.result).toBe('pass');
    expect(result.dmarc.alignment.dkim).toMatchObject({ result: 'mail.example.com', strict: true });
  });
});
