import { databaseInfo, type Db } from '../../db/client.ts';
import { createPrismaTurnStore } from './prisma-turn-store.ts';
import { createSqliteTurnStore } from './sqlite-turn-store.ts';
import type { TurnStore } from './turn-store.ts';

export type { TurnStore } from './turn-store.ts';

const stores = new WeakMap<Db, TurnStore>();

/**
 * The turn store for a database handle, picked by its URL: prepared statements on Prisma's own connection for an
 * embedded SQLite file opened by `openDatabase`, Prisma's client for anything else. One store per handle.
 */
export function turnStoreFor(db: Db): TurnStore {
  let store = stores.get(db);
  if (!store) {
    const info = databaseInfo(db);
    // No live connection right after openDatabase means the driver's handle is out of reach: use Prisma.
    const sqlite = info?.url.startsWith('file:') && info.sqlite?.() ? info.sqlite : undefined;
    store = sqlite ? createSqliteTurnStore({ connection: sqlite, connect: () => db.$connect() }) : createPrismaTurnStore(db);
    stores.set(db, store);
  }
  return store;
}
