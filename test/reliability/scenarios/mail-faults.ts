import { startApiOnNewStore } from '../helpers/api-child.ts';
import { startFaultySmtpServer, type SmtpFault } from '../helpers/faulty-smtp.ts';
import { callApi, type ApiResponse } from '../helpers/http.ts';
import type { ScenarioRow } from '../helpers/summary.ts';

// Short limits so each fault ends within seconds.
const TIMEOUTS_MS = { connect: 1_000, greeting: 1_000, socket: 1_000, send: 3_000 };
/** Slack over the send limit for a loaded machine. */
const MARGIN_MS = 2_000;
/** Longest acceptable response time of /health and GET /v1/otp during a fault. */
export const RESPONSIVE_MS = 500;

/**
 * Points the real API process at a server that never greets, one that drops
 * the connection in the middle of DATA, and one that answers slower than the
 * socket limit. Each send must end within the send limit with MAIL_FAILED or
 * a `retrying` delivery that names the reason, while /health and GET /v1/otp
 * keep answering fast.
 */
export async function runMailFaultScenario(): Promise<ScenarioRow> {
  const smtp = await startFaultySmtpServer(TIMEOUTS_MS.socket * 2);
  const { api, apiKey: key } = await startApiOnNewStore('delete-guard-mail-faults-', {
    SMTP_URL: smtp.url,
    OTP_RESEND_SECONDS: '1',
    OTP_SENDS_PER_HOUR: '1000',
    SMTP_CONNECT_TIMEOUT_MS: String(TIMEOUTS_MS.connect),
    SMTP_GREETING_TIMEOUT_MS: String(TIMEOUTS_MS.greeting),
    SMTP_SOCKET_TIMEOUT_MS: String(TIMEOUTS_MS.socket),
    SMTP_SEND_TIMEOUT_MS: String(TIMEOUTS_MS.send),
  });
  const wrong: string[] = [];
  const notes: string[] = [];
  let operations = 0;

  try {
    for (const fault of ['silent', 'drop-in-data', 'slow'] as SmtpFault[]) {
      smtp.fault = fault;
      const started = performance.now();
      const sending = callApi(api.url, 'POST', '/v1/otp', { key });

      // Probe while the send hangs on the faulty server.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const probes: ApiResponse[] = [await callApi(api.url, 'GET', '/health'), await callApi(api.url, 'GET', '/v1/otp', { key })];
      operations += 3;
      for (const probe of probes) {
        if (probe.status !== 200) wrong.push(`${fault}: a probe got ${probe.status}`);
        if (probe.ms > RESPONSIVE_MS) wrong.push(`${fault}: a probe took ${Math.round(probe.ms)} ms`);
      }

      const send = await sending;
      const elapsed = performance.now() - started;
      const failed = send.status === 502 && send.json?.error?.code === 'MAIL_FAILED' && typeof send.json.error.reason === 'string';
      const retrying = send.status === 201 && send.json?.delivery?.status === 'retrying' && typeof send.json.delivery.detail === 'string';
      if (!failed && !retrying) wrong.push(`${fault}: the send got ${send.status} ${JSON.stringify(send.json)}`);
      if (elapsed > TIMEOUTS_MS.send + MARGIN_MS) wrong.push(`${fault}: the send took ${Math.round(elapsed)} ms`);
      const reason = failed ? send.json.error.reason : send.json?.delivery?.detail;
      notes.push(`${fault}: ${send.status} after ${Math.round(elapsed)} ms, probes ${probes.map((probe) => Math.round(probe.ms)).join('/')} ms: "${reason}"`);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
  } finally {
    await api.stop();
    await smtp.close();
  }

  return { scenario: 'mail server faults', operations, faultsInjected: 3, wrongOutcomes: wrong, lostWrites: [], notes };
}
