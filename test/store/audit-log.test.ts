import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, type AuditLogOptions } from '../../api/store/audit-log.ts';
import { StoreCorruptError } from '../../api/store/errors.ts';
import { createGroupCommit } from '../../api/store/group-commit.ts';
import { makeApproval } from './helpers/records.ts';

let directory: string;
const warnings: object[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'delete-guard-audit-'));
  warnings.length = 0;
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function options(overrides: Partial<AuditLogOptions> = {}): AuditLogOptions {
  return {
    directory,
    name: 'audit',
    isCommitted: () => true,
    logger: { warn: (fields) => warnings.push(fields) },
    ...overrides,
  };
}

const segmentFile = (segment: number) => join(directory, `audit.${String(segment).padStart(6, '0')}.jsonl`);

describe('audit log', () => {
  it('keeps 1000 concurrent appends with few fsyncs', async () => {
    const log = await AuditLog.open(options());
    let seq = 0;
    const commit = createGroupCommit<ReturnType<typeof makeApproval>>(async (records) => {
      seq += 1;
      await log.appendBatch(
        seq,
        records.map((record) => ({ type: 'approval', record })),
        false,
      );
    });
    const records = Array.from({ length: 1000 }, (_, index) => makeApproval(`acct_${index % 10}`));

    await Promise.all(records.map((record) => commit.submit(record)));
    await log.close();

    const reopened = await AuditLog.open(options());
    expect(reopened.approvalCount).toBe(1000);
    expect(commit.stats.flushes).toBeLessThan(100);
    const page = await reopened.listApprovals('acct_3', { limit: 1000 });
    expect(page?.items.map((item) => item.id)).toEqual(records.filter((record) => record.accountId === 'acct_3').map((record) => record.id).reverse());
    await reopened.close();
  });

  it('pages newest first across segments', async () => {
    const log = await AuditLog.open(options({ maxSegmentBytes: 1024 }));
    const records = Array.from({ length: 30 }, () => makeApproval('acct_a'));
    for (const [index, record] of records.entries()) {
      await log.appendBatch(index + 1, [{ type: 'approval', record }, { type: 'approval', record: makeApproval('acct_b') }], false);
    }
    await log.close();

    const reopened = await AuditLog.open(options({ maxSegmentBytes: 1024 }));
    expect(reopened.segments.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await reopened.listApprovals('acct_a', { limit: 7, ...(before ? { before } : {}) });
      expect(page).not.toBeNull();
      seen.push(...page!.items.map((item) => item.id));
      if (page!.nextBefore === null) break;
      before = page!.nextBefore;
    }
    expect(seen).toEqual(records.map((record) => record.id).reverse());
    await reopened.close();
  });

  it('returns null for a cursor of another account', async () => {
    const log = await AuditLog.open(options());
    const other = makeApproval('acct_b');
    await log.appendBatch(1, [{ type: 'approval', record: other }], false);

    expect(await log.listApprovals('acct_a', { limit: 5, before: other.id })).toBeNull();
    expect(await log.listApprovals('acct_a', { limit: 5, before: 'del_unknown' })).toBeNull();
    await log.close();
  });

  it('cuts a torn last line with a warning', async () => {
    const log = await AuditLog.open(options());
    const kept = makeApproval('acct_a');
    await log.appendBatch(1, [{ type: 'approval', record: kept }], false);
    await log.close();
    const goodSize = (await stat(segmentFile(1))).size;
    const torn = '{"t":"approval","seq":2,"r":{"id":"del_torn","acc';
    await appendFile(segmentFile(1), torn);

    const reopened = await AuditLog.open(options());

    expect(reopened.approvalCount).toBe(1);
    expect((await stat(segmentFile(1))).size).toBe(goodSize);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ tornBytes: torn.length });
    await reopened.appendBatch(2, [{ type: 'approval', record: makeApproval('acct_a') }], false);
    await reopened.close();
    expect((await AuditLog.open(options())).approvalCount).toBe(2);
  });

  it('cuts a batch without its commit line', async () => {
    const log = await AuditLog.open(options());
    await log.appendBatch(1, [{ type: 'approval', record: makeApproval('acct_a') }], false);
    await log.close();
    await appendFile(segmentFile(1), `${JSON.stringify({ t: 'approval', seq: 2, r: makeApproval('acct_a') })}\n`);

    const reopened = await AuditLog.open(options());

    expect(reopened.approvalCount).toBe(1);
    expect(reopened.lastSeq).toBe(1);
    expect(warnings).toHaveLength(1);
    await reopened.close();
  });

  it('cuts a batch whose hot state was not written', async () => {
    const log = await AuditLog.open(options());
    await log.appendBatch(1, [{ type: 'approval', record: makeApproval('acct_a') }], true);
    await log.appendBatch(2, [{ type: 'approval', record: makeApproval('acct_a') }], true);
    await log.close();

    const reopened = await AuditLog.open(options({ isCommitted: (seq, hot) => !hot || seq <= 1 }));

    expect(reopened.approvalCount).toBe(1);
    expect(reopened.lastSeq).toBe(1);
    await reopened.close();
  });

  it('rejects an unreadable line before committed ones', async () => {
    const log = await AuditLog.open(options());
    await log.appendBatch(1, [{ type: 'approval', record: makeApproval('acct_a') }], false);
    await log.close();
    const lines = (await readFile(segmentFile(1), 'utf8')).split('\n');
    await writeFile(segmentFile(1), ['garbage', ...lines].join('\n'));

    await expect(AuditLog.open(options())).rejects.toThrow(StoreCorruptError);
  });

  it('folds outcome lines into the index once', async () => {
    const log = await AuditLog.open(options());
    const approval = makeApproval('acct_a');
    await log.appendBatch(1, [{ type: 'approval', record: approval }], false);
    await log.appendBatch(2, [{ type: 'outcome', accountId: 'acct_a', approvalId: approval.id, outcome: { outcome: 'deleted', detail: null, at: 5 } }], false);
    await log.appendBatch(3, [{ type: 'outcome', accountId: 'acct_a', approvalId: approval.id, outcome: { outcome: 'failed', detail: 'x', at: 6 } }], false);
    await log.close();

    const reopened = await AuditLog.open(options());
    const [record] = (await reopened.listApprovals('acct_a', { limit: 1 }))!.items;

    expect(record?.outcome).toBe('deleted');
    expect(record?.outcomeAt).toBe(5);
    expect(reopened.outcomeOf('acct_a', approval.id)).toEqual({ outcome: 'deleted', detail: null, at: 5 });
    expect(reopened.outcomeOf('acct_b', approval.id)).toBeUndefined();
    expect(await readdir(directory)).toEqual(['audit.000001.jsonl']);
    await reopened.close();
  });
});
