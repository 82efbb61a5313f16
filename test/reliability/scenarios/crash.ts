import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RECENT_DELIVERIES } from '../../../api/store/account-store.ts';
import { otpSubject, verificationSubject } from '../../../api/mail/templates.ts';
import { startApiChild, type ApiChild } from '../helpers/api-child.ts';
import { findCodeInvariantBreaks, readStore, type StoreSnapshot } from '../helpers/data-file.ts';
import { callApi, deletionBody, type ApiResponse } from '../helpers/http.ts';
import { knownSecrets } from '../helpers/known-secrets.ts';
import { startMailSink, type MailSink } from '../helpers/mail-sink.ts';
import type { ScenarioRow } from '../helpers/summary.ts';
import { createTempDir } from '../helpers/temp-dirs.ts';

/** Rounds of the crash scenario: RELIABILITY_CRASH_ROUNDS, else 25 to keep `npm test` short. */
export function crashRounds(): number {
  const fromEnv = Number.parseInt(process.env.RELIABILITY_CRASH_ROUNDS ?? '', 10);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 25;
}

// Statuses each operation may answer during a storm; anything else, such as
// a 500 or 503, is a wrong outcome.
const ALLOWED = {
  send: [201, 404, 429],
  confirm: [201, 403, 404, 409, 410, 423],
  outcome: [200, 409],
  setEmail: [202, 429],
  verifyEmail: [200, 403, 404],
  removeEmail: [200],
} as const;
type Operation = keyof typeof ALLOWED;

/** When the request of an acknowledged send started and when its 201 arrived, in epoch ms. */
interface AcknowledgedSend {
  requestedAt: number;
  acknowledgedAt: number;
}

/** Writes the API acknowledged, to look for after each restart. */
interface Ledger {
  approvals: Set<string>;
  outcomes: Map<string, 'deleted' | 'failed'>;
  /** Deliveries of acknowledged code sends, by delivery id. */
  deliveries: Map<string, AcknowledgedSend>;
  /** Company email values the store may hold: the last acknowledged one and any change in flight. */
  companyEmails: Set<string | null>;
  /** Company email requests of the current round with their statuses, to explain a mismatch. */
  settingsRequests: string[];
}

interface RoundState {
  child: ApiChild;
  killed: boolean;
  operations: number;
  wrong: string[];
}

/**
 * Runs rounds of a write storm (code sends, approvals, outcomes, company
 * email changes) against the real API process and kills it with SIGKILL at a
 * random moment. After each kill the store must open, its audit log must
 * hold every acknowledged approval and outcome, its hot state every other
 * acknowledged write, and uses left must equal maximum uses minus the
 * approvals of the code. The restarted API must respond and must have removed
 * the temporary files the killed one left.
 */
export async function runCrashScenario(rounds: number): Promise<ScenarioRow> {
  const dir = await createTempDir('delete-guard-crash-');
  const dataFile = join(dir, 'data.json');
  const sink = await startMailSink();
  const env = {
    DELETE_GUARD_DATA: dataFile,
    SMTP_URL: sink.url,
    // Limits raised so the storm keeps writing instead of being rate limited.
    OTP_RESEND_SECONDS: '1',
    OTP_SENDS_PER_HOUR: '1000000',
    OTP_MAX_ATTEMPTS: '1000000',
    OTP_ACCOUNT_FAILURES_PER_HOUR: '1000000',
  };
  const ledger: Ledger = { approvals: new Set(), outcomes: new Map(), deliveries: new Map(), companyEmails: new Set([null]), settingsRequests: [] };
  const wrong: string[] = [];
  const lost: string[] = [];
  let operations = 0;

  let child = await startApiChild(env);
  const apiKey = child.apiKey!;
  knownSecrets.apiKeys.add(apiKey);
  knownSecrets.serverSecrets.add((await readFile(`${dataFile}.secret`, 'utf8')).trim());

  try {
    for (let round = 0; round < rounds; round += 1) {
      const state: RoundState = { child, killed: false, operations: 0, wrong: [] };
      const killAfterMs = 50 + Math.random() * 950;
      const killer = (async () => {
        await sleep(killAfterMs);
        state.killed = true;
        await child.kill();
      })();
      await Promise.all([runStorm(state, apiKey, sink, ledger), killer]);
      operations += state.operations;
      wrong.push(...state.wrong.map((problem) => `round ${round}: ${problem}`));

      const problems = await checkStoreAfterKill(dataFile, ledger);
      wrong.push(...problems.wrong.map((problem) => `after round ${round}: ${problem}`));
      lost.push(...problems.lost.map((problem) => `after round ${round}: ${problem}`));

      child = await startApiChild(env);
      wrong.push(...(await checkRestartedApi(dir, child, apiKey)).map((problem) => `after round ${round}: ${problem}`));
    }
  } finally {
    await child.stop();
    await sink.close();
  }

  const leftovers = await listTemporaryFiles(dir);
  if (leftovers.length > 0) wrong.push(`temporary files left in the data directory: ${leftovers.join(', ')}`);
  return {
    scenario: 'crash (kill -9)',
    operations,
    faultsInjected: rounds,
    wrongOutcomes: wrong,
    lostWrites: lost,
    notes: [
      `${rounds} rounds (RELIABILITY_CRASH_ROUNDS sets the count), ${ledger.approvals.size} acknowledged approvals, ${ledger.outcomes.size} outcomes, ${ledger.deliveries.size} code sends`,
      `${leftovers.length} temporary files left in the data directory at the end`,
    ],
  };
}

