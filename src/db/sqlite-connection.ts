/**
 * The Prisma driver-adapter factory for the embedded SQLite database, with two additions over the stock
 * `PrismaBetterSqlite3`: compiled statements are cached (see statement-cache.ts), and the live better-sqlite3
 * connection is made available, so hot paths can run their own prepared statements on the very connection Prisma
 * uses (one writer, no lock waits between two connections of the same process).
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type Database from 'better-sqlite3';
import { withStatementCache } from './statement-cache.ts';

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;

/** A factory Prisma accepts as `adapter`; `connection()` is the open better-sqlite3 handle, if connected. */
export class CachingSqliteAdapterFactory {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  private readonly inner: PrismaBetterSqlite3;
  private live: Database.Database | undefined;

  /**
   * @param pragmas run on every new connection (`synchronous` and `foreign_keys` are per connection in SQLite, so a
   *   reconnect after `$disconnect()` must set them again).
   */
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSqlite3>[0],
    private readonly pragmas: string[] = [],
  ) {
    this.inner = new PrismaBetterSqlite3(config);
    this.adapterName = this.inner.adapterName;
  }

  /** The connection Prisma currently uses; undefined before the first query and after `$disconnect()`. */
  connection(): Database.Database | undefined {
    return this.live?.open ? this.live : undefined;
  }

  async connect(): Promise<Adapter> {
    const adapter = await this.inner.connect();
    // The stock adapter keeps its handle in a public `client` field; if a future version does not, we simply run
    // without the cache and without a shared connection.
    const holder = adapter as unknown as { client?: Database.Database };
    const raw = holder.client;
    if (!raw || typeof raw.prepare !== 'function') return adapter;
    for (const p of this.pragmas) raw.pragma(p);
    holder.client = withStatementCache(raw);
    this.live = raw;
    return adapter;
  }

  connectToShadowDb(): Promise<Adapter> {
    return this.inner.connectToShadowDb();
  }
}
