import { randomFillSync } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Ids in the format of Prisma's `@default(cuid())` (cuid version 1): `c`, a base-36 millisecond timestamp, a
 * per-process counter, a host/process fingerprint and random digits — 25 characters that sort roughly by creation
 * time, like the ids Prisma writes for the same tables.
 */
const BASE = 36;
const BLOCK = 4;
const BLOCK_MAX = BASE ** BLOCK;

const pad = (n: number, width: number) => n.toString(BASE).padStart(width, '0').slice(-width);

function fingerprint(): string {
  const host = hostname();
  let sum = host.length + BASE;
  for (const ch of host) sum += ch.charCodeAt(0);
  return pad(process.pid, 2) + pad(sum, 2);
}

const FINGERPRINT = fingerprint();
let counter = Math.floor(Math.random() * BLOCK_MAX);
// Random words drawn in bulk: one call into the CSPRNG per 128 ids instead of one per id.
const pool = new Uint32Array(256);
let next = pool.length;

function randomBlock(): string {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pad(pool[next++] % BLOCK_MAX, BLOCK);
}

/** A new collision-resistant id, compatible with the ids Prisma generates for `@default(cuid())`. */
export function cuid(): string {
  counter = (counter + 1) % BLOCK_MAX;
  return `c${pad(Date.now(), 8)}${pad(counter, BLOCK)}${FINGERPRINT}${randomBlock()}${randomBlock()}`;
}
