import { z } from 'zod';

/** Port of the stand-in CRM when CRM_PORT is unset. */
export const DEFAULT_CRM_PORT = 8788;

const scriptEnvSchema = z.object({
  CRM_PORT: z.coerce
    .number({ error: 'must be a port number from 0 to 65535' })
    .int('must be a whole port number from 0 to 65535')
    .min(0, 'must be a port number from 0 to 65535')
    .max(65_535, 'must be a port number from 0 to 65535')
    .default(DEFAULT_CRM_PORT),
});

/** Settings that `npm start` and `npm run browser` read on top of the API's. */
export type ScriptEnv = z.output<typeof scriptEnvSchema>;

/**
 * Reads and validates the settings of the start scripts. Empty variables
 * count as unset. Throws an Error naming each invalid variable and its value.
 */
export function loadScriptEnv(env: Record<string, string | undefined> = process.env): ScriptEnv {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = scriptEnvSchema.safeParse({ CRM_PORT: present.CRM_PORT });
  if (result.success) return result.data;

  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return `  ${name}: ${issue.message} (got ${JSON.stringify(present[name])})`;
  });
  throw new Error(`Failed to start: invalid configuration.\n${lines.join('\n')}\nFix these environment variables and start again.`);
}
