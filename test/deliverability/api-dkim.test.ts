import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDkimDnsRecord, generateDkimKeyPair } from '../../api/mail/dkim-key.ts';
import { startApi } from '../../api/start-api.ts';
import { startDeliveryStack } from '../api/helpers/delivery-stack.ts';
import { createCapturedLogger } from '../api/helpers/log-capture.ts';

const SELECTOR = 'api2026';
const DOMAIN = 'example.com';
const MAIL_FROM = 'Delete Guard <no-reply@mail.example.com>';

let keyDir: string;
let keyFile: string;
let dnsRecords: Map<string, string[][]>;

/** Resolves TXT queries for mailauth from `dnsRecords`, so no test touches real DNS. */
async function resolveFromTable(name: string, rrtype: string): Promise<string[][]> {
  const records = rrtype === 'TXT' ? dnsRecords.get(name.toLowerCase()) : undefined;
  if (records) return records;
  throw Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
}

beforeAll(async () => {
  keyDir = await mkdtemp(join(tmpdir(), 'delete-guard-api-dkim-'));
  const pair = generateDkimKeyPair();
  keyFile = join(keyDir, 'dkim.pem');
  await writeFile(keyFile, pair.privateKeyPem, { mode: 0o600 });
  const record = formatDkimDnsRecord(DOMAIN, SELECTOR, pair.publicKeyBase64);
  dnsRecords = new Map([[record.name, [record.strings]]]);
});

afterAll(async () => {
  await rm(keyDir, { recursive: true, force: true });
});

describe('API with DKIM settings', () => {
  it('signs the code email so it verifies', async () => {
    const stack = await startDeliveryStack({
      env: { MAIL_FROM, DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_FILE: keyFile },
    });
    try {
      expect((await stack.call('POST', '/v1/otp')).status).toBe(201);
      expect(stack.smtp.messages).toHaveLength(1);

      const result = await dkimVerify(stack.smtp.messages[0]!.raw, { resolver: resolveFromTable });
      expect(result.results).toHaveLength(1);
      expect(result.results[0]?.status.result).toBe('pass');
      expect(result.results[0]?.signingDomain).toBe(DOMAIN);
      expect(result.results[0]?.selector).toBe(SELECTOR);
    } finally {
      await stack.close();
    }
  });

  it('refuses to start with a missing key file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'delete-guard-api-dkim-bad-'));
    try {
      const start = startApi({
        env: { MAIL_FROM, DKIM_DOMAIN: DOMAIN, DKIM_SELECTOR: SELECTOR, DKIM_PRIVATE_KEY_FILE: join(dir, 'missing.pem') },
        dataFile: join(dir, 'data.json'),
        port: 0,
        logger: createCapturedLogger().logger,
      });
      await expect(start).rejects.toThrow(/Failed to start: invalid DKIM settings\.\n {2}DKIM_PRIVATE_KEY_FILE: cannot read/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a partial DKIM setup', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'delete-guard-api-dkim-bad-'));
    try {
      const start = startApi({ env: { MAIL_FROM, DKIM_DOMAIN: DOMAIN }, dataFile: join(dir, 'data.json'), port: 0, logger: createCapturedLogger().logger });
      await expect(start).rejects.toThrow('DKIM_SELECTOR: missing; set all three DKIM variables or none');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
