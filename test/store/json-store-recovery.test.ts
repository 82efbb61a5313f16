import { appendFile, copyFile, mkdir, mkdtemp, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJsonAccountStore } from '../../api/store/json/json-account-store.ts';
import { makeAccount, makeApproval, makeCode } from './helpers/records.ts';

let directory: string;
let file: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'delete-guard-json-recovery-'));
  file = join(directory, 'store.json');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function spendOne(store: Awaited<ReturnType<typeof openJsonAccountStore>>, accountId: string) {
  const approval = makeApproval(accountId);
  await store.transact(accountId, (tx) => {
    tx.codes[0]!.usesLeft -= 1;
    tx.appendApprovals([approval]);
  });
  return approval;
}

describe('JSON store recovery', () => {
  it('replays batches newer than the document', async () => {
    const store = await openJsonAccountStore({ file });
    const account = makeAccount();
    await store.createAccount(account);
    await store.transact(account.id, (tx) => void tx.codes.push(makeCode(account.id, 50)));
    const first = await spendOne(store, account.id);
    await store.close();
    await copyFile(file, `${file}.before`);
    const reopenedOnce = await openJsonAccountStore({ file });
    const second = await spendOne(reopenedOnce, account.id);
    await reopenedOnce.close();
    // A crash after the audit log fsync but before the background document rewrite looks like this.
    await copyFile(`${file}.before`, file);

    const warnings: object[] = [];
    const reopened = await openJsonAccountStore({ file, logger: { warn: (fields) => warnings.push(fields) } });

    expect((await reopened.listApprovals(account.id, { limit: 10 }))?.items.map((item) => item.id)).toEqual([second.id, first.id]);
    expect(await reopened.transact(account.id, (tx) => tx.codes[0]!.usesLeft)).toBe(48);
    expect(warnings).toHaveLength(0);
    await spendOne(reopened, account.id);
    expect(reopened.approvalCount).toBe(3);
    await reopened.close();
  });

  it('acknowledges before the document is rewritten', async () => {
    const store = await openJsonAccountStore({ file, documentWriteIntervalMs: 60_000 });
    const account = makeAccount();
    await store.createAccount(account);
    await store.transact(account.id, (tx) => void tx.codes.push(makeCode(account.id, 50)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const documentSeq = JSON.parse(await readFile(file, 'utf8')).committedSeq as number;
    await spendOne(store, account.id);

    expect(JSON.parse(await readFile(file, 'utf8')).committedSeq).toBe(documentSeq);
    await store.close();
    expect(JSON.parse(await readFile(file, 'utf8')).committedSeq).toBeGreaterThan(documentSeq);
  });

  it('serves on while the document cannot be written', async () => {
    const warnings: object[] = [];
    const store = await openJsonAccountStore({ file, documentWriteIntervalMs: 0, logger: { warn: (fields) => warnings.push(fields) } });
    const account = makeAccount();
    await store.createAccount(account);
    await store.transact(account.id, (tx) => void tx.codes.push(makeCode(account.id, 50)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A folder in place of the document makes its atomic rename fail.
    await rename(file, `${file}.away`);
    await mkdir(file);

    await spendOne(store, account.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(warnings.length).toBeGreaterThan(0);
    expect(await store.transact(account.id, (tx) => tx.codes[0]!.usesLeft)).toBe(49);

    await rmdir(file);
    await rename(`${file}.away`, file);
    await store.close();
    const reopened = await openJsonAccountStore({ file });
    expect(reopened.approvalCount).toBe(1);
    expect(await reopened.transact(account.id, (tx) => tx.codes[0]!.usesLeft)).toBe(49);
    await reopened.close();
  });

  it('cuts a hot batch of the old format', async () => {
    const store = await openJsonAccountStore({ file });
    const account = makeAccount();
    await store.createAccount(account);
    await store.close();
    // Before hot state lines, a batch that changed hot state was committed only
    // once the document held its sequence number, and its commit line has no `logged`.
    const stale = makeApproval(account.id);
    await appendFile(join(directory, 'store.audit.000001.jsonl'), `${JSON.stringify({ t: 'approval', seq: 99, r: stale })}\n${JSON.stringify({ t: 'commit', seq: 99, hot: true, n: 1 })}\n`);

    const warnings: object[] = [];
    const reopened = await openJsonAccountStore({ file, logger: { warn: (fields) => warnings.push(fields) } });

    expect(reopened.approvalCount).toBe(0);
    expect(warnings).toHaveLength(1);
    await reopened.close();
  });

  it('cuts a torn audit line on open', async () => {
    const store = await openJsonAccountStore({ file });
    const account = makeAccount();
    await store.createAccount(account);
    await store.transact(account.id, (tx) => void tx.codes.push(makeCode(account.id, 50)));
    await spendOne(store, account.id);
    await store.close();
    await appendFile(join(directory, 'store.audit.000001.jsonl'), '{"t":"approval","seq":9,"r":{"id":');

    const reopened = await openJsonAccountStore({ file, logger: { warn: () => undefined } });

    expect(reopened.approvalCount).toBe(1);
    await reopened.close();
  });

  it('writes far fewer batches than concurrent approvals', async () => {
    const store = await openJsonAccountStore({ file });
    const accounts = Array.from({ length: 10 }, () => makeAccount());
    for (const account of accounts) {
      await store.createAccount(account);
      await store.transact(account.id, (tx) => void tx.codes.push(makeCode(account.id, 1000)));
    }
    const flushesBefore = store.commitStats.flushes;

    await Promise.all(Array.from({ length: 1000 }, (_, index) => spendOne(store, accounts[index % 10]!.id)));
    await store.close();
    const reopened = await openJsonAccountStore({ file });

    expect(reopened.approvalCount).toBe(1000);
    expect(store.commitStats.flushes - flushesBefore).toBeLessThan(100);
    expect(await reopened.transact(accounts[0]!.id, (tx) => tx.codes[0]!.usesLeft)).toBe(900);
    await reopened.close();
  });
});
