import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataStore } from '../../api/store/file-store.ts';
import { StoreCorruptError, StoreUnavailableError } from '../../api/store/errors.ts';
import { createEmptyData } from '../../api/store/schema.ts';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'delete-guard-store-'));
  file = join(dir, 'data.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const failure = (at: number) => ({ accountId: 'a', at });

describe('file store', () => {
  it('creates the file and reads it back through the schema', async () => {
    const store = await openDataStore(file);
    await store.update((data) => {
      data.failures.push(failure(1));
    });

    const reopened = await openDataStore(file);
    expect((await reopened.read()).failures).toEqual([failure(1)]);
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(1);
  });

  it('leaves no temporary or lock file behind', async () => {
    const store = await openDataStore(file);
    await Promise.all(Array.from({ length: 10 }, (_, index) => store.update((data) => void data.failures.push(failure(index)))));
    expect(await readdir(dir)).toEqual(['data.json']);
    expect((await store.read()).failures).toHaveLength(10);
  });

  it('writes nothing when the change throws', async () => {
    const store = await openDataStore(file);
    await store.update((data) => void data.failures.push(failure(1)));
    const before = await readFile(file);

    await expect(
      store.update((data) => {
        data.failures.push(failure(2));
        throw new Error('change rejected');
      }),
    ).rejects.toThrow('change rejected');

    expect((await readFile(file)).equals(before)).toBe(true);
    expect((await store.read()).failures).toEqual([failure(1)]);
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, text.length / 2)],
    ['empty', () => ''],
    ['not JSON', () => 'hello'],
    ['wrong shape', () => JSON.stringify({ version: 1, accounts: 'none' })],
  ])('refuses to open a %s file and names it', async (_name, corrupt) => {
    await writeFile(file, corrupt(JSON.stringify(createEmptyData())));
    const contents = await readFile(file);

    const opening = openDataStore(file);
    await expect(opening).rejects.toBeInstanceOf(StoreCorruptError);
    await expect(opening).rejects.toThrow(file);
    expect((await readFile(file)).equals(contents)).toBe(true);
  });

  it('sees writes of another store on the same file', async () => {
    const first = await openDataStore(file);
    const second = await openDataStore(file);

    await first.update((data) => void data.failures.push(failure(1)));
    expect((await second.read()).failures).toHaveLength(1);

    await Promise.all([
      ...Array.from({ length: 15 }, (_, index) => first.update((data) => void data.failures.push(failure(100 + index)))),
      ...Array.from({ length: 15 }, (_, index) => second.update((data) => void data.failures.push(failure(200 + index)))),
    ]);

    const reopened = await openDataStore(file);
    expect((await reopened.read()).failures).toHaveLength(31);
  });

  it('reports a file corrupted while running as unavailable', async () => {
    const store = await openDataStore(file);
    await writeFile(file, '{"version": 1');
    await expect(store.read()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.update(() => undefined)).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('takes over a lock left by a dead process', async () => {
    const store = await openDataStore(file);
    await writeFile(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, token: 'dead', at: Date.now() }));
    await store.update((data) => void data.failures.push(failure(1)));
    expect((await store.read()).failures).toHaveLength(1);
  });
});
