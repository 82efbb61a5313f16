import type { ApiChild } from '../helpers/api-child.ts';
import { readDataFile } from '../helpers/data-file.ts';
import { callApi, deletionBody } from '../helpers/http.ts';
import type { MailSink } from '../helpers/mail-sink.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

const CONFIRMATIONS = 200;
const SENDS = 20;

/**
 * Fires 200 confirmations at once at a fresh 50-use code, then 20 code sends
 * at once for an account without a code. Exactly 50 confirmations and one
 * send may succeed.
 */
export async function runConcurrencyScenario(api: ApiChild, dataFile: string, sink: MailSink, keys: { first: string; second: string; secondEmail: string }): Promise<ScenarioRow> {
  const wrong: string[] = [];

  const before = sink.messages.length;
  const send = await callApi(api.url, 'POST', '/v1/otp', { key: keys.first });
  if (send.status !== 201) wrong.push(`the first send got ${send.status}`);
  const code = (await sink.waitForMessageAfter(before)).code!;

  const confirmations = await Promise.all(
    Array.from({ length: CONFIRMATIONS }, (_, index) => callApi(api.url, 'POST', '/v1/deletions', { key: keys.first, body: deletionBody(code, 1, `p${index}-`) })),
  );
  const approved = confirmations.filter((response) => response.status === 201).length;
  const usedUp = confirmations.filter((response) => response.json?.error?.code === 'OTP_USED_UP').length;
  if (approved !== 50) wrong.push(`${approved} of ${CONFIRMATIONS} confirmations were approved; expected 50`);
  if (usedUp !== CONFIRMATIONS - 50) wrong.push(`${usedUp} confirmations got OTP_USED_UP; expected ${CONFIRMATIONS - 50}`);

  const data = await readDataFile(dataFile);
  const recorded = new Set(data.approvals.map((approval) => approval.id));
  const lost = confirmations
    .filter((response) => response.status === 201)
    .flatMap((response) => (response.json.deletions as { id: string }[]).map((deletion) => deletion.id))
    .filter((id) => !recorded.has(id))
    .map((id) => `approval ${id} is missing`);
  const spent = data.codes.find((candidate) => candidate.accountId === data.approvals.at(-1)?.accountId && candidate.activatedAt !== null && candidate.usesLeft === 0);
  if (!spent) wrong.push('no code of the account has 0 uses left');
  const approvalsOfCode = data.approvals.filter((approval) => approval.codeId === spent?.id).length;
  if (approvalsOfCode !== 50) wrong.push(`${approvalsOfCode} approvals are recorded for the code; expected 50`);

  const sendsBefore = sink.messages.length;
  const sends = await Promise.all(Array.from({ length: SENDS }, () => callApi(api.url, 'POST', '/v1/otp', { key: keys.second })));
  const sentOk = sends.filter((response) => response.status === 201).length;
  const tooSoon = sends.filter((response) => response.json?.error?.code === 'RESEND_TOO_SOON').length;
  if (sentOk !== 1) wrong.push(`${sentOk} of ${SENDS} concurrent sends succeeded; expected 1`);
  if (tooSoon !== SENDS - 1) wrong.push(`${tooSoon} sends got RESEND_TOO_SOON; expected ${SENDS - 1}`);

  await new Promise((resolve) => setTimeout(resolve, 200));
  const mails = sink.messages.slice(sendsBefore).filter((message) => message.recipients.includes(keys.secondEmail)).length;
  if (mails !== 1) wrong.push(`${mails} code emails went to the second account; expected 1`);
  const after = await readDataFile(dataFile);
  const secondAccount = after.accounts.find((account) => account.registeredEmail === keys.secondEmail)!;
  const active = after.codes.filter((candidate) => candidate.accountId === secondAccount.id && candidate.activatedAt !== null && candidate.endedAt === null).length;
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
