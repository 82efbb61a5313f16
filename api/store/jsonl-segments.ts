import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** Position of one line: segment number, byte offset and byte length without the newline. */
export interface LineRef {
  segment: number;
  offset: number;
  length: number;
}

/** One complete line found by {@link SegmentedJsonl.scan}. */
export interface ScannedLine {
  ref: LineRef;
  text: string;
}

/** Result of a scan: the complete lines and the bytes after the last newline, if any. */
export interface ScanResult {
  lines: ScannedLine[];
  /** Bytes at the end of the newest segment that do not end with a newline (a torn write). */
  tornBytes: number;
}

const NEWLINE = 0x0a;
const SEGMENT_PATTERN = /^(.+)\.(\d{6})\.jsonl$/;

/**
 * An append-only JSON Lines log split into numbered segment files
 * `<name>.000001.jsonl`, `<name>.000002.jsonl`, … in one directory. A new
 * segment starts when the newest one has reached `maxSegmentBytes`; a batch
 * of lines is never split across segments. Used by one process at a time.
 */
export class SegmentedJsonl {
  private readonly readHandles = new Map<number, FileHandle>();

  private constructor(
    readonly directory: string,
    readonly name: string,
    readonly maxSegmentBytes: number,
    private segments: number[],
    private activeHandle: FileHandle,
    private activeSize: number,
  ) {}

  /** Opens the log, creating its directory and first segment when missing. */
  static async open(directory: string, name: string, maxSegmentBytes: number): Promise<SegmentedJsonl> {
    await mkdir(directory, { recursive: true });
    const segments = await listSegments(directory, name);
    if (segments.length === 0) {
      segments.push(1);
      await createSegmentFile(segmentPath(directory, name, 1), directory);
    }
    const active = segments[segments.length - 1]!;
    const handle = await open(segmentPath(directory, name, active), 'r+');
    const size = (await handle.stat()).size;
    return new SegmentedJsonl(directory, name, maxSegmentBytes, segments, handle, size);
  }

  /** Segment numbers, oldest first. */
  get segmentNumbers(): readonly number[] {
    return this.segments;
  }

  /** Path of one segment file, for messages. */
  pathOf(segment: number): string {
    return segmentPath(this.directory, this.name, segment);
  }

  /**
   * Reads every segment, oldest first, and splits it into lines. A segment
   * other than the newest one must end with a newline, because rotation only
   * happens after a complete batch; otherwise this raises.
   */
  async scan(): Promise<ScanResult> {
    const lines: ScannedLine[] = [];
    let tornBytes = 0;
    for (const segment of this.segments) {
      const bytes = await this.readWhole(segment);
      let start = 0;
      for (;;) {
        const end = bytes.indexOf(NEWLINE, start);
        if (end === -1) break;
        lines.push({ ref: { segment, offset: start, length: end - start }, text: bytes.toString('utf8', start, end) });
        start = end + 1;
      }
      if (start < bytes.length) {
        if (segment !== this.activeSegment) {
          throw new Error(`Failed to read the audit log: ${this.pathOf(segment)} does not end with a complete line, but it is not the newest segment.`);
        }
        tornBytes = bytes.length - start;
      }
    }
    return { lines, tornBytes };
  }

  /**
   * Appends lines (without newlines) and fsyncs them, starting a new segment
   * first when the newest one is full. Returns where each line was written.
   */
  async append(lines: readonly string[]): Promise<{ refs: LineRef[]; bytes: number }> {
    if (this.activeSize >= this.maxSegmentBytes) await this.rotate();

    const segment = this.activeSegment;
    const refs: LineRef[] = [];
    const parts: Buffer[] = [];
    let offset = this.activeSize;
    for (const line of lines) {
      const encoded = Buffer.from(`${line}\n`, 'utf8');
      refs.push({ segment, offset, length: encoded.length - 1 });
      parts.push(encoded);
      offset += encoded.length;
    }

    const buffer = Buffer.concat(parts);
    try {
      let written = 0;
      while (written < buffer.length) {
        const { bytesWritten } = await this.activeHandle.write(buffer, written, buffer.length - written, this.activeSize + written);
        written += bytesWritten;
      }
      // fdatasync also flushes the new file size, which is all the metadata an append needs.
      await this.activeHandle.datasync();
    } catch (error) {
      // The caller rejects the batch, so its lines must not be found committed at
      // the next open. NOTE: if this truncate fails too, a complete batch may stay.
      await this.activeHandle.truncate(this.activeSize).catch(() => undefined);
      throw error;
    }
    this.activeSize += buffer.length;
    return { refs, bytes: buffer.length };
  }

  /** Reads one line back. */
  async read(ref: LineRef): Promise<string> {
    const handle = await this.handleFor(ref.segment);
    const buffer = Buffer.alloc(ref.length);
    let read = 0;
    while (read < ref.length) {
      const { bytesRead } = await handle.read(buffer, read, ref.length - read, ref.offset + read);
      if (bytesRead === 0) throw new Error(`Failed to read the audit log: ${this.pathOf(ref.segment)} ends before byte ${ref.offset + ref.length}.`);
      read += bytesRead;
    }
    return buffer.toString('utf8');
  }

  /** Cuts the newest segment to `size` bytes and fsyncs it; used to drop a torn or uncommitted tail. */
  async truncateActive(size: number): Promise<void> {
    await this.activeHandle.truncate(size);
    await this.activeHandle.sync();
    this.activeSize = size;
  }

  /** Size of the newest segment in bytes. */
  get activeBytes(): number {
    return this.activeSize;
  }

  get activeSegment(): number {
    return this.segments[this.segments.length - 1]!;
  }

  /** Closes every file handle. */
  async close(): Promise<void> {
    await this.activeHandle.close();
    for (const handle of this.readHandles.values()) await handle.close();
    this.readHandles.clear();
  }

  private async rotate(): Promise<void> {
    const next = this.activeSegment + 1;
    const path = this.pathOf(next);
    await createSegmentFile(path, this.directory);
    const handle = await open(path, 'r+');
    await this.activeHandle.close();
    this.segments.push(next);
    this.activeHandle = handle;
    this.activeSize = 0;
  }

  private async handleFor(segment: number): Promise<FileHandle> {
    if (segment === this.activeSegment) return this.activeHandle;
    let handle = this.readHandles.get(segment);
    if (!handle) {
      handle = await open(this.pathOf(segment), 'r');
      this.readHandles.set(segment, handle);
    }
    return handle;
  }

  // Positional reads, because a cached handle's file position is not at 0 on a second scan.
  private async readWhole(segment: number): Promise<Buffer> {
    const handle = await this.handleFor(segment);
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read);
  }
}

function segmentPath(directory: string, name: string, segment: number): string {
  return join(directory, `${name}.${String(segment).padStart(6, '0')}.jsonl`);
}

async function listSegments(directory: string, name: string): Promise<number[]> {
  const numbers: number[] = [];
  for (const entry of await readdir(directory)) {
    const match = SEGMENT_PATTERN.exec(entry);
    if (match && match[1] === name) numbers.push(Number.parseInt(match[2]!, 10));
  }
  return numbers.sort((a, b) => a - b);
}

// The new directory entry is fsynced too, so a segment with committed lines
// cannot vanish in a crash.
async function createSegmentFile(path: string, directory: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  await handle.sync();
  await handle.close();
  const directoryHandle = await open(directory, 'r');
  try {
    await directoryHandle.sync();
  } finally {
    await directoryHandle.close();
  }
}
