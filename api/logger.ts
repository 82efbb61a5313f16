import { pino, type DestinationStream, type Level, type Logger } from 'pino';

// Keys that could carry a code, key, secret or full address. Code paths log
// masked addresses and ids only; redaction is the second line of defence.
const REDACTED_PATHS = [
  'code', 'otp', 'apiKey', 'secret', 'authorization', 'email', 'password',
  '*.code', '*.otp', '*.apiKey', '*.secret', '*.authorization', '*.email', '*.password',
  'req.headers.authorization', 'req.headers.cookie',
];

/** Creates the structured JSON logger of the API; `destination` defaults to stdout. */
export function createLogger(options: { level?: Level | 'silent'; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'delete-guard-api' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
