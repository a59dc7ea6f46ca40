import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load.ts';
import { fixedClock } from '../../../src/core/clock.ts';
import { AnxinEvents } from '../../../src/core/events.ts';
import { createLogger } from '../../../src/core/logger.ts';
import { createTestDb } from '../../../src/db/test-db.ts';

/** Real database + attachment folder + controllable clock for claims domain tests. */
export async function claimDeps() {
  const tdb = await createTestDb();
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-claims-'));
  const clock = fixedClock('2026-11-30T02:00:00Z');
  const events = new AnxinEvents();
  const deps = { db: tdb.db, clock, events, logger: createLogger('silent'), config: loadConfig({ LOG_LEVEL: 'silent', ANXIN_ATTACHMENT_DIR: dir }) };
  return {
    ...deps,
    dir,
    cleanup: async () => {
      await tdb.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
