import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAccountsCli, startApiChild, type ApiChild } from './helpers/api-child.ts';
import { canSetFileSizeLimit } from './helpers/file-size-limit.ts';
import { knownSecrets } from './helpers/known-secrets.ts';
import { startMailSink, type MailSink } from './helpers/mail-sink.ts';
import { addRow, formatSummary, type ScenarioRow } from './helpers/summary.ts';
import { runBruteForceScenario } from './scenarios/brute-force.ts';
import { runConcurrencyScenario } from './scenarios/concurrency.ts';
import { crashRounds, runCrashScenario } from './scenarios/crash.ts';
import { runHostileInputScenario } from './scenarios/hostile-input.ts';
import { runInjectionScenario } from './scenarios/injection.ts';
import { runKeyTimingScenario } from './scenarios/key-timing.ts';
import { runMailFaultScenario } from './scenarios/mail-faults.ts';
import { runSecretsScan } from './scenarios/secrets-in-logs.ts';
import { runWriteFailureScenario } from './scenarios/write-failure.ts';
import { createTempDir, removeTempDirs } from './helpers/temp-dirs.ts';

// prlimit (util-linux) injects the write failure; without it that scenario is skipped.
const fileSizeLimitWorks = await canSetFileSizeLimit();

// One API process and one mail sink serve the scenarios that need no fault of their own.
let sink: MailSink;
let shared: { api: ApiChild; dataFile: string; demoKey: string; second: { key: string; email: string } };

beforeAll(async () => {
  sink = await startMailSink();
  const dataFile = join(await createTempDir('delete-guard-reliability-'), 'data.json');
  const api = await startApiChild({ DELETE_GUARD_DATA: dataFile, SMTP_URL: sink.url });
  knownSecrets.apiKeys.add(api.apiKey!);
  knownSecrets.emails.add('owner@demo.test');
  knownSecrets.serverSecrets.add((await readFile(`${dataFile}.secret`, 'utf8')).trim());

  const email = 'second@acme.test';
  const created = await runAccountsCli(['create', '--company', 'Acme Credit', '--email', email], dataFile);
  if (created.code !== 0) throw new Error(`The accounts CLI failed: ${created.stderr}`);
  const key = (JSON.parse(created.stdout) as { apiKey: string }).apiKey;
  knownSecrets.apiKeys.add(key);
  knownSecrets.emails.add(email);
  shared = { api, dataFile, demoKey: api.apiKey!, second: { key, email } };
}, 60_000);

afterAll(async () => {
  await shared?.api.stop();
  await sink?.close();
  await removeTempDirs();
  console.log(`\nReliability and security summary\n${formatSummary()}\n`);
});

// Every scenario must end with no wrong outcome and no lost acknowledged write.
function expectClean(row: ScenarioRow): void {
  addRow(row);
  expect(row.wrongOutcomes, row.wrongOutcomes.slice(0, 10).join('\n')).toEqual([]);
  expect(row.lostWrites, row.lostWrites.slice(0, 10).join('\n')).toEqual([]);
}

describe('reliability and security', () => {
  it('survives kill -9 during writes', async () => {
    expectClean(await runCrashScenario(crashRounds()));
  }, 600_000);

  it.skipIf(!fileSizeLimitWorks)('answers 503 while writes fail', async () => {
    expectClean(await runWriteFailureScenario(sink));
  }, 60_000);

  it('serializes concurrent confirmations and sends', async () => {
    expectClean(await runConcurrencyScenario(shared.api, shared.dataFile, sink, { first: shared.demoKey, second: shared.second.key, secondEmail: shared.second.email }));
  }, 60_000);

  it('rejects hostile input without 5xx', async () => {
    expectClean(await runHostileInputScenario());
  }, 300_000);

  it('locks out brute-force guessing', async () => {
    expectClean(await runBruteForceScenario());
  }, 120_000);

  it('answers unknown and wrong keys alike', async () => {
    expectClean(await runKeyTimingScenario(shared.api, shared.demoKey));
  }, 120_000);

  it('keeps input out of mail headers', async () => {
    expectClean(await runInjectionScenario(shared.api, shared.dataFile, sink, shared.demoKey));
  }, 120_000);

  it('fails mail faults fast and stays responsive', async () => {
    expectClean(await runMailFaultScenario());
  }, 60_000);

  it('logs no code, key, secret or address', () => {
    expectClean(runSecretsScan());
  });
});
