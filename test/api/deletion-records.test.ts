import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../api/accounts/create-account.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe('deletion records', () => {
  it('records one approval per customer with the request details', async () => {
    const { code } = await h.sendOtp();
    const response = await h.call('POST', '/v1/deletions', {
      customers: [{ id: 'c1', name: 'Ann' }, { id: 'c2', name: 'Bob' }],
      reason: 'Other',
      note: 'Merged into c3',
      confirmation: ' DELETE ',
      otp: code,
      pageUrl: 'https://crm.example.test/customers',
    });
    expect(response.status).toBe(201);
    expect(response.json.deletions.map((deletion: { customerId: string }) => deletion.customerId)).toEqual(['c1', 'c2']);
    expect(response.json.usesLeft).toBe(48);
    expect(response.json.expiresAt).toBe('2026-01-15T10:00:00.000Z');

    const list = await h.call('GET', '/v1/deletions');
    expect(list.status).toBe(200);
    expect(list.json.nextBefore).toBeNull();
    expect(list.json.deletions[0]).toMatchObject({
      customer: { id: 'c2', name: 'Bob' },
      reason: 'Other',
      note: 'Merged into c3',
      at: '2026-01-15T09:00:00.000Z',
      outcome: null,
      pageUrl: 'https://crm.example.test/customers',
      requester: { ip: null },
    });
  });

  it('sets an outcome once', async () => {
    const { code } = await h.sendOtp();
    const id = (await h.confirm(code)).json.deletions[0].id as string;

    const first = await h.call('POST', `/v1/deletions/${id}/outcome`, { outcome: 'failed', detail: 'CRM returned 500' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ id, outcome: 'failed', outcomeDetail: 'CRM returned 500', outcomeAt: '2026-01-15T09:00:00.000Z' });

    const second = await h.call('POST', `/v1/deletions/${id}/outcome`, { outcome: 'deleted' });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('OUTCOME_ALREADY_SET');
  });

  it("hides another account's records", async () => {
    const { code } = await h.sendOtp();
    const id = (await h.confirm(code)).json.deletions[0].id as string;
    const other = await createAccount(h.store, { company: 'Other Ltd', email: 'boss@other.test' }, h.clock.now());

    const outcome = await h.call('POST', `/v1/deletions/${id}/outcome`, { outcome: 'deleted' }, other.apiKey);
    expect(outcome.status).toBe(404);
    expect(outcome.json.error.code).toBe('NOT_FOUND');
    expect((await h.call('GET', '/v1/deletions', undefined, other.apiKey)).json.deletions).toEqual([]);
  });

  it('pages newest first', async () => {
    const { code } = await h.sendOtp();
    for (let index = 0; index < 5; index += 1) {
      h.clock.advance(1_000);
      await h.call('POST', '/v1/deletions', { customers: [{ id: `c${index}` }], reason: 'Duplicate record', confirmation: 'DELETE', otp: code });
    }

    const first = await h.call('GET', '/v1/deletions?limit=2');
    expect(first.json.deletions.map((record: { customer: { id: string } }) => record.customer.id)).toEqual(['c4', 'c3']);
    const second = await h.call('GET', `/v1/deletions?limit=2&before=${first.json.nextBefore}`);
    expect(second.json.deletions.map((record: { customer: { id: string } }) => record.customer.id)).toEqual(['c2', 'c1']);
    const third = await h.call('GET', `/v1/deletions?limit=2&before=${second.json.nextBefore}`);
    expect(third.json.deletions.map((record: { customer: { id: string } }) => record.customer.id)).toEqual(['c0']);
    expect(third.json.nextBefore).toBeNull();

    expect((await h.call('GET', '/v1/deletions?limit=0')).json.error.code).toBe('VALIDATION_FAILED');
  });

  it('checks reason, note and confirmation before the code', async () => {
    const { code } = await h.sendOtp();
    expect((await h.confirm(code, 1, { reason: 'Not a reason' })).json.error.code).toBe('INVALID_REASON');
    expect((await h.confirm(code, 1, { reason: 'Other', note: '   ' })).json.error.code).toBe('NOTE_REQUIRED');
    expect((await h.confirm(code, 1, { confirmation: 'Delete' })).json.error.code).toBe('CONFIRMATION_MISMATCH');
    expect((await h.confirm('x', 1, { confirmation: 'Delete' })).status).toBe(400);
  });

  it('lists settings with masked addresses', async () => {
    const response = await h.call('GET', '/v1/settings');
    expect(response.json).toMatchObject({
      company: 'Acme Credit',
      registeredEmail: 'o***@acme.test',
      destination: 'o***@acme.test',
      confirmationWord: 'DELETE',
      otherReason: 'Other',
      limits: { otpTtlSeconds: 3600, otpMaxUses: 50, otpResendSeconds: 60, otpMaxAttempts: 5, otpDigits: 6 },
    });
  });
});
