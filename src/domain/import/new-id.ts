import { randomBytes } from 'node:crypto';

let counter = 0;
// One syscall per 4,096 ids instead of one per id.
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * A collision-resistant id in the shape of Prisma's `cuid()` (c + time + counter + randomness, 25 characters), for
 * rows written with raw SQL, where Prisma's client-side `@default(cuid())` does not run.
 */
export function newId(now = Date.now()): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  if (offset + 8 > pool.length) {
    pool = randomBytes(8 * 4096);
    offset = 0;
  }
  const rand = pool.readBigUInt64BE(offset).toString(36).padStart(13, '0').slice(-12);
  offset += 8;
  return `c${now.toString(36).padStart(8, '0').slice(-8)}${counter.toString(36).padStart(4, '0')}${rand}`;
}
