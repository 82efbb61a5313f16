import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** Produces a one-time code of `digits` decimal digits. */
export type CodeGenerator = (digits: number) => string;

/** Draws each digit from the CSPRNG, so leading zeros are as likely as any digit. */
export const generateCode: CodeGenerator = (digits) => {
  let code = '';
  for (let index = 0; index < digits; index += 1) code += String(randomInt(0, 10));
  return code;
};

/**
 * Computes the stored form of a code: HMAC-SHA256 under the server secret over
 * the code id and the code. Binding the id means equal codes hash differently.
 */
export function hashCode(secret: string, codeId: string, code: string): string {
  return createHmac('sha256', secret).update(`${codeId}:${code}`).digest('hex');
}

/** Checks a typed code against a stored hash in constant time. */
export function verifyCode(secret: string, codeId: string, typed: string, storedHash: string): boolean {
  const typedHash = Buffer.from(hashCode(secret, codeId, typed), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === typedHash.length && timingSafeEqual(typedHash, stored);
}
