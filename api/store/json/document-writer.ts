/** Options of {@link BackgroundDocumentWriter}. */
export interface DocumentWriterOptions {
  /** Minimum time between the starts of two writes, in milliseconds. */
  intervalMs: number;
  /** Wait before retrying a failed write, in milliseconds. */
  retryMs: number;
  /** Called with each failed background write. The writer retries after `retryMs`. */
  onError(error: unknown): void;
}

/**
 * Runs the document rewrite of the JSON back end off the commit path. Each
 * `markDirty` requests one more write, and writes coalesce: at most one is in
 * flight, and a write always stores the newest state, so any number of
 * batches between two writes cost one rewrite.
 */
export class BackgroundDocumentWriter {
  private dirty = false;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastStart = 0;
  private stopped = false;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly options: DocumentWriterOptions,
  ) {}

  /** Schedules a write of the current state. */
  markDirty(): void {
    this.dirty = true;
    this.schedule(Math.max(0, this.lastStart + this.options.intervalMs - performance.now()));
  }

  /** Resolves once no write is in flight. Never rejects. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Starts a pending write now instead of after the interval, and waits for it. Never rejects. */
  async writeNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
    this.start();
    await this.idle();
  }

  /**
   * Stops background writes and, when a change is not written yet, writes it
   * now. Rejects when that last write fails.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
    if (!this.dirty) return;
    this.dirty = false;
    await this.write();
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, delayMs);
    // The log contains every acknowledged change, so a pending write must not keep the process alive.
    this.timer.unref();
  }

  private start(): void {
    if (this.stopped || this.running || !this.dirty) return;
    this.dirty = false;
    this.lastStart = performance.now();
    this.running = this.write().then(
      () => {
        this.running = null;
        if (this.dirty) this.schedule(Math.max(0, this.lastStart + this.options.intervalMs - performance.now()));
      },
      (error: unknown) => {
        this.running = null;
        this.dirty = true;
        this.options.onError(error);
        this.schedule(this.options.retryMs);
      },
    );
  }
}
