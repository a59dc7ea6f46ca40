import { randomBytes } from 'node:crypto';

let counter = 0;

/**
 * A collision-resistant id in the shape of Prisma's `cuid()` (c + time + counter + randomness, 25 characters), for
 * rows written with raw SQL, where Prisma's client-side `@default(cuid())` does not run.
 */
export function newId(now = Date.now()): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const rand = randomBytes(8).readBigUInt64BE().toString(36).padStart(13, '0').slice(-12);
  return `c${now.toString(36).padStart(8, '0').slice(-8)}${counter.toString(36).padStart(4, '0')}${rand}`;
}
