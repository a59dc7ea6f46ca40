/**
 * One SQLite file per conversation, already holding the demo data set seeded at the conversation's clock.
 *
 * Seeding the demo set takes about a second; copying a file a few milliseconds. So the set is seeded once into a
 * template per (clock, seed code, migrations) and every conversation gets a copy of its own: no conversation can
 * see another's records. Templates live in the system temp folder keyed on that content, so parallel test
 * processes share them (built under a scratch name and renamed atomically) and a changed seed gets a new one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo } from '../../../prisma/seed/index.ts';
import { openDatabase, type Db } from '../../db/client.ts';
import { DEFAULT_MIGRATIONS_DIR } from '../../db/migrate.ts';
import { createTestDb } from '../../db/test-db.ts';

/** A memory-backed folder when the system has one (Linux): a conversation's database never needs to reach a disk. */
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const TEMPLATES = path.join(SCRATCH, 'anxin-eval-templates');
/** Bump when what a template holds changes in a way the key does not see. */
const FORMAT = '1';
const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prisma/seed');

/** Hash of every file in a folder tree (names and contents). */
function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    hash.update(`\0${e.name}\0`);
    if (e.isDirectory()) hashTree(hash, p);
    else hash.update(readFileSync(p));
  }
}

let codeKey: string | undefined;
const templateKey = (now: string, secret: string) => {
  if (!codeKey) {
    const h = createHash('sha256').update(FORMAT);
    hashTree(h, SEED_DIR);
    hashTree(h, DEFAULT_MIGRATIONS_DIR);
    codeKey = h.digest('hex');
  }
  return createHash('sha256').update(`${codeKey}\0${new Date(now).toISOString()}\0${secret}`).digest('hex').slice(0, 24);
};

const STALE_MS = 24 * 3600 * 1000;

/** Templates of other clocks or older seed code, untouched for a day, go (best effort: another run may share them). */
async function pruneStale(current: string): Promise<void> {
  for (const name of await readdir(TEMPLATES).catch(() => [])) {
    const file = path.join(TEMPLATES, name);
    if (file === current) continue;
    const info = await stat(file).catch(() => undefined);
    if (info && Date.now() - Math.max(info.atimeMs, info.mtimeMs) > STALE_MS) await rm(file, { force: true }).catch(() => {});
  }
}

const building = new Map<string, Promise<string>>();

/** The path of a seeded template for this clock, building it on first use. */
export function demoTemplate(now: string, secret: string): Promise<string> {
  const file = path.join(TEMPLATES, `${templateKey(now, secret)}.db`);
  let p = building.get(file);
  if (!p) {
    p = (async () => {
      if (existsSync(file)) return file;
      await mkdir(TEMPLATES, { recursive: true });
      const tdb = await createTestDb();
      try {
        await seedDemo(tdb.db, { secret, now: new Date(now) });
        // Back to a single self-contained file before copying it anywhere.
        await tdb.db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
        await tdb.db.$queryRawUnsafe('PRAGMA journal_mode = DELETE');
        await tdb.db.$disconnect();
        const scratch = `${file}.${randomUUID()}.tmp`;
        await copyFile(tdb.file, scratch);
        await rename(scratch, file);
      } finally {
        await tdb.cleanup();
      }
      await pruneStale(file);
      return file;
    })();
    p.catch(() => building.delete(file));
    building.set(file, p);
  }
  return p;
}

/** A private copy of the demo database in a temp folder of its own (which also holds the conversation's uploads). */
export interface DemoDb {
  db: Db;
  dir: string;
  cleanup(): Promise<void>;
}

export async function demoDatabase(now: string, secret: string): Promise<DemoDb> {
  const template = await demoTemplate(now, secret);
  const dir = await mkdtemp(path.join(SCRATCH, 'anxin-eval-'));
  const file = path.join(dir, 'eval.db');
  let db: Db;
  try {
    await copyFile(template, file);
    db = await openDatabase(`file:${file}`);
    // Thrown away after the conversation: durability buys nothing here.
    await db.$queryRawUnsafe('PRAGMA synchronous = OFF');
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  let closed = false;
  return {
    db,
    dir,
    async cleanup() {
      if (closed) return;
      closed = true;
      await db.$disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
