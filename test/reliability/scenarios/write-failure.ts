import { startApiOnNewStore } from '../helpers/api-child.ts';
import { diffStoreFiles, readStore, readStoreFiles } from '../helpers/data-file.ts';
import { setFileSizeLimit } from '../helpers/file-size-limit.ts';
import { callApi, deletionBody } from '../helpers/http.ts';
import type { MailSink } from '../helpers/mail-sink.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

const ROUNDS = 10;

/**
 * Makes every store write of the real API process fail (a file size limit
 * smaller than both the hot-state document and the audit log segment) and
 * sends writes: each must get 503 STORE_UNAVAILABLE, no approval or mail may
 * come out of it, neither store file may change, reads keep working, and once
 * the limit is lifted the same process writes again without a restart.
 */
export async function runWriteFailureScenario(sink: MailSink): Promise<ScenarioRow> {
  const { api, dataFile, apiKey: key } = await startApiOnNewStore('delete-guard-write-failure-', { SMTP_URL: sink.url, OTP_RESEND_SECONDS: '1' });
  const wrong: string[] = [];
  let operations = 0;

  try {
    const before = sink.messages.length;
    const send = await callApi(api.url, 'POST', '/v1/otp', { key });
    // Only a "sent" delivery has reached the sink; anything else would show up as a mail wait timeout.
    if (send.status !== 201 || send.json.delivery.status !== 'sent') throw new Error(`The first code send got ${send.status} ${JSON.stringify(send.json)}.`);
    const code = (await sink.waitForMessageTo('owner@demo.test', before)).code!;
    const first = await callApi(api.url, 'POST', '/v1/deletions', { key, body: deletionBody(code, 1) });
    const firstId = first.json.deletions[0].id as string;

    // The document (over 1 KB) and the audit log segment (one approval line,
    // about 500 bytes) are both past the limit, so every write of either fails.
    await setFileSizeLimit(api.process.pid!, 256);
    const frozen = await readStoreFiles(dataFile);
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

    const changed = diffStoreFiles(frozen, await readStoreFiles(dataFile));
    if (changed.length > 0) wrong.push(`${changed.join(', ')} changed during the fault`);
    if (sink.messages.length !== mailsBefore) wrong.push(`${sink.messages.length - mailsBefore} emails went out during the fault`);

    await setFileSizeLimit(api.process.pid!, null);
    const recovered = await callApi(api.url, 'POST', '/v1/deletions', { key, body: deletionBody(code, 1, 'after-') });
    operations += 1;
    if (recovered.status !== 201) wrong.push(`the first write after the fault got ${recovered.status} ${JSON.stringify(recovered.json)}`);
    if (recovered.json?.usesLeft !== 48) wrong.push(`uses left after the fault is ${recovered.json?.usesLeft}; expected 48`);

    // The store belongs to the API process, so it is read once that has stopped.
    await api.stop();
    const approvals = (await readStore(dataFile)).accounts.flatMap((account) => account.approvals);
    const lost = [firstId, ...(recovered.json?.deletions ?? []).map((deletion: { id: string }) => deletion.id)]
      .filter((id) => !approvals.some((approval) => approval.id === id))
      .map((id) => `approval ${id} is missing`);
    if (approvals.length !== 2) wrong.push(`${approvals.length} approvals are stored; expected 2`);

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
