import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  derivePublicKeyBase64,
  formatDkimDnsRecord,
  generateDkimKeyPair,
  parseDkimPrivateKey,
  type DkimDnsRecord,
} from '../mail/dkim-key.ts';

const USAGE = `Usage: npm run dkim -- <command> [options]

Commands:
  generate --domain <domain> --selector <selector> [--out <file>]
      Create an RSA 2048 DKIM key. Writes the private key as PEM to <file>
      (default ./data/dkim/<selector>._domainkey.<domain>.pem, mode 0600; an
      existing file is never overwritten), then prints the DNS TXT record to
      publish and the environment variables to set.
  record --domain <domain> --selector <selector> --key <file>
      Print the DNS TXT record for an existing private key.

The domain must be the domain of MAIL_FROM or a parent of it, such as
example.com for no-reply@mail.example.com.`;

const DOMAIN_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const SELECTOR_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Runs one DKIM command and returns the exit code. Output goes to stdout, errors to stderr. */
async function runDkimCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }

  let values: { domain?: string; selector?: string; out?: string; key?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { domain: { type: 'string' }, selector: { type: 'string' }, out: { type: 'string' }, key: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  const action = command === 'record' ? 'print the record' : 'generate the key';
  const domain = values.domain?.trim().toLowerCase().replace(/\.$/, '');
  const selector = values.selector?.trim().toLowerCase();
  if (!domain) {
    process.stderr.write(`Failed to ${action}: --domain is required, such as --domain example.com.\n\n${USAGE}\n`);
    return 2;
  }
  if (!DOMAIN_PATTERN.test(domain)) {
    process.stderr.write(`Failed to ${action}: --domain must be a domain name such as example.com.\n\n${USAGE}\n`);
    return 2;
  }
  if (!selector) {
    process.stderr.write(`Failed to ${action}: --selector is required, such as --selector mail2026.\n\n${USAGE}\n`);
    return 2;
  }
  if (!SELECTOR_PATTERN.test(selector)) {
    process.stderr.write(`Failed to ${action}: --selector must be letters, digits, hyphens and dots, such as mail2026.\n\n${USAGE}\n`);
    return 2;
  }

  switch (command) {
    case 'generate':
      return generateKey(domain, selector, values.out ?? join('data', 'dkim', `${selector}._domainkey.${domain}.pem`));
    case 'record':
      return printRecordOfKey(domain, selector, values.key);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
  }
}

async function generateKey(domain: string, selector: string, out: string): Promise<number> {
  const path = resolve(out);
  const pair = generateDkimKeyPair();
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // "wx" fails when the file exists, because overwriting a key that DNS
    // already publishes would break signing until the record is replaced.
    await writeFile(path, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' ? 'the file already exists. Choose another --out or selector' : (error as Error).message;
    process.stderr.write(`Failed to write the DKIM key to ${path}: ${reason}\n`);
    return 1;
  }

  process.stdout.write(`Wrote the private key to ${path} (mode 0600). Keep it secret and out of version control.\n\n`);
  printRecord(formatDkimDnsRecord(domain, selector, pair.publicKeyBase64));
  process.stdout.write(
    '\nThen set these variables for the API and restart it:\n\n' +
      `DKIM_DOMAIN=${domain}\nDKIM_SELECTOR=${selector}\nDKIM_PRIVATE_KEY_FILE=${path}\n` +
      `MAIL_FROM=Delete Guard <no-reply@${domain}>\n\n` +
      `MAIL_FROM must be an address at ${domain} or one of its subdomains: the API does not start otherwise, because DMARC only counts a signature of the From domain.\n`,
  );
  return 0;
}

async function printRecordOfKey(domain: string, selector: string, keyFile: string | undefined): Promise<number> {
  if (!keyFile) {
    process.stderr.write(`Failed to print the record: --key is required.\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const key = parseDkimPrivateKey(await readFile(keyFile, 'utf8'), `The key file ${keyFile}`);
    printRecord(formatDkimDnsRecord(domain, selector, derivePublicKeyBase64(key)));
    return 0;
  } catch (error) {
    process.stderr.write(`Failed to print the record: ${(error as Error).message}\n`);
    return 1;
  }
}

function printRecord(record: DkimDnsRecord): void {
  process.stdout.write(
    'Publish this DNS TXT record:\n\n' +
      `${record.zoneLine}\n\n` +
      `In a DNS provider's web form, the name is ${record.name} (or the part before the zone name) ` +
      `and the value is the ${record.value.length}-character text below, which the form splits into strings if needed:\n\n` +
      `${record.value}\n`,
  );
}

process.exitCode = await runDkimCli(process.argv.slice(2));
