/**
 * The data file exists but cannot be used (invalid JSON, wrong shape, unreadable).
 * Raised when opening so the server stops instead of starting with empty data.
 */
export class StoreCorruptError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`Failed to read the data file ${file}: ${reason}. Fix the file or restore it from a backup; Delete Guard never resets it.`);
    this.name = 'StoreCorruptError';
  }
}

/** A read, write or lock of the data file failed; nothing was saved. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
