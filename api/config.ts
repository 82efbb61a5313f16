import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

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
  SMTP_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  SMTP_GREETING_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  SMTP_SOCKET_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  SMTP_SEND_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  // Connection pool of SMTP_URL, so a burst of code emails shares a few
  // connections and stays under the relay's rate limit (nodemailer's pool).
  SMTP_POOL_MAX_CONNECTIONS: positiveInt(3),
  // At most SMTP_RATE_LIMIT messages per SMTP_RATE_DELTA_MS milliseconds; later ones wait.
  SMTP_RATE_LIMIT: positiveInt(10),
  SMTP_RATE_DELTA_MS: positiveInt(1000),
  // DKIM signing of every message; all three or none. Checked by loadDkimOptions at startup.
  DKIM_DOMAIN: z.string().optional(),
  DKIM_SELECTOR: z.string().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),
  CRM_URL: z.string().url().optional(),
  OTP_TTL_SECONDS: positiveInt(3600),
  OTP_MAX_USES: positiveInt(50),
  OTP_RESEND_SECONDS: positiveInt(60),
  OTP_MAX_ATTEMPTS: positiveInt(5),
  OTP_ACCOUNT_FAILURES_PER_HOUR: positiveInt(20),
  OTP_SENDS_PER_HOUR: positiveInt(10),
  OTP_DIGITS: z.coerce.number().int().min(4).max(10).default(6),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
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