async function runStorm(state: RoundState, apiKey: string, sink: MailSink, ledger: Ledger): Promise<void> {
  const url = state.child.url;

  // Runs one request and checks its status; false once the process is gone.
  async function request(operation: Operation, method: string, path: string, body?: unknown): Promise<ApiResponse | null> {
    let response: ApiResponse;
    try {
      response = await callApi(url, method, path, { key: apiKey, ...(body !== undefined ? { body } : {}) });
    } catch (error) {
      if (!state.killed) state.wrong.push(`${operation} failed before the kill: ${(error as Error).message}`);
      return null;
    }
    state.operations += 1;
    if (!(ALLOWED[operation] as readonly number[]).includes(response.status)) {
      state.wrong.push(`${operation} answered ${response.status} ${JSON.stringify(response.json)}`);
    }
    return response;
  }

  const sender = async () => {
    while (!state.killed) {
      const requestedAt = Date.now();
      const response = await request('send', 'POST', '/v1/otp');
      if (!response) return;
      if (response.status === 201) ledger.deliveries.set(response.json.delivery.id as string, { requestedAt, acknowledgedAt: Date.now() });
      await sleep(50 + Math.random() * 100);
    }
  };

  const confirmer = async (worker: number) => {
    for (let index = 0; !state.killed; index += 1) {
      const codes = recentCodes(sink, otpSubject('Demo Company'));
      const count = 1 + Math.floor(Math.random() * 3);
      let approved: string[] = [];
      for (const code of codes.slice(0, 2)) {
        const response = await request('confirm', 'POST', '/v1/deletions', deletionBody(code, count, `w${worker}-${index}-`));
        if (!response) return;
        if (response.status === 201) {
          approved = (response.json.deletions as { id: string }[]).map((deletion) => deletion.id);
          break;
        }
        if (response.status !== 403) break;
      }
      for (const id of approved) ledger.approvals.add(id);

      const reported = approved[0];
      if (reported !== undefined) {
        const outcome = Math.random() < 0.5 ? 'deleted' : 'failed';
        const response = await request('outcome', 'POST', `/v1/deletions/${reported}/outcome`, { outcome });
        if (!response) return;
        if (response.status === 200) ledger.outcomes.set(reported, outcome);
      }
      if (codes.length === 0) await sleep(20);
    }
  };

  const settingsChanger = async () => {
    for (let index = 0; !state.killed; index += 1) {
      const address = `ops${index}@acme.test`;
      knownSecrets.emails.add(address);
      const before = sink.messages.length;
      const set = await request('setEmail', 'PUT', '/v1/settings/company-email', { email: address });
      ledger.settingsRequests.push(`PUT ${address} ${set?.status ?? 'killed'}`);
      if (!set) return;
      if (set.status !== 202) {
        await sleep(200);
        continue;
      }

      // Once an address is the company email, code mails go to it too, so
      // only the verification mail carries the code to type.
      let code: string | undefined;
      try {
        code = (await sink.waitForMessageTo(address, before, 2_000, verificationSubject('Demo Company'))).code;
      } catch {
        ledger.settingsRequests.push(`no mail to ${address}`);
        return;
      }
      // The address may already be the stored company email from an earlier
      // round, and a failed verification must not drop it from the ledger then.
      const alreadyAllowed = ledger.companyEmails.has(address);
      ledger.companyEmails.add(address);
      const verify = await request('verifyEmail', 'POST', '/v1/settings/company-email/verify', { code });
      ledger.settingsRequests.push(`verify ${address} ${verify?.status ?? 'killed'}`);
      if (!verify) return;
      if (verify.status === 200) settle(ledger, address);
      else if (!alreadyAllowed) ledger.companyEmails.delete(address);

      ledger.companyEmails.add(null);
      const remove = await request('removeEmail', 'DELETE', '/v1/settings/company-email');
      ledger.settingsRequests.push(`DELETE ${remove?.status ?? 'killed'}`);
      if (!remove) return;
      settle(ledger, null);
    }
  };

  // Four confirmers keep several transactions in flight, so kills also land
  // in group commits that carry more than one caller's approvals.
  await Promise.all([sender(), confirmer(1), confirmer(2), confirmer(3), confirmer(4), settingsChanger()]);
}

