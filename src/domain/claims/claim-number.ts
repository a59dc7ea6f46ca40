import type { Db } from '../../db/client.ts';
import { createWithReference } from '../reference-numbers.ts';

/**
 * Runs `create(number)` with a fresh claim report number (BA + Shanghai date + 6 digits), allocated like every
 * other reference number (see reference-numbers.ts).
 * @throws AnxinError `reference_exhausted` when every attempt collides
 */
export async function withClaimNumber<T>(db: Db, now: Date, create: (number: string) => Promise<T>): Promise<T> {
  return createWithReference('BA', now, (prefix) => db.claim.count({ where: { number: { startsWith: prefix } } }), create);
}
