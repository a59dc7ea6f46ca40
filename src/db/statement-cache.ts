/**
 * A prepared-statement cache for the better-sqlite3 connection Prisma's driver adapter uses.
 *
 * Why: `@prisma/adapter-better-sqlite3` calls `client.prepare(sql)` for every query; compiling the same few dozen
 * statements again on each call cost ~11 % of a chat turn. Prisma's SQL is parameterised, so the text repeats and
 * the compiled statement can be reused. better-sqlite3 lets a statement be bound once only (`bind()` fixes its
 * parameters for good), so the cache hands out a light facade whose `bind(args)` remembers the arguments and passes
 * them on each run instead.
 */
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[], unknown>;

/** The subset of a better-sqlite3 statement the Prisma adapter uses (also with arguments bound up front). */
export interface StatementFacade {
  readonly reader: boolean;
  bind(args: unknown[]): StatementFacade;
  run(...args: unknown[]): Database.RunResult;
  get(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown[];
  columns(): Database.ColumnDefinition[];
  raw(on?: boolean): StatementFacade;
}

/** Most distinct statements kept; beyond it the least recently used one is dropped (Prisma's `IN (...)` varies). */
export const STATEMENT_CACHE_SIZE = 500;

/** A facade over one compiled statement: `bound` are the arguments given to `bind`, `rawMode` the row shape. */
class CachedStatement implements StatementFacade {
  constructor(
    private readonly stmt: Statement,
    private readonly bound: unknown[] | undefined,
    private readonly rawMode: boolean,
  ) {}
  get reader(): boolean {
    return this.stmt.reader;
  }
  bind(args: unknown[]): StatementFacade {
    if (this.bound) throw new TypeError('The bind() method can only be invoked once per statement object');
    return new CachedStatement(this.stmt, args, this.rawMode);
  }
  run(...args: unknown[]): Database.RunResult {
    return this.stmt.run(...(this.bound ?? args));
  }
  // The raw flag lives on the shared statement: set it on every read so one caller's choice never leaks to another.
  get(...args: unknown[]): unknown {
    return this.shaped().get(...(this.bound ?? args));
  }
  all(...args: unknown[]): unknown[] {
    return this.shaped().all(...(this.bound ?? args));
  }
  private shaped(): Statement {
    return this.stmt.reader ? this.stmt.raw(this.rawMode) : this.stmt;
  }
  columns(): Database.ColumnDefinition[] {
    return this.stmt.columns();
  }
  raw(on = true): StatementFacade {
    return new CachedStatement(this.stmt, this.bound, on);
  }
}

/**
 * Wraps a connection so that `prepare(sql)` is served from an LRU cache of compiled statements; every other member
 * (exec, close, pragma, transactions, ...) is the connection's own.
 */
export function withStatementCache(db: Database.Database, size = STATEMENT_CACHE_SIZE): Database.Database {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): StatementFacade => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = db.prepare(sql);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, stmt);
    return new CachedStatement(stmt, undefined, false);
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
