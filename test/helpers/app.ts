import { buildApp, type AnxinApp, type BuildAppOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/core/logger.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createTestDb } from '../../src/db/test-db.ts';
import { sharedServices } from './services.ts';

export type TestApp = AnxinApp & { dbUrl: string; cleanup: () => Promise<void> };

/** A full app over a real, migrated SQLite file in a temp dir; `cleanup` closes and removes it. */
export async function createTestApp(opts: Partial<BuildAppOptions> & { env?: Record<string, string> } = {}): Promise<TestApp> {
  const tdb = await createTestDb();
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...(opts.env ?? {}) });
  const app = await buildApp({ db: tdb.db, config, logger: createLogger('silent'), services: await sharedServices(), ...opts });
  return Object.assign(app, {
    dbUrl: tdb.url,
    cleanup: async () => {
      await app.close();
      await tdb.cleanup();
    },
  });
}

/**
 * A second app over the same database file — a restart. Close the returned app with `close()` and
 * `db.$disconnect()`; the first app's cleanup removes the file.
 */
export async function restartApp(first: TestApp, opts: Partial<BuildAppOptions> & { env?: Record<string, string> } = {}): Promise<AnxinApp> {
  const db = await openDatabase(first.dbUrl);
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...(opts.env ?? {}) });
  return buildApp({ db, config, logger: createLogger('silent'), services: await sharedServices(), clock: first.clock, ...opts });
}
