import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startApiChild } from '../helpers/api-child.ts';
import { readDataFile } from '../helpers/data-file.ts';
import { setFileSizeLimit } from '../helpers/file-size-limit.ts';
import { callApi, deletionBody } from '../helpers/http.ts';
import { knownSecrets } from '../helpers/known-secrets.ts';
import type { MailSink } from '../helpers/mail-sink.ts';
import type { ScenarioRow } from '../helpers/summary.ts';
import { createTempDir } from '../helpers/temp-dirs.ts';

const ROUNDS = 10;

/**
 * Makes every file write of the real API process fail (a file size limit
 * smaller than the data file) and sends writes: each must get 503
 * STORE_UNAVAILABLE, no approval or mail may come out of it, reads keep
 * working, and once the limit is lifted the same process writes again.
 */
export async function runWriteFailureScenario(sink: MailSink): Promise<ScenarioRow> {
  const dir = await createTempDir('delete-guard-write-failure-');
  const dataFile = join(dir, 'data.json');
  const api = await startApiChild({ DELETE_GUARD_DATA: dataFile, SMTP_URL: sink.url, OTP_RESEND_SECONDS: '1' });
  const key = api.apiKey!;
  knownSecrets.apiKeys.add(key);
  knownSecrets.serverSecrets.add((await readFile(`${dataFile}.secret`, 'utf8')).trim());
  const wrong: string[] = [];
  let operations = 0;

  try {
    const before = sink.messages.length;
    await callApi(api.url, 'POST', '/v1/otp', { key });
    const code = (await sink.waitForMessageAfter(before)).code!;
    const first = await callApi(api.url, 'POST', '/v1/deletions', { key, body: deletionBody(code, 1) });
    const firstId = first.json.deletions[0].id as string;

    // The lock file (about 60 bytes) still fits, the data file (over 1 KB) does not.
    await setFileSizeLimit(api.process.pid!, 256);
    const frozen = await readFile(dataFile);
    const mailsBefore = sink.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    for (let round = 0; round < ROUNDS; round += 1) {
      const writes = [
        await callApi(api.url, 'POST', '/v1/deletions', { key, body: deletionBody(code, 2, `r${round}-`) }),
        await callApi(api.url, 'POST', '/v1/otp', { key }),
        await callApi(api.url, 'POST', `/v1/deletions/${firstId}/outcome`, { key, body: { outcome: 'deleted' } }),
        await callApi(api.url, 'PUT', '/v1/settings/company-email', { key, body: { email: 'ops@acme.test' } }),
      ];
      for (const response of writes) {
        operations += 1;
        if (response.status !== 503 || response.json?.error?.code !== 'STORE_UNAVAILABLE') {
          wrong.push(`a write during the fault got ${response.status} ${JSON.stringify(response.json)}`);
        }
      }
      const read = await callApi(api.url, 'GET', '/v1/otp', { key });
      operations += 1;
      if (read.status !== 200) wrong.push(`GET /v1/otp during the fault got ${read.status}`);
    }

    if (!(await readFile(dataFile)).equals(frozen)) wrong.push('the data file changed during the fault');
    if (sink.messages.length !== mailsBefore) wrong.push(`${sink.messages.length - mailsBefore} emails went out during the fault`);

    await setFileSizeLimit(api.process.pid!, null);
    const recovered = await callApi(api.url, 'POST', '/v1/deletions', { key, body: deletionBody(code, 1, 'after-') });
    operations += 1;
    if (recovered.status !== 201) wrong.push(`the first write after the fault got ${recovered.status} ${JSON.stringify(recovered.json)}`);
    if (recovered.json?.usesLeft !== 48) wrong.push(`uses left after the fault is ${recovered.json?.usesLeft}; expected 48`);

    const data = await readDataFile(dataFile);
    const lost = [firstId, ...(recovered.json?.deletions ?? []).map((deletion: { id: string }) => deletion.id)]
      .filter((id) => !data.approvals.some((approval) => approval.id === id))
      .map((id) => `approval ${id} is missing`);
    if (data.approvals.length !== 2) wrong.push(`${data.approvals.length} approvals are stored; expected 2`);

    return {
      scenario: 'store write failure (EFBIG)',
      operations,
      faultsInjected: ROUNDS * 4,
      wrongOutcomes: wrong,
      lostWrites: lost,
    };
  } finally {
    await api.stop();
  }
}
