import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonFileAdapter } from '../../api/store/json-file-adapter.ts';
import { createEmptyData, dataSchema } from '../../api/store/schema.ts';
import { openStore } from '../../api/store/store.ts';
import { createWriteLock } from '../../api/store/write-lock.ts';
import { createHarness, type Harness } from './helpers/harness.ts';

let h: Harness;
let failWrites = false;

afterEach(async () => {
  failWrites = false;
  await h.close();
});

// A store whose writes fail on demand, as a full disk would make them.
function openFlakyStore(file: string) {
  const adapter = createJsonFileAdapter(file, dataSchema);
  return openStore({
    adapter: {
      ...adapter,
      write: async (data) => {
        if (failWrites) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return adapter.write(data);
      },
    },
    lock: createWriteLock(file),
    createInitial: createEmptyData,
  });
}

describe('store write failure', () => {
  it('returns 503 and acknowledges nothing', async () => {
    h = await createHarness({ openStore: openFlakyStore });
    const { code } = await h.sendOtp();
    const before = await readFile(h.dataFile);
    failWrites = true;

    const confirm = await h.confirm(code, 3);
    expect(confirm.status).toBe(503);
    expect(confirm.json.error.code).toBe('STORE_UNAVAILABLE');

    h.clock.advance(61_000);
    const send = await h.call('POST', '/v1/otp');
    expect(send.status).toBe(503);
    expect(h.sink.messages).toHaveLength(1);
    expect((await readFile(h.dataFile)).equals(before)).toBe(true);

    failWrites = false;
    const retry = await h.confirm(code, 3);
    expect(retry.status).toBe(201);
    expect(retry.json.usesLeft).toBe(47);
    expect(h.logLines.some((line) => line.includes('Failed to use the data file'))).toBe(true);
  });
});
