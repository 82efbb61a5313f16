import { randomBytes } from 'node:crypto';

/** Creates a random record id such as "code_3q2Ck…"; the prefix names the record kind. */
export function createId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
