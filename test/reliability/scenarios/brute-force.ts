import { generateCode } from '../../../api/security/codes.ts';
import { createInProcessApp, latestCode } from '../helpers/in-process-app.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

const MINUTE_MS = 60_000;
const GUESSES_PER_MINUTE = 30;

/**
 * Guesses codes for one simulated hour on the manual clock, sending a new
 * code whenever the API allows one. With the default limits (5 wrong codes
 * lock a code, 20 failures an hour lock the account) no guess may succeed,
 * at most 20 guesses may be checked at all, and even the right code must be
 * refused while a lock holds. Once the hour has passed, the right code works.
 */
export async function runBruteForceScenario(): Promise<ScenarioRow> {
  const inProcess = await createInProcessApp();
  try {
    return await guessForOneHour(inProcess);
  } finally {
    await inProcess.close();
  }
}

async function guessForOneHour({ app, apiKey, clock, sent }: Awaited<ReturnType<typeof createInProcessApp>>): Promise<ScenarioRow> {
  const wrong: string[] = [];
  const counts = new Map<string, number>();
  let guesses = 0;
  let checkedGuesses = 0;
  let wrongOnCurrentCode = 0;

  async function call(method: string, path: string, body?: unknown) {
    const response = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${apiKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, json: (await response.json()) as any };
  }
  const confirm = (otp: string) => call('POST', '/v1/deletions', { customers: [{ id: 'c1' }], reason: 'Duplicate record', confirmation: 'DELETE', otp });

  for (let minute = 0; minute < 60; minute += 1) {
    const send = await call('POST', '/v1/otp');
    if (send.status === 201) wrongOnCurrentCode = 0;
    const realCode = sent.length > 0 ? latestCode(sent) : undefined;

    for (let index = 0; index < GUESSES_PER_MINUTE; index += 1) {
      const guess = generateCode(6);
      const response = await confirm(guess);
      guesses += 1;
      const code = response.json.error?.code ?? String(response.status);
      counts.set(code, (counts.get(code) ?? 0) + 1);

      // A random guess equals the real code with probability 1e-6, so a 201 here
      // is either that or a broken lock; either way it is reported.
      if (response.status === 201) wrong.push(`minute ${minute}: the guess ${guess === realCode ? 'matched by chance' : 'was accepted'}`);
      if (code === 'OTP_INVALID') {
        checkedGuesses += 1;
        wrongOnCurrentCode += 1;
        if (wrongOnCurrentCode > 5) wrong.push(`minute ${minute}: a code was checked after 5 wrong guesses`);
      }
      if (!['OTP_INVALID', 'OTP_LOCKED', 'TOO_MANY_FAILURES', 'NO_ACTIVE_OTP'].includes(code)) wrong.push(`minute ${minute}: a guess got ${code}`);
    }

    // Even the right code must be refused while the account is locked.
    if (realCode && checkedGuesses >= 20) {
      const right = await confirm(realCode);
      if (right.status !== 423) wrong.push(`minute ${minute}: the right code got ${right.status} during the account lock`);
    }
    clock.advance(MINUTE_MS);
  }
  if (checkedGuesses > 20) wrong.push(`${checkedGuesses} guesses were checked within the hour; the limit is 20`);
  if ((counts.get('TOO_MANY_FAILURES') ?? 0) === 0) wrong.push('the account was never locked');
  if ((counts.get('OTP_LOCKED') ?? 0) === 0) wrong.push('no code was locked after 5 wrong guesses');

  // The failures are older than an hour now, so a fresh code works again.
  clock.advance(60 * MINUTE_MS);
  const send = await call('POST', '/v1/otp');
  const after = send.status === 201 ? await confirm(latestCode(sent)) : send;
  if (after.status !== 201) wrong.push(`after the hour the right code got ${after.status} ${JSON.stringify(after.json)}`);

  const tally = [...counts].map(([code, count]) => `${code} ${count}`).join(', ');
  return {
    scenario: 'brute force (1 h simulated)',
    operations: guesses,
    faultsInjected: guesses,
    wrongOutcomes: wrong,
    lostWrites: [],
    notes: [`${guesses} guesses, ${checkedGuesses} checked against a code, 0 accepted; answers: ${tally}`],
  };
}
