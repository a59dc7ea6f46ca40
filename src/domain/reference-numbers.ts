import { Prisma } from '../generated/sqlite/client.ts';
import { AnxinError } from '../core/errors.ts';
import { shanghaiDate } from './calendar/shanghai-time.ts';
import { formatRef, type RefPrefix } from './numbers.ts';

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/** Attempts before giving up on a free number (each retry jumps ahead by a random step). */
const ATTEMPTS = 8;

/**
 * Creates a row under a new reference number (`BA`/`TS`/`BQ`/`JB` + Shanghai date + 6 digits): the sequence is the
 * count of today's numbers + 1; when two requests race for it the unique index rejects one, which retries with a
 * random jump ahead. `create` must insert the row with the number it is given.
 */
export async function createWithReference<T>(
  prefix: RefPrefix,
  now: Date,
  countWithPrefix: (numberPrefix: string) => Promise<number>,
  create: (number: string) => Promise<T>,
): Promise<T> {
  const date = shanghaiDate(now);
  const base = await countWithPrefix(`${prefix}${date.replace(/-/g, '')}`);
  let seq = base + 1;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      return await create(formatRef(prefix, date, seq));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      seq += 1 + Math.floor(Math.random() * 97);
    }
  }
  throw new AnxinError('reference_exhausted', `Could not find a free ${prefix} number for ${date}`);
}
