import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../../api/logger.ts';

/** Creates a logger that keeps its JSON lines in `lines` for inspection. */
export function createCapturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}
