import { runAccountsCli, startApiOnNewStore } from '../helpers/api-child.ts';
import { readStore } from '../helpers/data-file.ts';
import { callApi, deletionBody } from '../helpers/http.ts';
import { knownSecrets } from '../helpers/known-secrets.ts';
import type { MailSink } from '../helpers/mail-sink.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

const CONFIRMATIONS = 200;
const SENDS = 20;
const SECOND_EMAIL = 'second@acme.test';

/**
 * Fires 200 confirmations at once at a fresh 50-use code, then 20 code sends
 * at once for a second account without a code, created with the accounts CLI
 * through the running API's admin socket. Exactly 50 confirmations and one
 * send may succeed. After the API stops, its store must hold the 50
 * approvals, a code with 0 uses left and one active code of the second account.
 */
export async function runConcurrencyScenario(sink: MailSink): Promise<ScenarioRow> {
  const { api, dataFile, apiKey } = await startApiOnNewStore('delete-guard-concurrency-', { SMTP_URL: sink.url });
  const wrong: string[] = [];

  let confirmations;
  let sends;
  try {
    const created = await runAccountsCli(['create', '--company', 'Acme Credit', '--email', SECOND_EMAIL], dataFile);
    if (created.code !== 0) throw new Error(`The accounts CLI failed to create the second account: ${created.stderr}`);
    const secondKey = (JSON.parse(created.stdout) as { apiKey: string }).apiKey;
    knownSecrets.apiKeys.add(secondKey);
    knownSecrets.emails.add(SECOND_EMAIL);

    const before = sink.messages.length;
    const send = await callApi(api.url, 'POST', '/v1/otp', { key: apiKey });
    // Only a "sent" delivery has reached the sink; anything else would show up as a mail wait timeout.
    if (send.status !== 201 || send.json.delivery.status !== 'sent') throw new Error(`The first code send got ${send.status} ${JSON.stringify(send.json)}.`);
    const code = (await sink.waitForMessageTo('owner@demo.test', before)).code!;

    confirmations = await Promise.all(
      Array.from({ length: CONFIRMATIONS }, (_, index) => callApi(api.url, 'POST', '/v1/deletions', { key: apiKey, body: deletionBody(code, 1, `p${index}-`) })),
    );

    const sendsBefore = sink.messages.length;
    sends = await Promise.all(Array.from({ length: SENDS }, () => callApi(api.url, 'POST', '/v1/otp', { key: secondKey })));
    // A second mail would arrive right after the first; 200 ms leaves room for it.
    await sink.waitForMessageTo(SECOND_EMAIL, sendsBefore).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const mails = sink.messages.slice(sendsBefore).filter((message) => message.recipients.includes(SECOND_EMAIL)).length;
    if (mails !== 1) wrong.push(`${mails} code emails went to the second account; expected 1`);
  } finally {
    await api.stop();
  }

  const approved = confirmations.filter((response) => response.status === 201).length;
  const usedUp = confirmations.filter((response) => response.json?.error?.code === 'OTP_USED_UP').length;
  if (approved !== 50) wrong.push(`${approved} of ${CONFIRMATIONS} confirmations were approved; expected 50`);
  if (usedUp !== CONFIRMATIONS - 50) wrong.push(`${usedUp} confirmations got OTP_USED_UP; expected ${CONFIRMATIONS - 50}`);

  const sentOk = sends.filter((response) => response.status === 201).length;
  const tooSoon = sends.filter((response) => response.json?.error?.code === 'RESEND_TOO_SOON').length;
  if (sentOk !== 1) wrong.push(`${sentOk} of ${SENDS} concurrent sends succeeded; expected 1`);
  if (tooSoon !== SENDS - 1) wrong.push(`${tooSoon} sends got RESEND_TOO_SOON; expected ${SENDS - 1}`);

  const snapshot = await readStore(dataFile);
  const first = snapshot.accounts.find((account) => account.state.account.registeredEmail === 'owner@demo.test');
  const second = snapshot.accounts.find((account) => account.state.account.registeredEmail === SECOND_EMAIL);
  if (!first || !second) throw new Error(`The store lacks an account: it holds ${snapshot.accounts.map((account) => account.state.account.registeredEmail).join(', ')}.`);

  const recorded = new Set(first.approvals.map((approval) => approval.id));
  const lost = confirmations
    .filter((response) => response.status === 201)
    .flatMap((response) => (response.json.deletions as { id: string }[]).map((deletion) => deletion.id))
    .filter((id) => !recorded.has(id))
    .map((id) => `approval ${id} is missing from the audit log`);
  const spent = first.state.codes.find((candidate) => candidate.activatedAt !== null && candidate.usesLeft === 0);
  if (!spent) wrong.push('no code of the account has 0 uses left');
  const approvalsOfCode = first.approvals.filter((approval) => approval.codeId === spent?.id).length;
  if (approvalsOfCode !== 50) wrong.push(`${approvalsOfCode} approvals are recorded for the code; expected 50`);

  const active = second.state.codes.filter((candidate) => candidate.activatedAt !== null && candidate.endedAt === null).length;
  if (active !== 1) wrong.push(`the second account has ${active} active codes; expected 1`);

  return {
    scenario: 'concurrency',
    operations: CONFIRMATIONS + SENDS + 1,
    faultsInjected: 0,
    wrongOutcomes: wrong,
    lostWrites: lost,
    notes: [`${approved} approved and ${usedUp} refused of ${CONFIRMATIONS} confirmations; ${sentOk} sent and ${tooSoon} RESEND_TOO_SOON of ${SENDS} sends`],
  };
}
