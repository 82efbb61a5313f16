import { appendFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
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
  it('drops a batch whose document write was lost', async () => {
    const store = await openJsonAccountStore({ file });
    const account = makeAccount();
    await store.createAccount(account);
    await store.transact(account.id, (tx) => void tx.codes.push(makeCode(account.id, 50)));
    const kept = await spendOne(store, account.id);
    await copyFile(file, `${file}.before`);
    await spendOne(store, account.id);
    await store.close();
    // A crash after the audit log fsync but before the document rename looks like this.
    await copyFile(`${file}.before`, file);

    const warnings: object[] = [];
    const reopened = await openJsonAccountStore({ file, logger: { warn: (fields) => warnings.push(fields) } });

    expect((await reopened.listApprovals(account.id, { limit: 10 }))?.items.map((item) => item.id)).toEqual([kept.id]);
    expect(await reopened.transact(account.id, (tx) => tx.codes[0]!.usesLeft)).toBe(49);
    expect(warnings).toHaveLength(1);
    await spendOne(reopened, account.id);
    expect(reopened.approvalCount).toBe(2);
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
