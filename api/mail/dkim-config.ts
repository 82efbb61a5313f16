import { readFileSync } from 'node:fs';
import type { DKIMOptions } from 'nodemailer';
import { z } from 'zod';
import { parseDkimPrivateKey } from './dkim-key.ts';
import { domainOf, parseFromAddress } from './from-address.ts';

// RFC 1035 host names: labels of letters, digits and inner hyphens, at least two labels.
const DOMAIN_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
// RFC 6376 selectors are one or more dot-separated labels of the same form.
const SELECTOR_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

const dkimEnvSchema = z.object({
  DKIM_DOMAIN: z
    .string()
    .transform((value) => value.trim().toLowerCase().replace(/\.$/, ''))
    .refine((value) => DOMAIN_PATTERN.test(value), 'must be a domain name such as example.com')
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => SELECTOR_PATTERN.test(value), 'must be letters, digits, hyphens and dots, such as mail2026')
    .optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),
});

const DKIM_VARIABLES = ['DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY_FILE'] as const;

/**
 * Reads DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE and returns the
 * nodemailer DKIM options for {@link createSmtpMailer}, or null when none of
 * them is set. Empty variables count as unset.
 *
 * Throws an Error listing every problem. Problems are: only some variables
 * set, an invalid value, a key file that cannot be read or is not an RSA key
 * of at least 2048 bits, and a DKIM_DOMAIN that is neither the domain of
 * `fromAddress` (the MAIL_FROM value) nor a parent of it. DMARC passes on DKIM
 * only when the signing domain aligns with the From domain, so an unaligned
 * key would sign every message without helping it reach the inbox.
 */
export function loadDkimOptions(env: Record<string, string | undefined>, fromAddress: string): DKIMOptions | null {
  const present = Object.fromEntries(
    DKIM_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '').map((name) => [name, env[name]]),
  );
  if (Object.keys(present).length === 0) return null;

  const parsed = dkimEnvSchema.safeParse(present);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  for (const name of DKIM_VARIABLES) {
    if (!(name in present)) problems.push(`${name}: missing; set all three DKIM variables or none`);
  }
  if (!parsed.success || problems.length > 0) throw invalidDkimSettings(problems);

  const domainName = parsed.data.DKIM_DOMAIN!;
  const keySelector = parsed.data.DKIM_SELECTOR!;
  const keyFile = parsed.data.DKIM_PRIVATE_KEY_FILE!;

  const fromDomain = domainOf(parseFromAddress(fromAddress).address);
  // NOTE: a public suffix such as co.uk passes this parent check. DMARC
  // alignment compares organizational domains, so such a key still fails there.
  if (fromDomain !== domainName && !fromDomain.endsWith(`.${domainName}`)) {
    throw invalidDkimSettings([
      `DKIM_DOMAIN: "${domainName}" does not align with the MAIL_FROM domain "${fromDomain}". ` +
        `Use "${fromDomain}" or one of its parent domains, so DMARC can pass on the signature.`,
    ]);
  }

  const privateKey = readKeyFile(keyFile);
  try {
    parseDkimPrivateKey(privateKey, `DKIM_PRIVATE_KEY_FILE "${keyFile}"`);
  } catch (error) {
    throw invalidDkimSettings([(error as Error).message]);
  }
  return { domainName, keySelector, privateKey };
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw invalidDkimSettings([`DKIM_PRIVATE_KEY_FILE: cannot read "${path}" (${reason})`]);
  }
}

function invalidDkimSettings(problems: string[]): Error {
  const lines = problems.map((problem) => `  ${problem}`);
  return new Error(`Failed to start: invalid DKIM settings.\n${lines.join('\n')}\nFix these environment variables and start again.`);
}
