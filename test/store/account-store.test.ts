import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AccountStore } from '../../api/store/account-store.ts';
import { AccountNotFoundError, InvalidRecordError } from '../../api/store/account-store-errors.ts';
import { jsonBackend, postgresBackend, type Backend } from './helpers/backends.ts';
import { postgresSkipReason, useTestCluster } from './helpers/postgres.ts';
import { makeAccount, makeApproval, makeCode, nextId } from './helpers/records.ts';

const cluster = useTestCluster();
const backends: { backend: Backend; skip: string | null }[] = [
  { backend: jsonBackend(), skip: null },
  { backend: postgresBackend(cluster), skip: postgresSkipReason },
];

afterAll(async () => {
  for (const { backend } of backends) await backend.cleanup();
});

// The same behaviour is required of both back ends, so every case runs on each.
describe.each(backends)('account store ($backend.name)', ({ backend, skip }) => {
  const opened: AccountStore[] = [];
  const open = async () => {
    const store = await backend.open();
    opened.push(store);
    return store;
  };
  const openAgain = async () => {
    const store = await backend.openAgain();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it.skipIf(skip !== null)('creates and finds accounts', async () => {
    const store = await open();
    const first = makeAccount();
    const second = makeAccount();

    expect(await store.createFirstAccount(first)).toBe(true);
    expect(await store.createFirstAccount(makeAccount())).toBe(false);
    await store.createAccount(second);

    expect(await store.findAccountByKeyHash(second.apiKeyHash)).toEqual(second);
    expect(await store.findAccountByKeyHash('unknown')).toBeNull();
    expect((await store.listAccounts()).map((account) => account.id)).toEqual([first.id, second.id]);
    await expect(store.createAccount({ ...makeAccount(), apiKeyHash: first.apiKeyHash })).rejects.toThrow(InvalidRecordError);
  });

  it.skipIf(skip !== null)('commits state and approvals together', async () => {
    const store = await open();
    const account = makeAccount();
    await store.createAccount(account);
    const code = makeCode(account.id, 5);
    await store.transact(account.id, (tx) => {
      tx.codes.push(code);
      tx.sends.push({ accountId: account.id, at: 1, kind: 'otp', failed: false });
    });

    const approvals = [makeApproval(account.id), makeApproval(account.id)];
    const usesLeft = await store.transact(account.id, (tx) => {
      const current = tx.codes.find((candidate) => candidate.id === code.id)!;
      current.usesLeft -= approvals.length;
      tx.sends[0]!.failed = true;
      tx.failures.push({ accountId: account.id, at: 2 });
      tx.appendApprovals(approvals);
      return current.usesLeft;
    });
    const reopened = await openAgain();
    const state = await reopened.transact(account.id, (tx) => structuredClone({ codes: tx.codes, sends: tx.sends, failures: tx.failures }));

    expect(usesLeft).toBe(3);
    expect(state.codes).toEqual([{ ...code, usesLeft: 3 }]);
    expect(state.sends).toEqual([{ accountId: account.id, at: 1, kind: 'otp', failed: true }]);
    expect(state.failures).toEqual([{ accountId: account.id, at: 2 }]);
    expect((await reopened.listApprovals(account.id, { limit: 10 }))?.items).toEqual([...approvals].reverse());
  });

  it.skipIf(skip !== null)('reads hot state without a transaction', async () => {
    const store = await open();
    const account = makeAccount();
    await store.createAccount(account);
    const code = makeCode(account.id, 5);
    await store.transact(account.id, (tx) => {
      tx.codes.push(code);
      tx.failures.push({ accountId: account.id, at: 2 });
    });

    const state = await store.readHotState(account.id);
    state.codes[0]!.usesLeft = 0;
    const again = await store.readHotState(account.id);

    expect(state.account).toEqual(account);
    expect(state.failures).toEqual([{ accountId: account.id, at: 2 }]);
    expect(again.codes).toEqual([code]);
    await expect(store.readHotState('acct_missing')).rejects.toThrow(AccountNotFoundError);
  });

  it.skipIf(skip !== null)('discards everything when the change throws', async () => {
    const store = await open();
    const account = makeAccount();
    await store.createAccount(account);
    const code = makeCode(account.id, 5);
    await store.transact(account.id, (tx) => void tx.codes.push(code));

    await expect(
      store.transact(account.id, (tx) => {
        tx.codes[0]!.usesLeft = 0;
        tx.appendApprovals([makeApproval(account.id)]);
        throw new Error('rejected by the domain');
      }),
    ).rejects.toThrow('rejected by the domain');

    expect(await store.transact(account.id, (tx) => tx.codes[0]!.usesLeft)).toBe(5);
    expect((await store.listApprovals(account.id, { limit: 10 }))?.items).toEqual([]);
  });

  it.skipIf(skip !== null)('removes pruned events and codes', async () => {
    const store = await open();
    const account = makeAccount();
    await store.createAccount(account);
    const [old, kept] = [makeCode(account.id, 1), makeCode(account.id, 1)];
    await store.transact(account.id, (tx) => {
      tx.codes.push(old, kept);
      tx.failures.push({ accountId: account.id, at: 1 }, { accountId: account.id, at: 2 });
    });

    await store.transact(account.id, (tx) => {
      tx.codes = tx.codes.filter((code) => code.id !== old.id);
      tx.failures = tx.failures.filter((failure) => failure.at > 1);
    });

    const state = await store.transact(account.id, (tx) => structuredClone({ codes: tx.codes, failures: tx.failures }));
    expect(state.codes.map((code) => code.id)).toEqual([kept.id]);
    expect(state.failures).toEqual([{ accountId: account.id, at: 2 }]);
  });

  it.skipIf(skip !== null)('rejects unknown accounts and foreign approvals', async () => {
    const store = await open();
    const account = makeAccount();
    await store.createAccount(account);

    await expect(store.transact('acct_missing', () => 1)).rejects.toThrow(AccountNotFoundError);
    await expect(store.transact(account.id, (tx) => tx.appendApprovals([makeApproval('acct_other')]))).rejects.toThrow(InvalidRecordError);
  });

  it.skipIf(skip !== null)('pages approvals newest first by keyset', async () => {
    const store = await open();
    const [account, other] = [makeAccount(), makeAccount()];
    await store.createAccount(account);
    await store.createAccount(other);
    const records = Array.from({ length: 23 }, () => makeApproval(account.id));
    for (let index = 0; index < records.length; index += 4) {
      await store.transact(account.id, (tx) => tx.appendApprovals(records.slice(index, index + 4)));
      await store.transact(other.id, (tx) => tx.appendApprovals([makeApproval(other.id)]));
    }

    const ids: string[] = [];
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await store.listApprovals(account.id, { limit: 5, ...(before ? { before } : {}) });
      pages += 1;
      ids.push(...page!.items.map((item) => item.id));
      if (page!.nextBefore === null) break;
      before = page!.nextBefore;
    }

    expect(ids).toEqual(records.map((record) => record.id).reverse());
    expect(pages).toBe(5);
    expect(await store.listApprovals(account.id, { limit: 5, before: 'del_unknown' })).toBeNull();
    const otherId = (await store.listApprovals(other.id, { limit: 1 }))!.items[0]!.id;
    expect(await store.listApprovals(account.id, { limit: 5, before: otherId })).toBeNull();
    await expect(store.listApprovals(account.id, { limit: 0 })).rejects.toThrow(RangeError);
  });

  it.skipIf(skip !== null)('sets an outcome only once', async () => {
    const store = await open();
    const [account, other] = [makeAccount(), makeAccount()];
    await store.createAccount(account);
    await store.createAccount(other);
    const approval = makeApproval(account.id);
    await store.transact(account.id, (tx) => tx.appendApprovals([approval]));

    const results = await Promise.all([
      store.setOutcome(account.id, approval.id, { outcome: 'deleted', detail: null, at: 10 }),
      store.setOutcome(account.id, approval.id, { outcome: 'failed', detail: 'CRM error', at: 11 }),
    ]);

    expect(results.map((result) => result.kind).sort()).toEqual(['already_set', 'set']);
    const winner = results.find((result) => result.kind === 'set');
    const reopened = await openAgain();
    const [stored] = (await reopened.listApprovals(account.id, { limit: 1 }))!.items;
    expect(winner).toEqual({ kind: 'set', approval: stored });
    expect(await reopened.setOutcome(other.id, approval.id, { outcome: 'deleted', detail: null, at: 12 })).toEqual({ kind: 'not_found' });
    expect(await reopened.setOutcome(account.id, 'del_unknown', { outcome: 'deleted', detail: null, at: 12 })).toEqual({ kind: 'not_found' });
  });

  it.skipIf(skip !== null)('spends exactly the uses of a code under contention', async () => {
    const store = await open();
    const account = makeAccount();
    await store.createAccount(account);
    const code = makeCode(account.id, 50);
    await store.transact(account.id, (tx) => void tx.codes.push(code));
    const second = await openAgain();

    const spend = (target: AccountStore) =>
      target
        .transact(account.id, (tx) => {
          const current = tx.codes.find((candidate) => candidate.id === code.id)!;
          if (current.usesLeft < 1) throw new Error('used up');
          current.usesLeft -= 1;
          tx.appendApprovals([makeApproval(account.id, { codeId: code.id })]);
        })
        .then(
          () => true,
          () => false,
        );
    // The JSON back end serves one process, so its second handle is not used concurrently.
    const targets = backend.name === 'postgres' ? [store, second] : [store];
    const results = await Promise.all(Array.from({ length: 200 }, (_, index) => spend(targets[index % targets.length]!)));

    expect(results.filter(Boolean)).toHaveLength(50);
    expect(await store.transact(account.id, (tx) => tx.codes[0]!.usesLeft)).toBe(0);
    let count = 0;
    let before: string | undefined;
    for (;;) {
      const page = await store.listApprovals(account.id, { limit: 100, ...(before ? { before } : {}) });
      count += page!.items.length;
      if (!page!.nextBefore) break;
      before = page!.nextBefore;
    }
    expect(count).toBe(50);
  });

  it.skipIf(skip !== null)('keeps the newest deliveries and updates one by id', async () => {
    const store = await open();
    const account = makeAccount();
    await store.createAccount(account);
    const deliveries = Array.from({ length: 25 }, (_, index) => ({
      id: nextId('dlv'),
      accountId: account.id,
      kind: 'otp' as const,
      to: 'team@example.test',
      at: 1_000 + index,
      status: 'queued' as const,
      detail: null,
    }));
    await store.transact(account.id, (tx) => void tx.deliveries.push(...deliveries));

    const updated = await store.updateDelivery(account.id, deliveries[24]!.id, { status: 'sent' });
    const recent = await store.transact(account.id, (tx) => structuredClone(tx.deliveries));

    expect(updated).toEqual({ ...deliveries[24], status: 'sent' });
    expect(recent.map((delivery) => delivery.id)).toEqual(deliveries.slice(5).map((delivery) => delivery.id));
    expect(recent.at(-1)?.status).toBe('sent');
    expect(await store.updateDelivery(account.id, 'dlv_missing', { status: 'sent' })).toBeNull();
  });

  it.skipIf(skip !== null)('appends and pages support events', async () => {
    const store = await open();
    const account = makeAccount();
    const other = makeAccount();
    await store.createAccount(account);
    await store.createAccount(other);
    const events = Array.from({ length: 3 }, (_, index) => ({
      id: nextId('sev'),
      supportKeyId: 'sup_1',
      action: 'list_deliveries' as const,
      accountId: account.id,
      at: index,
    }));
    for (const event of events) await store.appendSupportEvent(event);
    const search = { id: nextId('sev'), supportKeyId: 'sup_1', action: 'search_accounts' as const, accountId: null, matchedAccountIds: [other.id], at: 5 };
    await store.transact(other.id, (tx) => tx.appendSupportEvents([search]));

    const first = await store.listSupportEvents({ accountId: account.id }, { limit: 2 });
    const second = await store.listSupportEvents({ accountId: account.id }, { limit: 2, before: first!.nextBefore! });
    const all = await store.listSupportEvents({}, { limit: 10 });
    const aboutOther = await store.listSupportEvents({ accountId: other.id }, { limit: 10 });

    expect(first?.items).toEqual([events[2], events[1]]);
    expect(second).toEqual({ items: [events[0]], nextBefore: null });
    expect(all?.items.map((event) => event.id)).toEqual([search.id, events[2]!.id, events[1]!.id, events[0]!.id]);
    expect(aboutOther?.items).toEqual([search]);
    expect(await store.listSupportEvents({ accountId: other.id }, { limit: 1, before: events[0]!.id })).toBeNull();
  });

  it.skipIf(skip !== null)('stores and finds support keys', async () => {
    const store = await open();
    const key = { id: nextId('sup'), name: 'Ana', apiKeyHash: `hash-${nextId('k')}`, role: 'support' as const, createdAt: 1_700_000_000_000 };
    await store.createSupportKey(key);

    expect(await store.findSupportKeyByHash(key.apiKeyHash)).toEqual(key);
    expect(await store.findSupportKeyByHash('hash-unknown')).toBeNull();
    expect(await store.listSupportKeys()).toEqual([key]);
    await expect(store.createSupportKey({ ...key, id: nextId('sup') })).rejects.toBeInstanceOf(InvalidRecordError);
    const again = await openAgain();
    expect(await again.listSupportKeys()).toEqual([key]);
  });

  it.skipIf(skip !== null)('finds accounts by email', async () => {
    const store = await open();
    const first = makeAccount({ registeredEmail: 'Owner@Acme.test' });
    const second = makeAccount({ companyEmail: 'owner@acme.test' });
    const third = makeAccount({ registeredEmail: 'owner@acme.test' });
    for (const account of [first, second, third]) await store.createAccount(account);

    // The whole address is compared without case, the local part too.
    const found = await store.findAccountsByEmail(' owner@ACME.test ');
    expect(found.map((account) => account.id)).toEqual([first.id, second.id, third.id]);
    expect((await store.findAccountsByEmail('OWNER@acme.TEST')).map((account) => account.id)).toEqual([first.id, second.id, third.id]);
    expect(await store.findAccountsByEmail('nobody@acme.test')).toEqual([]);
  });
});
