import { createHash, randomBytes } from 'node:crypto';

const API_KEY_PREFIX = 'dg_live_';
// A distinct prefix lets a person tell a support key from an account key at a glance.
const SUPPORT_KEY_PREFIX = 'dg_support_';

/** Creates a new API key: the prefix and 192 random bits in base64url. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(24).toString('base64url');
}

/** Creates a new support key: its own prefix and 192 random bits in base64url. */
export function generateSupportKey(): string {
  return SUPPORT_KEY_PREFIX + randomBytes(24).toString('base64url');
}

/**
 * Computes the stored form of an API key. Plain SHA-256 is enough because the
 * key carries 192 random bits, and unlike an HMAC it lets the accounts CLI
 * create keys without the server secret.
 */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}
