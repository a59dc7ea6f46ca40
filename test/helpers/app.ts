import { buildApp, type AnxinApp, type BuildAppOptions } from '../../src/app.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createTestDb } from '../../src/db/test-db.ts';

/** A full app over a real, migrated SQLite file in a temp dir; `cleanup` closes and removes it. */
export async function createTestApp(opts: Partial<BuildAppOptions> & { env?: Record<string, string> } = {}): Promise<AnxinApp & { cleanup: () => Promise<void> }> {
  const tdb = await createTestDb();
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...(opts.env ?? {}) });
  const app = await buildApp({ db: tdb.db, config, logger: createLogger('silent'), ...opts });
  return Object.assign(app, {
    cleanup: async () => {
      await app.close();
      await tdb.cleanup();
    },
  });
}
