import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.ts';

let h: Harness;

afterEach(async () => {
  await h.testStore.repair().catch(() => undefined);
  await h.close();
});

describe('store write failure', () => {
  it('returns 503 and acknowledges nothing', async () => {
    h = await createHarness();
    const { code } = await h.sendOtp();
    const before = await h.readState();
    await h.testStore.breakStorage();

    const confirm = await h.confirm(code, 3);
    expect(confirm.status).toBe(503);
    expect(confirm.json.error.code).toBe('STORE_UNAVAILABLE');

    h.clock.advance(61_000);
    const send = await h.call('POST', '/v1/otp');
    expect(send.status).toBe(503);
    expect(h.sink.messages).toHaveLength(1);

    await h.testStore.repair();
    expect(await h.readState()).toEqual(before);
    expect(await h.listApprovals()).toHaveLength(0);
    const retry = await h.confirm(code, 3);
    expect(retry.status).toBe(201);
    expect(retry.json.usesLeft).toBe(47);
    expect(h.logLines.some((line) => line.includes('Failed to use the data file'))).toBe(true);
  });
});