// After an acknowledged change the store must contain exactly that value.
function settle(ledger: Ledger, value: string | null): void {
  ledger.companyEmails.clear();
  ledger.companyEmails.add(value);
}

/** Codes of the code emails received so far, newest first. */
function recentCodes(sink: MailSink, subject: string): string[] {
  const codes: string[] = [];
  for (let index = sink.messages.length - 1; index >= 0 && codes.length < 3; index -= 1) {
    const message = sink.messages[index]!;
    if (message.parsed.subject === subject && message.code) codes.push(message.code);
  }
  return codes;
}

// Reads the store of the killed process through the store itself, which
// also runs its recovery, and compares it with the acknowledged writes.
async function checkStoreAfterKill(dataFile: string, ledger: Ledger): Promise<{ wrong: string[]; lost: string[] }> {
  const wrong: string[] = [];
  const lost: string[] = [];

  let snapshot: StoreSnapshot;
  try {
    snapshot = await readStore(dataFile);
  } catch (error) {
    return { wrong: [`the store does not open: ${(error as Error).message}`], lost };
  }
  const stored = snapshot.accounts[0];
  if (!stored || snapshot.accounts.length !== 1) return { wrong: [`the store holds ${snapshot.accounts.length} accounts; expected 1`], lost };

  const approvals = new Map(stored.approvals.map((approval) => [approval.id, approval]));
  for (const id of ledger.approvals) {
    if (!approvals.has(id)) lost.push(`approval ${id} is missing from the audit log`);
  }
  for (const [id, outcome] of ledger.outcomes) {
    if (approvals.get(id)?.outcome !== outcome) lost.push(`outcome "${outcome}" of ${id} is missing from the audit log`);
  }
  lost.push(...findLostDeliveries(stored.state.deliveries, ledger.deliveries));

  const companyEmail = stored.state.account.companyEmail;
  if (!ledger.companyEmails.has(companyEmail)) {
    lost.push(`company email is ${companyEmail}, expected one of ${JSON.stringify([...ledger.companyEmails])}; requests of the round: ${ledger.settingsRequests.join(', ')}`);
  }
  ledger.settingsRequests = [];
  // Whatever the store contains now is what the next round builds on.
  settle(ledger, companyEmail);

  wrong.push(...findCodeInvariantBreaks(snapshot, Date.now()));
  return { wrong, lost };
}

/**
 * Lists acknowledged sends whose delivery is missing. The hot state keeps
 * only the newest RECENT_DELIVERIES deliveries, so a missing one counts as
 * lost only when nothing can have pushed it out: the store contains fewer
 * than that many, or it still contains a delivery acknowledged before the missing
 * one was even requested, which is therefore older.
 */
function findLostDeliveries(stored: readonly { id: string }[], acknowledged: ReadonlyMap<string, AcknowledgedSend>): string[] {
  const storedIds = new Set(stored.map((delivery) => delivery.id));
  const storedSends = [...acknowledged].filter(([id]) => storedIds.has(id)).map(([, send]) => send);
  const lost: string[] = [];
  for (const [id, send] of acknowledged) {
    if (storedIds.has(id)) continue;
    const olderKept = storedSends.some((kept) => kept.acknowledgedAt < send.requestedAt);
    if (stored.length < RECENT_DELIVERIES || olderKept) lost.push(`delivery ${id} of an acknowledged send is missing`);
  }
  return lost;
}

// The restarted process must respond, and its startup must have removed the
// temporary files of the killed one. It writes nothing before the next storm,
// so no temporary file of its own can be in the directory yet.
async function checkRestartedApi(dir: string, child: ApiChild, apiKey: string): Promise<string[]> {
  const wrong: string[] = [];
  const status = await callApi(child.url, 'GET', '/v1/otp', { key: apiKey });
  if (status.status !== 200) wrong.push(`GET /v1/otp answered ${status.status} after the restart`);
  const leftovers = await listTemporaryFiles(dir);
  if (leftovers.length > 0) wrong.push(`the restarted API left temporary files of the killed one: ${leftovers.join(', ')}`);
  return wrong;
}

async function listTemporaryFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
