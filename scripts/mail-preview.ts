import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadDkimOptions } from '../api/mail/dkim-config.ts';
import { composeRawMessage } from '../api/mail/raw-message.ts';
import { composeChangeNotice, composeOtpMail, composeTestMail, composeVerificationMail } from '../api/mail/templates.ts';
import type { ComposedMail } from '../api/mail/mailer.ts';

const USAGE = `Usage: npm run mail:preview [-- --out <dir>]

Writes every email Delete Guard sends, filled with sample data, as <name>.eml
(the full message, to open in a mail client) and <name>.html (the HTML part,
to open in a browser). The folder defaults to ./data/mail-preview/.
MAIL_FROM and CRM_URL are used when set, and the .eml files are DKIM-signed
when the DKIM_* variables are set.`;

const SAMPLE_COMPANY = 'Demo Company';
const SAMPLE_RECIPIENT = 'owner@example.com';
const DEFAULT_FROM = 'Delete Guard <no-reply@delete-guard.localhost>';

/** Composes every template with sample input, keyed by output file name. */
function composeSamples(crmUrl: string | undefined): Record<string, ComposedMail> {
  const changedAt = new Date();
  return {
    otp: composeOtpMail({ company: SAMPLE_COMPANY, code: '048213', ttlMinutes: 60, maxUses: 50, crmUrl }),
    'company-email-verification': composeVerificationMail({ company: SAMPLE_COMPANY, code: '583920', ttlMinutes: 30 }),
    'change-notice': composeChangeNotice({ company: SAMPLE_COMPANY, destination: 'o***@example.com', changedAt }),
    'change-notice-back-to-registered': composeChangeNotice({
      company: SAMPLE_COMPANY,
      destination: 'o***@example.com',
      changedAt,
      backToRegisteredEmail: true,
    }),
    'delivery-test': composeTestMail({ company: SAMPLE_COMPANY, sentAt: changedAt }),
  };
}

async function main(): Promise<number> {
  let out: string | undefined;
  try {
    const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    out = values.out;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }

  const dir = resolve(out ?? join('data', 'mail-preview'));
  const from = process.env.MAIL_FROM || DEFAULT_FROM;
  const dkim = loadDkimOptions(process.env, from);
  await mkdir(dir, { recursive: true });

  for (const [name, mail] of Object.entries(composeSamples(process.env.CRM_URL || undefined))) {
    const raw = await composeRawMessage({ to: SAMPLE_RECIPIENT, ...mail }, { from, dkim });
    await writeFile(join(dir, `${name}.eml`), raw);
    await writeFile(join(dir, `${name}.html`), mail.html);
    process.stdout.write(`Wrote ${name}.eml and ${name}.html\n`);
  }
  process.stdout.write(`Previews are in ${dir}\n`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`Failed to write the mail previews: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
