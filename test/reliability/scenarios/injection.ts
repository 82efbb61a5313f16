import { createLogger } from '../../../api/logger.ts';
import { hashApiKey, generateApiKey } from '../../../api/security/api-keys.ts';
import { openAccountStore } from '../../../api/store/open-account-store.ts';
import { DEFAULT_CONFIRMATION_WORD, DEFAULT_REASONS } from '../../../shared/reasons.ts';
import { runAccountsCli, startApiChild, startApiOnNewStore } from '../helpers/api-child.ts';
import { callApi } from '../helpers/http.ts';
import { knownSecrets } from '../helpers/known-secrets.ts';
import type { MailSink } from '../helpers/mail-sink.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

/** Email values that try to add a header or a second recipient. */
export const HOSTILE_EMAILS = [
  'ops@acme.test\r\nBcc: victim@evil.test',
  'ops@acme.test\nBcc: victim@evil.test',
  'ops@acme.test\rBcc: victim@evil.test',
  'ops@acme.test, victim@evil.test',
  'ops@acme.test;victim@evil.test',
  'ops@acme.test victim@evil.test',
  '"Ops" <ops@acme.test>',
  'ops@acme.test\u2028Bcc: victim@evil.test',
  'ops@acme.test%0d%0aBcc:victim@evil.test',
  'ops@acme.test\u0000',
  '<ops@acme.test>',
  'ops@acme.test,',
];

/** Company names with line breaks that reach the Subject header. */
const HOSTILE_COMPANIES = ['Evil\r\nBcc: victim@evil.test', 'Evil\nX-Injected: yes', 'Evil\u2028\u2029\u0085X-Injected: yes'];

/**
 * Sends every hostile address to each email field (the API route and the
 * accounts CLI, which reaches the running API over its admin socket), and
 * company names with line breaks to the CLI, and expects a rejection. Then
 * mails a code to accounts whose company name contains line breaks and checks
 * the received raw message: one recipient and no header that came from the name.
 */
export async function runInjectionScenario(sink: MailSink): Promise<ScenarioRow> {
  const env = { SMTP_URL: sink.url };
  const started = await startApiOnNewStore('delete-guard-injection-', env);
  const { dataFile, apiKey } = started;
  let api = started.api;
  const wrong: string[] = [];
  let operations = 0;

  try {
    for (const email of HOSTILE_EMAILS) {
      const response = await callApi(api.url, 'PUT', '/v1/settings/company-email', { key: apiKey, body: { email } });
      operations += 1;
      if (response.status !== 400) wrong.push(`PUT company-email ${JSON.stringify(email)} got ${response.status}`);

      // A NUL byte cannot be passed in a command line at all.
      if (email.includes('\u0000')) continue;
      const cli = await runAccountsCli(['create', '--company', 'Acme', '--email', email], dataFile);
      operations += 1;
      if (cli.code === 0) wrong.push(`the CLI created an account for ${JSON.stringify(email)}`);
    }

    for (const company of HOSTILE_COMPANIES) {
      const cli = await runAccountsCli(['create', '--company', company, '--email', 'ops@acme.test'], dataFile);
      operations += 1;
      if (cli.code === 0) wrong.push(`the CLI created an account named ${JSON.stringify(company)}`);
    }

    // Accounts are written straight into the store, the way an older version
    // or a hand edit could have left them, so the mail path is tested on its
    // own. The JSON store belongs to one process, so the API stops meanwhile.
    await api.stop();
    const injected = await injectAccounts(dataFile);
    api = await startApiChild({ DELETE_GUARD_DATA: dataFile, ...env });

    for (const { company, email, apiKey: apiKeyOfCompany } of injected) {
      const before = sink.messages.length;
      const send = await callApi(api.url, 'POST', '/v1/otp', { key: apiKeyOfCompany });
      operations += 1;
      if (send.status !== 201) {
        wrong.push(`sending to ${JSON.stringify(company)} got ${send.status} ${JSON.stringify(send.json)}`);
        continue;
      }
      const mail = await sink.waitForMessageTo(email, before);
      wrong.push(...findHeaderInjection(mail.raw, mail.recipients, email).map((problem) => `${JSON.stringify(company)}: ${problem}`));
    }
  } finally {
    await api.stop();
  }

  return { scenario: 'injection (email, headers)', operations, faultsInjected: operations, wrongOutcomes: wrong, lostWrites: [] };
}

/** Creates one account for each hostile company name, bypassing the name check of the CLI. */
async function injectAccounts(dataFile: string): Promise<{ company: string; email: string; apiKey: string }[]> {
  const opened = await openAccountStore({ dataFile, logger: createLogger({ level: 'silent' }), role: 'cli' });
  try {
    const injected = [];
    for (const [index, company] of HOSTILE_COMPANIES.entries()) {
      const apiKey = generateApiKey();
      const email = `injected${index}@acme.test`;
      knownSecrets.apiKeys.add(apiKey);
      knownSecrets.emails.add(email);
      await opened.store.createAccount({
        id: `acct_injection${index}`,
        company,
        registeredEmail: email,
        companyEmail: null,
        pendingCompanyEmail: null,
        confirmationWord: DEFAULT_CONFIRMATION_WORD,
        reasons: [...DEFAULT_REASONS],
        apiKeyHash: hashApiKey(apiKey),
        role: 'account',
        createdAt: Date.now(),
      });
      injected.push({ company, email, apiKey });
    }
    return injected;
  } finally {
    await opened.close();
  }
}

/** Lists signs that text from a company name became a header or a recipient. */
function findHeaderInjection(raw: string, recipients: string[], expected: string): string[] {
  const problems: string[] = [];
  if (recipients.length !== 1 || recipients[0] !== expected) problems.push(`the envelope recipients are ${JSON.stringify(recipients)}`);
  const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
  // Unfold continuation lines first: only a line that starts a header counts.
  const headerNames = headerBlock.split(/\r\n(?![ \t])/).map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
  for (const injected of ['bcc', 'x-injected']) {
    if (headerNames.includes(injected)) problems.push(`the message has a ${injected} header`);
  }
  if (/[\r\n]/.test(headerBlock.replace(/\r\n/g, ''))) problems.push('a header holds a bare CR or LF');
  return problems;
}
