import { randomFillSync } from 'node:crypto';

const ID_BYTES = 12;
// One CSPRNG call fills the pool for 256 ids. A call per id (randomBytes)
// took about 2 % of the API's CPU profile samples under `npm run bench:api`,
// because every request gets an id. No byte is handed out twice.
const pool = Buffer.alloc(ID_BYTES * 256);
let poolOffset = pool.length;

/** Creates a random record id such as "code_3q2Ck…"; the prefix names the record kind. */
export function createId(prefix: string): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const id = pool.toString('base64url', poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  return `${prefix}_${id}`;
}
