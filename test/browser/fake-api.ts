import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake API received. */
export interface FakeApiRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** A stand-in for the Delete Guard API that approves every deletion with code 123456. */
export interface FakeApi {
  url: string;
  requests: FakeApiRequest[];
  /** Outcomes reported per deletion id. */
  outcomes: Map<string, unknown>;
  close(): Promise<void>;
}

const FUTURE = () => new Date(Date.now() + 10 * 60_000).toISOString();

const SETTINGS = {
  company: 'Test Company',
  registeredEmail: 'o***@example.test',
  companyEmail: null,
  pendingCompanyEmail: null,
  destination: 'o***@example.test',
  provider: 'other',
  confirmationWord: 'DELETE',
  reasons: ['Duplicate record', 'Other'],
  otherReason: 'Other',
  limits: { otpTtlSeconds: 600, otpMaxUses: 5, otpResendSeconds: 30, otpMaxAttempts: 5, otpDigits: 6 },
};

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

/** Starts the fake API on 127.0.0.1 with a free port. */
export async function startFakeApi(): Promise<FakeApi> {
  const requests: FakeApiRequest[] = [];
  const outcomes = new Map<string, unknown>();
  let sent = false;
  let sequence = 0;

  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const body = await readJson(request);
    requests.push({ method: request.method ?? '', path, authorization: request.headers.authorization, body });
    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(payload));
    };

    const status = () => ({
      active: sent,
      sentTo: 'o***@example.test',
      provider: 'other',
      subject: 'Your Delete Guard code',
      resendAvailableAt: new Date().toISOString(),
      deliveries: [],
      ...(sent ? { issuedAt: new Date().toISOString(), expiresAt: FUTURE(), maxUses: 5, usesLeft: 5, attemptsLeft: 5 } : {}),
    });

    if (request.method === 'GET' && path === '/v1/settings') return reply(200, SETTINGS);
    if (request.method === 'GET' && path === '/v1/otp') return reply(200, status());
    if (request.method === 'POST' && path === '/v1/otp') {
      sent = true;
      return reply(201, {
        sentTo: 'o***@example.test',
        provider: 'other',
        issuedAt: new Date().toISOString(),
        expiresAt: FUTURE(),
        maxUses: 5,
        usesLeft: 5,
        resendAvailableAt: new Date().toISOString(),
        delivery: { id: 'dlv_1', status: 'sent' },
      });
    }
    if (request.method === 'POST' && path === '/v1/deletions') {
      const { customers, otp } = body as { customers: { id: string }[]; otp: string };
      if (otp !== '123456') return reply(403, { error: { code: 'OTP_INVALID', message: 'The code is wrong.', attemptsLeft: 4 } });
      const deletions = customers.map((customer) => ({ id: `del_${++sequence}`, customerId: customer.id }));
      return reply(201, { deletions, usesLeft: 5 - customers.length, expiresAt: FUTURE() });
    }
    const outcome = /^\/v1\/deletions\/([^/]+)\/outcome$/.exec(path);
    if (request.method === 'POST' && outcome?.[1]) {
      if (outcomes.has(outcome[1])) return reply(409, { error: { code: 'OUTCOME_ALREADY_SET', message: 'Already reported.' } });
      outcomes.set(outcome[1], body);
      return reply(200, { ok: true });
    }
    return reply(404, { error: { code: 'NOT_FOUND', message: 'No such route or record.' } });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    outcomes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
