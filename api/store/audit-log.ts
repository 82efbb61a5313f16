import { z } from 'zod';
import type { ApprovalOutcome, Page, PageRequest, SupportEventFilter } from './account-store.ts';
import { AccountListIndex } from './audit-index.ts';
import { StoreCorruptError } from './errors.ts';
import { SegmentedJsonl, type LineRef, type ScannedLine } from './jsonl-segments.ts';
import { approvalSchema, supportEventSchema, type ApprovalRecord, type SupportEvent } from './schema.ts';
import { SupportEventIndex } from './support-event-index.ts';

/** Default size at which a new audit log segment starts, in bytes. */
export const DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024;

/**
 * One line of a batch: a change to the audit trail, or the full hot state of
 * an account (or the support key list) after the batch. The log stores hot
 * state so that a batch is durable once its log fsync returns. The JSON back
 * end replays these lines onto its document at open.
 */
export type AuditEntry =
  | { type: 'approval'; record: ApprovalRecord }
  | { type: 'outcome'; accountId: string; approvalId: string; outcome: ApprovalOutcome }
  | { type: 'support'; event: SupportEvent }
  | HotStateEntry;

/** Hot state after a batch. The JSON back end validates it when it replays the line. */
export type HotStateEntry = { type: 'hot'; accountId: string; state: unknown } | { type: 'supportKeys'; keys: unknown };

/** The subset of a pino logger that the audit log uses. */
export interface WarningLogger {
  warn(fields: object, message: string): void;
}

/** Options of {@link AuditLog.open}. */
export interface AuditLogOptions {
  directory: string;
  /** Segment files are `<name>.NNNNNN.jsonl`. */
  name: string;
  maxSegmentBytes?: number;
  /**
   * Decides whether a complete batch in the log is committed. The JSON back
   * end passes its rule in: a batch that changed the hot state without
   * logging it (`hotStateLogged` false, the format before hot state lines)
   * is committed only once the document records its sequence number.
   */
  isCommitted(seq: number, changedHotState: boolean, hotStateLogged: boolean): boolean;
  /** Receives the hot state lines of each committed batch at open, oldest batch first. */
  replay?(seq: number, entries: HotStateEntry[]): void;
  logger?: WarningLogger;
}

export { supportEventSchema };

interface ApprovalSlot {
  ref: LineRef;
  outcome: ApprovalOutcome | null;
}

// Line shapes. Every line carries the sequence number of its batch, and each
// batch ends with a commit line that counts its entries.
type LogLine =
  | { t: 'approval'; seq: number; r: ApprovalRecord }
  | { t: 'outcome'; seq: number; id: string; accountId: string; outcome: ApprovalOutcome['outcome']; detail: string | null; at: number }
  | { t: 'support'; seq: number; r: SupportEvent }
  | { t: 'hot'; seq: number; id: string; s: unknown }
  | { t: 'keys'; seq: number; s: unknown }
  // `logged` is true when the batch's hot state lines are in the log. Lines written before hot state lines lack it.
  | { t: 'commit'; seq: number; hot: boolean; logged?: boolean; n: number };

/**
 * The audit trail of approvals, their outcomes and support events: an
 * append-only JSON Lines log in numbered segments with an in-memory index
 * built at open. An outcome is a separate line folded into the index, so no
 * line is ever rewritten.
 *
 * On open, a torn last line and a last batch that is not committed are cut
 * off with a warning. Any other unreadable line raises StoreCorruptError.
 */
export class AuditLog {
  private readonly approvals = new AccountListIndex<ApprovalSlot>();
  private readonly supportEvents = new SupportEventIndex<LineRef>();

  private constructor(
    private readonly file: SegmentedJsonl,
    private committedSeq: number,
  ) {}

