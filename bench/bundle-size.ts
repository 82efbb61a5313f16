import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Size of one file that the extension injects into pages. */
export interface InjectedFile {
  file: string;
  rawBytes: number;
  /** Size after gzip at zlib's default level 6. */
  gzipBytes: number;
}

interface Manifest {
  content_scripts?: { js?: string[] }[];
}

// A content script that loads more code at run time would reference the
// extension's chunks folder or call import(). WXT builds content scripts as
// single IIFE files, so this should find nothing.
const LAZY_LOAD = /\bimport\(|chunks\//;

/** Returns the raw and gzip size of one file of the extension build. */
export function measureFile(outputDir: string, file: string): InjectedFile {
  const bytes = readFileSync(join(outputDir, file));
  return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length };
}

/**
 * Lists every script the manifest injects into pages, with its raw and gzip
 * size. Raises an Error when an injected script loads other files, because
 * their size would then be missing from the list.
 */
export function measureInjectedFiles(outputDir: string): InjectedFile[] {
  const manifest = JSON.parse(readFileSync(join(outputDir, 'manifest.json'), 'utf8')) as Manifest;
  const files = [...new Set((manifest.content_scripts ?? []).flatMap((script) => script.js ?? []))];
  return files.map((file) => {
    const bytes = readFileSync(join(outputDir, file));
    if (LAZY_LOAD.test(bytes.toString('utf8'))) {
      throw new Error(`${file} seems to load more code at run time (import() or chunks/), so its size alone understates what is injected. Count those files too.`);
    }
    return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  });
}
