import { randomInt } from 'node:crypto';
import { Prisma } from '../../generated/sqlite/client.ts';
import type { Db } from '../../db/client.ts';
import { shanghaiDate } from '../calendar/shanghai-time.ts';
import { formatRef } from '../numbers.ts';
import { AnxinError } from '../../core/errors.ts';

const ATTEMPTS = 8;

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/**
 * Runs `create(number)` with a fresh report number (BA + Shanghai date + 6 digits). The first try uses today's
 * count + 1 (readable, sequential); when two reports race for it the unique index rejects one, which retries
 * with a random sequence number.
 * @throws AnxinError `claim_number_exhausted` when every attempt collides (a full day of numbers)
 */
export async function withClaimNumber<T>(db: Db, now: Date, create: (number: string) => Promise<T>): Promise<T> {
  const day = shanghaiDate(now);
  const prefix = formatRef('BA', day, 0).slice(0, 10);
  const today = await db.claim.count({ where: { number: { startsWith: prefix } } });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const seq = attempt === 0 ? today + 1 : randomInt(1, 1_000_000);
    try {
      return await create(formatRef('BA', day, seq));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new AnxinError('claim_number_exhausted', `could not allocate a claim report number for ${day}`);
}
