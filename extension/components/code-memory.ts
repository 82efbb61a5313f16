/**
 * Storage for the last code the API accepted, so the user need not retype it
 * while the code still has time and deletions left. The content script decides
 * where it lives; the modal only reads, writes and clears it.
 */
export interface CodeMemory {
  get(): string | null;
  set(code: string): void;
  clear(): void;
}
