import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma', 'migrations');
export const SCHEMA_PATH = path.join(ROOT, 'prisma', 'schema.prisma');

/** Names of the committed migration folders, in apply order. */
export function committedMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** A temp folder removed by the returned `remove`. */
export function tempDir(prefix = 'anxin-db-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the committed migrations (or an empty folder) that a test may edit, plus extra migrations. */
export function migrationsCopy(dir: string, opts: { committed?: boolean; extra?: Record<string, string> } = {}): string {
  const target = path.join(dir, 'migrations');
  if (opts.committed ?? true) cpSync(MIGRATIONS_DIR, target, { recursive: true });
  else mkdirSync(target, { recursive: true });
  for (const [name, sql] of Object.entries(opts.extra ?? {})) {
    mkdirSync(path.join(target, name), { recursive: true });
    writeFileSync(path.join(target, name, 'migration.sql'), sql);
  }
  return target;
}
