import type { Stats } from 'node:fs';

/** Identity of one version of the data file: every atomic write gives a new inode. */
export interface FileStamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

/** Builds the stamp of a file from its stat. */
export function toStamp(stats: Stats): FileStamp {
  return { ino: stats.ino, mtimeMs: stats.mtimeMs, size: stats.size };
}

/** Checks whether two stamps name the same file version; null means "no file". */
export function isSameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  if (a === null || b === null) return a === b;
  return a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}
