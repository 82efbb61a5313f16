import { z } from 'zod';

// Technical maximums that keep every computed time and count valid. A time
// 100 years from now is still a valid Date, a timer delay must fit Node's
// setTimeout (a signed 32-bit millisecond count), and counts fit PostgreSQL's
// integer columns.
/** 100 years of 365.25 days, in seconds. */
export const MAX_DURATION_SECONDS = 3_155_760_000;
/** The maximum delay of Node's setTimeout, in milliseconds (2^31 - 1). */
export const MAX_TIMER_MS = 2_147_483_647;
/** The largest count a limit may have. */
export const MAX_COUNT = 1_000_000_000;

const positiveInt = (max: number, maxText: string) => z.coerce.number().int().positive().max(max, `must be at most ${maxText}`);
const count = (fallback: number) => positiveInt(MAX_COUNT, '1000000000').default(fallback);
const seconds = (fallback: number) => positiveInt(MAX_DURATION_SECONDS, `${MAX_DURATION_SECONDS} seconds (100 years)`).default(fallback);
const milliseconds = () => positiveInt(MAX_TIMER_MS, `${MAX_TIMER_MS} milliseconds (about 24.8 days)`);

/**
 * Parses CORS_ORIGINS: a comma-separated list of origins such as
 * `https://crm.example.com` or `http://localhost:3000`, each without a path,
 * query or fragment. A trailing slash is dropped, and the result is each
 * origin as browsers send it in the Origin header (host lower-cased).
 */
const corsOriginsSchema = z
  .string()
  .default('')
  .transform((value, context) => {
    const origins: string[] = [];
    for (const entry of value.split(',').map((origin) => origin.trim()).filter(Boolean)) {
      const origin = parseOrigin(entry);
      if (origin === null) {
        context.addIssue({
          code: 'custom',
          message: `"${entry}" is not an origin. Write the scheme, host and optional port only, such as https://crm.example.com`,
        });
        continue;
      }
      origins.push(origin);
    }
    return origins;
  });

function parseOrigin(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return null;
  // new URL() adds a "/" path to a bare origin, so only "/" itself may follow the host.
  if (entry.replace(/\/$/, '').toLowerCase() !== url.origin.toLowerCase()) return null;
  return url.origin;
}

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DELETE_GUARD_DATA: z.string().min(1).default('./data/delete-guard.json'),
  // A postgres:// URL selects the PostgreSQL store, which several API instances can share.
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://')
    .optional(),
  DELETE_GUARD_SECRET: z.string().min(32, 'must be at least 32 characters (for example 64 hex digits from `openssl rand -hex 32`)').optional(),
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Delete Guard <no-reply@delete-guard.localhost>'),
  // SMTP time limits in milliseconds; unset ones keep the mailer's defaults
  // (DEFAULT_SMTP_TIMEOUTS: 10 s to connect and greet, 15 s of silence, 30 s per send).
  SMTP_CONNECT_TIMEOUT_MS: milliseconds().optional(),
  SMTP_GREETING_TIMEOUT_MS: milliseconds().optional(),
  SMTP_SOCKET_TIMEOUT_MS: milliseconds().optional(),
  SMTP_SEND_TIMEOUT_MS: milliseconds().optional(),
  // Connection pool of SMTP_URL, so a burst of code emails shares a few
  // connections and stays under the relay's rate limit (nodemailer's pool).
  SMTP_POOL_MAX_CONNECTIONS: count(3),
  // At most SMTP_RATE_LIMIT messages per SMTP_RATE_DELTA_MS milliseconds; later ones wait.
  SMTP_RATE_LIMIT: count(10),
  SMTP_RATE_DELTA_MS: milliseconds().default(1000),
  // DKIM signing of every message; all three or none. Checked by loadDkimOptions at startup.
  DKIM_DOMAIN: z.string().optional(),
  DKIM_SELECTOR: z.string().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),
  CRM_URL: z.string().url().optional(),
  OTP_TTL_SECONDS: seconds(3600),
  OTP_MAX_USES: count(50),
  OTP_RESEND_SECONDS: seconds(60),
  OTP_MAX_ATTEMPTS: count(5),
  OTP_ACCOUNT_FAILURES_PER_HOUR: count(20),
  OTP_SENDS_PER_HOUR: count(10),
  OTP_DIGITS: z.coerce.number().int().min(4).max(10).default(6),
  CORS_ORIGINS: corsOriginsSchema,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The API's settings, read once from the environment at startup. */
export type Config = z.output<typeof configSchema>;

/**
 * Reads and validates the configuration. Empty variables count as unset.
 * Throws an Error listing every invalid variable with the reason.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;

  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Failed to start: invalid configuration.\n${lines.join('\n')}\nFix these environment variables and start again.`);
}

/** Configuration for tests: the defaults with any overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides };
}
