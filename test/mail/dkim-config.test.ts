import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDkimOptions } from '../../api/mail/dkim-config.ts';
import { formatDkimDnsRecord, generateDkimKeyPair } from '../../api/mail/dkim-key.ts';

const FROM = 'Delete Guard <no-reply@mail.example.com>';
const run = promisify(execFile);

let dir: string;
let goodKeyFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delete-guard-dkim-config-'));
  goodKeyFile = join(dir, 'good.pem');
  await writeFile(goodKeyFile, generateDkimKeyPair().privateKeyPem, { mode: 0o600 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function env(overrides: Record<string, string | undefined> = {}) {
  return { DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'mail2026', DKIM_PRIVATE_KEY_FILE: goodKeyFile, ...overrides };
}

describe('loadDkimOptions', () => {
  it('returns null when no DKIM variable is set', () => {
    expect(loadDkimOptions({}, FROM)).toBeNull();
    expect(loadDkimOptions({ DKIM_DOMAIN: '', DKIM_SELECTOR: '', DKIM_PRIVATE_KEY_FILE: '' }, FROM)).toBeNull();
  });

  it('returns nodemailer options for a parent domain', async () => {
    const options = loadDkimOptions(env({ DKIM_DOMAIN: 'Example.COM.' }), FROM);

    expect(options).toEqual({ domainName: 'example.com', keySelector: 'mail2026', privateKey: await readFile(goodKeyFile, 'utf8') });
  });

  it('accepts the From domain itself', () => {
    expect(loadDkimOptions(env({ DKIM_DOMAIN: 'mail.example.com' }), FROM)?.domainName).toBe('mail.example.com');
  });

  it.each([
    ['another domain', 'other.test'],
    ['a subdomain of the From domain', 'x.mail.example.com'],
    ['a look-alike suffix', 'ample.com'],
  ])('rejects %s', (_case, domain) => {
    expect(() => loadDkimOptions(env({ DKIM_DOMAIN: domain }), FROM)).toThrow(
      `DKIM_DOMAIN: "${domain}" does not align with the MAIL_FROM domain "mail.example.com"`,
    );
  });

  it('lists every missing variable', () => {
    expect(() => loadDkimOptions({ DKIM_DOMAIN: 'example.com' }, FROM)).toThrow(
      /DKIM_SELECTOR: missing; set all three DKIM variables or none\n {2}DKIM_PRIVATE_KEY_FILE: missing/,
    );
  });

  it.each([
    ['DKIM_DOMAIN', 'not a domain', 'must be a domain name'],
    ['DKIM_DOMAIN', 'localhost', 'must be a domain name'],
    ['DKIM_SELECTOR', 'mail_2026', 'must be letters, digits, hyphens and dots'],
  ])('rejects %s=%j', (name, value, message) => {
    expect(() => loadDkimOptions(env({ [name]: value }), FROM)).toThrow(`${name}: ${message}`);
  });

  it('names an unreadable key file', () => {
    const missing = join(dir, 'missing.pem');

    expect(() => loadDkimOptions(env({ DKIM_PRIVATE_KEY_FILE: missing }), FROM)).toThrow(
      `DKIM_PRIVATE_KEY_FILE: cannot read "${missing}" (ENOENT)`,
    );
  });

  it('rejects a file that is not a key', async () => {
    const file = join(dir, 'not-a-key.pem');
    await writeFile(file, 'hello');

    expect(() => loadDkimOptions(env({ DKIM_PRIVATE_KEY_FILE: file }), FROM)).toThrow('is not a PEM private key');
  });

  it('rejects an RSA key below 2048 bits', async () => {
    const file = join(dir, 'short.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));

    expect(() => loadDkimOptions(env({ DKIM_PRIVATE_KEY_FILE: file }), FROM)).toThrow(
      'must be an RSA key of at least 2048 bits, but it is an RSA key of 1024 bits',
    );
  });

  it('rejects a non-RSA key', async () => {
    const file = join(dir, 'ed25519.pem');
    const { privateKey } = generateKeyPairSync('ed25519');
    await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));

    expect(() => loadDkimOptions(env({ DKIM_PRIVATE_KEY_FILE: file }), FROM)).toThrow('but it is a ed25519 key');
  });

  it('error starts like other startup errors', () => {
    expect(() => loadDkimOptions(env({ DKIM_DOMAIN: 'other.test' }), FROM)).toThrow(/^Failed to start: invalid DKIM settings\./);
  });
});

describe('formatDkimDnsRecord', () => {
  it('splits the value into 255-character strings', () => {
    const { publicKeyBase64 } = generateDkimKeyPair();
    const record = formatDkimDnsRecord('example.com', 'mail2026', publicKeyBase64);

    expect(record.name).toBe('mail2026._domainkey.example.com');
    expect(record.value).toBe(`v=DKIM1; k=rsa; p=${publicKeyBase64}`);
    expect(record.strings.join('')).toBe(record.value);
    expect(record.strings.length).toBeGreaterThan(1);
    expect(record.strings.every((part) => part.length <= 255)).toBe(true);
    expect(record.zoneLine).toBe(`mail2026._domainkey.example.com. IN TXT ${record.strings.map((part) => `"${part}"`).join(' ')}`);
  });
});

describe('npm run dkim', () => {
  const cli = join(process.cwd(), 'api', 'cli', 'dkim.ts');
  // Started from the repository root, where node finds tsx. Every path passed is absolute.
  const runCli = (args: string[]) => run(process.execPath, ['--import', 'tsx', cli, ...args]);

  it('generate writes a 0600 key and prints record and env', async () => {
    const out = join(dir, 'cli', 'generated.pem');
    const { stdout } = await runCli(['generate', '--domain', 'example.com', '--selector', 'mail2026', '--out', out]);

    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(stdout).toMatch(/^mail2026\._domainkey\.example\.com\. IN TXT "v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+" "[A-Za-z0-9+/=]+"$/m);
    expect(stdout).toContain('DKIM_DOMAIN=example.com\nDKIM_SELECTOR=mail2026\n');
    expect(stdout).toContain(`DKIM_PRIVATE_KEY_FILE=${out}\n`);
    expect(stdout).toContain('MAIL_FROM=Delete Guard <no-reply@example.com>\n');
    expect(stdout).toContain('MAIL_FROM must be an address at example.com or one of its subdomains');
    expect(loadDkimOptions({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'mail2026', DKIM_PRIVATE_KEY_FILE: out }, FROM)).not.toBeNull();
  });

  it('generate refuses to overwrite a key', async () => {
    const out = join(dir, 'existing.pem');
    await writeFile(out, 'keep me');

    await expect(runCli(['generate', '--domain', 'example.com', '--selector', 'mail2026', '--out', out])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the file already exists'),
    });
    expect(await readFile(out, 'utf8')).toBe('keep me');
  });

  it('record prints the same record as generate', async () => {
    const out = join(dir, 'cli', 'for-record.pem');
    const generated = await runCli(['generate', '--domain', 'example.com', '--selector', 's1', '--out', out]);
    const printed = await runCli(['record', '--domain', 'example.com', '--selector', 's1', '--key', out]);

    const zoneLine = (text: string) => text.split('\n').find((line) => line.includes(' IN TXT '));
    expect(zoneLine(printed.stdout)).toBe(zoneLine(generated.stdout));
  });

  it('rejects a missing domain with usage', async () => {
    await expect(runCli(['generate', '--selector', 'mail2026'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--domain is required'),
    });
  });

  it('rejects a missing selector with usage', async () => {
    await expect(runCli(['generate', '--domain', 'example.com'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--selector is required, such as --selector mail2026.'),
    });
  });

  it('rejects an invalid domain with usage', async () => {
    await expect(runCli(['generate', '--domain', 'not a domain', '--selector', 'mail2026'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--domain must be a domain name'),
    });
  });
}, 30_000);
