import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiProcess, runAccountsCli, runTsx, type ChildRun } from './helpers/processes.ts';
import { TEST_BACKEND, createTestDatabase, storeEnv } from './helpers/test-store.ts';

let dir: string;
let dataFile: string;
/** DELETE_GUARD_DATA and, on PostgreSQL, DATABASE_URL with the shared secret. */
let env: Record<string, string>;
let running: ChildRun[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delete-guard-process-'));
  dataFile = join(dir, 'data.json');
  env = { DELETE_GUARD_DATA: dataFile, ...storeEnv(TEST_BACKEND === 'postgres' ? await createTestDatabase() : undefined) };
});
afterEach(async () => {
  for (const run of running) {
    if (run.child.exitCode === null) {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  }
  running = [];
  await rm(dir, { recursive: true, force: true });
});

async function startApi() {
  const api = await startApiProcess(env);
  running.push(api);
  return api;
}

function callApi(url: string, path: string, key: string, init: RequestInit = {}) {
  return fetch(`${url}${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });
}

async function sendCodeThroughDevMailbox(url: string, key: string): Promise<string> {
  const send = await callApi(url, '/v1/otp', key, { method: 'POST' });
  expect(send.status).toBe(201);
  const mailbox = (await (await fetch(`${url}/dev/mailbox.json`)).json()) as { to: string; text: string }[];
  expect(mailbox[0]!.to).toContain('owner@demo.test');
  return /^\s*(\d{6})\s*$/m.exec(mailbox[0]!.text)![1]!;
}

describe('API process', () => {
  it('starts with a demo account and captures mail in the dev mailbox', async () => {
    const api = await startApi();
    expect(api.apiKey).toMatch(/^dg_live_/);
    expect(api.stdout()).toContain('mail is captured by the dev mailbox and not delivered');
    expect(api.stdout()).not.toContain('owner@demo.test"');

    const code = await sendCodeThroughDevMailbox(api.url, api.apiKey!);
    const mailbox = (await (await fetch(`${api.url}/dev/mailbox.json`)).json()) as unknown[];
    expect(mailbox).toHaveLength(1);

    const confirm = await callApi(api.url, '/v1/deletions', api.apiKey!, {
      method: 'POST',
      body: JSON.stringify({ customers: [{ id: 'c1', name: 'A' }], reason: 'Duplicate record', confirmation: 'DELETE', otp: code }),
    });
    expect(confirm.status).toBe(201);
    const records = (await (await callApi(api.url, '/v1/deletions', api.apiKey!)).json()) as { deletions: { requester: { ip: string } }[] };
    expect(records.deletions[0]!.requester.ip).toMatch(/127\.0\.0\.1/);

    if (TEST_BACKEND === 'json') {
      expect((await stat(`${dataFile}.secret`)).mode & 0o777).toBe(0o600);
      expect((await stat(`${dataFile}.sock`)).mode & 0o777).toBe(0o600);
    }
    if (TEST_BACKEND === 'json') expect(await readFile(dataFile, 'utf8')).not.toContain(code);
  });

  it.skipIf(TEST_BACKEND === 'postgres')('refuses a second API process on the same data file', async () => {
    const first = await startApi();
    const second = runTsx('api/main.ts', [], { DELETE_GUARD_DATA: dataFile, PORT: '0' });
    running.push(second);

    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(dataFile);
    // tsx runs the server in a child of the spawned process, so the pid comes from the pid file.
    const serverPid = (await readFile(`${dataFile}.pid`, 'utf8')).trim();
    expect(second.stderr()).toContain(`pid ${serverPid}`);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
  });

  it('stops on SIGTERM and releases the data file', async () => {
    const api = await startApi();
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    await expect(stat(`${dataFile}.pid`)).rejects.toThrow();
    await expect(stat(`${dataFile}.sock`)).rejects.toThrow();

    const again = await startApi();
    expect(again.apiKey).toBeUndefined();
  });

  it.skipIf(TEST_BACKEND === 'postgres').each([
    ['truncated', '{"version": 1, "accounts": ['],
    ['invalid', '{"version": 1, "accounts": "none"}'],
  ])('refuses to start on a %s data file', async (_name, contents) => {
    await writeFile(dataFile, contents);
    const run = runTsx('api/main.ts', [], { DELETE_GUARD_DATA: dataFile, PORT: '0' });
    running.push(run);

    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain(dataFile);
    expect(await readFile(dataFile, 'utf8')).toBe(contents);
  });

  it('exits with a clear message on an invalid setting', async () => {
    const run = runTsx('api/main.ts', [], { ...env, OTP_DIGITS: 'six' });
    running.push(run);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('OTP_DIGITS');
  });
});

describe('accounts CLI', () => {
  it('creates, lists and rotates keys while the API runs, losing no writes', async () => {
    const api = await startApi();

    const code = await sendCodeThroughDevMailbox(api.url, api.apiKey!);

    // The API records approvals while the CLI creates accounts.
    const apiWrites = (async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 15; index += 1) {
        const response = await callApi(api.url, '/v1/deletions', api.apiKey!, {
          method: 'POST',
          body: JSON.stringify({ customers: [{ id: `c${index}` }], reason: 'Duplicate record', confirmation: 'DELETE', otp: code }),
        });
        statuses.push(response.status);
      }
      return statuses;
    })();
    const created = await Promise.all([
      runAccountsCli(['create', '--company', 'Acme Credit', '--email', 'owner@acme.test'], env),
      runAccountsCli(['create', '--company', 'Beta Loans', '--email', 'boss@beta.test'], env),
    ]);
    expect(new Set(await apiWrites)).toEqual(new Set([201]));

    for (const result of created) expect(result.code, result.stderr).toBe(0);
    const acme = JSON.parse(created[0]!.stdout) as { accountId: string; apiKey: string };
    expect(acme.apiKey).toMatch(/^dg_live_/);

    // The API accepts the new key at once.
    expect((await callApi(api.url, '/v1/settings', acme.apiKey)).status).toBe(200);

    const listed = await runAccountsCli(['list'], env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(3);
    expect(listed.stdout).not.toContain('dg_live_');
    expect(listed.stdout).not.toContain('owner@acme.test');

    const rotated = await runAccountsCli(['rotate-key', '--account', acme.accountId], env);
    expect(rotated.code).toBe(0);
    const newKey = (JSON.parse(rotated.stdout) as { apiKey: string }).apiKey;
    expect((await callApi(api.url, '/v1/settings', acme.apiKey)).status).toBe(401);
    expect((await callApi(api.url, '/v1/settings', newKey)).status).toBe(200);

    const support = await runAccountsCli(['create-support-key', '--name', 'Ana'], env);
    expect(support.code, support.stderr).toBe(0);
    const supportKey = (JSON.parse(support.stdout) as { supportKey: string }).supportKey;
    const search = await callApi(api.url, '/v1/support/accounts?email=boss%40beta.test', supportKey);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { accounts: unknown[] }).accounts).toHaveLength(1);

    // An approval the API records after the CLI's writes is kept too.
    const later = await callApi(api.url, '/v1/deletions', api.apiKey!, {
      method: 'POST',
      body: JSON.stringify({ customers: [{ id: 'c99' }], reason: 'Duplicate record', confirmation: 'DELETE', otp: code }),
    });
    expect(later.status).toBe(201);

    // After a restart, every API write and every CLI write is still there.
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    const restarted = await startApi();
    const listedAgain = await runAccountsCli(['list'], env);
    expect(JSON.parse(listedAgain.stdout)).toHaveLength(3);
    const records = (await (await callApi(restarted.url, '/v1/deletions?limit=100', api.apiKey!)).json()) as { deletions: unknown[] };
    expect(records.deletions).toHaveLength(16);
    expect((await callApi(restarted.url, '/v1/settings', newKey)).status).toBe(200);
    expect((await callApi(restarted.url, '/v1/support/events', supportKey)).status).toBe(200);
  });

  it('prints usage and errors plainly', async () => {
    const missing = await runAccountsCli(['create', '--company', 'Acme'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--email');

    const invalid = await runAccountsCli(['create', '--company', 'Acme', '--email', 'a@b.test\nBcc: c@d.test'], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('Failed to create the account');

    const unknown = await runAccountsCli(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage:');
  });
});