  /** Opens the log, recovers its tail and builds the index. */
  static async open(options: AuditLogOptions): Promise<AuditLog> {
    const file = await SegmentedJsonl.open(options.directory, options.name, options.maxSegmentBytes ?? DEFAULT_SEGMENT_BYTES);
    try {
      const log = new AuditLog(file, 0);
      await log.recover(options);
      return log;
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** Sequence number of the newest committed batch in the log; 0 when empty. */
  get lastSeq(): number {
    return this.committedSeq;
  }

  /** Number of approvals in the log. */
  get approvalCount(): number {
    return this.approvals.size;
  }

  /** Segment numbers, oldest first. */
  get segments(): readonly number[] {
    return this.file.segmentNumbers;
  }

  /**
   * Appends one batch and fsyncs it, then adds it to the index. `seq` must be
   * higher than every earlier batch. Returns the bytes written.
   */
  async appendBatch(seq: number, entries: readonly AuditEntry[], changedHotState: boolean): Promise<number> {
    if (seq <= this.committedSeq) throw new Error(`Failed to append to the audit log: batch ${seq} is not newer than batch ${this.committedSeq}.`);
    const lines = entries.map((entry) => JSON.stringify(toLine(seq, entry)));
    const logged = entries.some((entry) => entry.type === 'hot' || entry.type === 'supportKeys');
    lines.push(JSON.stringify({ t: 'commit', seq, hot: changedHotState, logged, n: entries.length } satisfies LogLine));

    const { refs, bytes } = await this.file.append(lines);
    entries.forEach((entry, index) => this.index(entry, refs[index]!));
    this.committedSeq = seq;
    return bytes;
  }

  /** Checks whether an approval with this id exists in any account. */
  hasApproval(approvalId: string): boolean {
    return this.approvals.has(approvalId);
  }

  /** Returns the outcome of the account's approval: undefined when there is no such approval. */
  outcomeOf(accountId: string, approvalId: string): ApprovalOutcome | null | undefined {
    return this.approvals.get(accountId, approvalId)?.outcome;
  }

  /** Reads one approval of the account with its outcome, or null when not found. */
  async readApproval(accountId: string, approvalId: string): Promise<ApprovalRecord | null> {
    const slot = this.approvals.get(accountId, approvalId);
    return slot ? this.readApprovalSlot(slot) : null;
  }

  /** Lists the account's approvals newest first; null when `before` is not one of them. */
  async listApprovals(accountId: string, request: PageRequest): Promise<Page<ApprovalRecord> | null> {
    const page = this.approvals.page(accountId, request);
    if (!page) return null;
    const items: ApprovalRecord[] = [];
    for (const slot of page.values) items.push(await this.readApprovalSlot(slot));
    return { items, nextBefore: page.nextBefore };
  }

  /** Checks whether a support event with this id exists. */
  hasSupportEvent(eventId: string): boolean {
    return this.supportEvents.has(eventId);
  }

  /** Lists support events newest first; null when `before` is not one of the listed events. */
  async listSupportEvents(filter: SupportEventFilter, request: PageRequest): Promise<Page<SupportEvent> | null> {
    const page = this.supportEvents.page(filter, request);
    if (!page) return null;
    const items: SupportEvent[] = [];
    for (const ref of page.values) {
      const line = await this.readLine(ref);
      items.push(this.validate(supportEventSchema, (line as { r: unknown }).r, ref));
    }
    return { items, nextBefore: page.nextBefore };
  }

  /** Closes the segment files. */
  close(): Promise<void> {
    return this.file.close();
  }

  private async readApprovalSlot(slot: ApprovalSlot): Promise<ApprovalRecord> {
    const line = await this.readLine(slot.ref);
    const record = this.validate(approvalSchema, (line as { r: unknown }).r, slot.ref);
    if (slot.outcome) {
      record.outcome = slot.outcome.outcome;
      record.outcomeDetail = slot.outcome.detail;
      record.outcomeAt = slot.outcome.at;
    }
    return record;
  }

  private async readLine(ref: LineRef): Promise<unknown> {
    const text = await this.file.read(ref);
    try {
      return JSON.parse(text);
    } catch (error) {
      throw this.corrupt(ref, `the line is not valid JSON (${(error as Error).message})`);
    }
  }

  private validate<T>(schema: z.ZodType<T>, value: unknown, ref: LineRef): T {
    const result = schema.safeParse(value);
    if (!result.success) {
      const first = result.error.issues[0];
      throw this.corrupt(ref, `the record does not match the expected format at ${first?.path.join('.') ?? '?'}: ${first?.message ?? 'unknown problem'}`);
    }
    return result.data;
  }

  private corrupt(ref: LineRef, reason: string): StoreCorruptError {
    return new StoreCorruptError(`${this.file.pathOf(ref.segment)} (byte ${ref.offset})`, reason);
  }

  private index(entry: AuditEntry, ref: LineRef): void {
    if (entry.type === 'hot' || entry.type === 'supportKeys') return;
    if (entry.type === 'approval') {
      const { record } = entry;
      const outcome = record.outcome === null ? null : { outcome: record.outcome, detail: record.outcomeDetail, at: record.outcomeAt ?? record.at };
      this.approvals.add(record.accountId, record.id, { ref, outcome });
    } else if (entry.type === 'support') {
      this.supportEvents.add(entry.event, ref);
    } else {
      const slot = this.approvals.get(entry.accountId, entry.approvalId);
      if (!slot) throw this.corrupt(ref, `the outcome names approval "${entry.approvalId}", which account "${entry.accountId}" does not have`);
      // The first outcome wins, matching the once-only rule of setOutcome.
      slot.outcome ??= entry.outcome;
    }
  }

  // Walks every line, indexes the committed batches and cuts off whatever
  // follows the last committed batch: a torn line, a batch without its commit
  // line, or an old-format batch whose document write never happened.
  private async recover(options: AuditLogOptions): Promise<void> {
    const { lines, tornBytes } = await this.file.scan();
    const active = this.file.activeSegment;
    let tailStart = { segment: lines[0]?.ref.segment ?? active, offset: 0 };
    let pending: { entry: AuditEntry; ref: LineRef }[] = [];
    let stoppedAt: ScannedLine | null = null;

    for (const line of lines) {
      if (pending.length === 0 && line.ref.segment !== tailStart.segment) tailStart = { segment: line.ref.segment, offset: 0 };
      const parsed = parseLine(line.text);
      if (!parsed) {
        stoppedAt = line;
        break;
      }
      if (parsed.t !== 'commit') {
        pending.push({ entry: toEntry(parsed), ref: line.ref });
        continue;
      }
      if (parsed.n !== pending.length) throw this.corrupt(line.ref, `batch ${parsed.seq} should have ${parsed.n} entries but has ${pending.length}`);
      if (!options.isCommitted(parsed.seq, parsed.hot, parsed.logged === true)) {
        stoppedAt = line;
        break;
      }
      if (parsed.seq <= this.committedSeq) throw this.corrupt(line.ref, `batch ${parsed.seq} follows batch ${this.committedSeq}`);
      for (const { entry, ref } of pending) this.index(entry, ref);
      const hotState = pending.map(({ entry }) => entry).filter((entry): entry is HotStateEntry => entry.type === 'hot' || entry.type === 'supportKeys');
      if (hotState.length > 0) options.replay?.(parsed.seq, hotState);
      pending = [];
      this.committedSeq = parsed.seq;
      tailStart = { segment: line.ref.segment, offset: line.ref.offset + line.ref.length + 1 };
    }

    if (pending.length === 0 && stoppedAt === null && tailStart.segment !== active) tailStart = { segment: active, offset: 0 };
    const cutBytes = tailStart.segment === active ? this.file.activeBytes - tailStart.offset : -1;
    if (cutBytes === 0) return;
    if (cutBytes < 0) {
      throw new StoreCorruptError(this.file.pathOf(tailStart.segment), 'an unreadable or uncommitted batch is followed by a newer segment');
    }

    // Lines after the cut that are complete and committed would be lost, so
    // they make the log corrupt rather than a torn tail.
    const cutLines = lines.filter((line) => line.ref.segment === active && line.ref.offset >= tailStart.offset);
    const committedAfterCut = cutLines.some((line) => {
      const parsed = parseLine(line.text);
      return parsed?.t === 'commit' && parsed.seq > this.committedSeq && line !== stoppedAt && options.isCommitted(parsed.seq, parsed.hot, parsed.logged === true);
    });
    if (committedAfterCut) throw new StoreCorruptError(this.file.pathOf(active), `an unreadable line at byte ${stoppedAt?.ref.offset ?? '?'} is followed by committed batches`);

    options.logger?.warn(
      { file: this.file.pathOf(active), offset: tailStart.offset, bytes: cutBytes, lines: cutLines.length, tornBytes },
      'Truncated the audit log after its last committed batch: the rest was a torn line or an unfinished commit that no caller was told was saved',
    );
    await this.file.truncateActive(tailStart.offset);
  }
}

function toLine(seq: number, entry: AuditEntry): LogLine {
  switch (entry.type) {
    case 'approval':
      return { t: 'approval', seq, r: entry.record };
    case 'support':
      return { t: 'support', seq, r: entry.event };
    case 'outcome':
      return { t: 'outcome', seq, id: entry.approvalId, accountId: entry.accountId, outcome: entry.outcome.outcome, detail: entry.outcome.detail, at: entry.outcome.at };
    case 'hot':
      return { t: 'hot', seq, id: entry.accountId, s: entry.state };
    case 'supportKeys':
      return { t: 'keys', seq, s: entry.keys };
  }
}

function toEntry(line: Exclude<LogLine, { t: 'commit' }>): AuditEntry {
  switch (line.t) {
    case 'approval':
      return { type: 'approval', record: line.r };
    case 'support':
      return { type: 'support', event: line.r };
    case 'outcome':
      return { type: 'outcome', accountId: line.accountId, approvalId: line.id, outcome: { outcome: line.outcome, detail: line.detail, at: line.at } };
    case 'hot':
      return { type: 'hot', accountId: line.id, state: line.s };
    case 'keys':
      return { type: 'supportKeys', keys: line.s };
  }
}

// Startup checks only what the index needs, so opening a long log stays fast.
// Each record is checked against its full schema when a page reads it.
function parseLine(text: string): LogLine | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !Number.isInteger(value.seq)) return null;
  const record = value.r as Record<string, unknown> | undefined;
  switch (value.t) {
    case 'approval':
      return typeof record?.id === 'string' && typeof record.accountId === 'string' ? (value as LogLine) : null;
    case 'support':
      return typeof record?.id === 'string' && (typeof record.accountId === 'string' || record.accountId === null) && isStringArrayOrMissing(record.matchedAccountIds)
        ? (value as LogLine)
        : null;
    case 'outcome':
      return typeof value.id === 'string' && typeof value.accountId === 'string' && (value.outcome === 'deleted' || value.outcome === 'failed')
        ? (value as LogLine)
        : null;
    case 'hot':
      return typeof value.id === 'string' && typeof value.s === 'object' && value.s !== null ? (value as LogLine) : null;
    case 'keys':
      return Array.isArray(value.s) ? (value as LogLine) : null;
    case 'commit':
      return typeof value.hot === 'boolean' && (value.logged === undefined || typeof value.logged === 'boolean') && Number.isInteger(value.n) ? (value as LogLine) : null;
    default:
      return null;
  }
}

function isStringArrayOrMissing(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}
