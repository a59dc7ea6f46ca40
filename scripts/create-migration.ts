/**
 * `npm run db:migration -- <name>`: authors a Prisma migration without Prisma's native schema-engine binary.
 *
 * `prisma migrate dev` needs a `schema-engine` executable that Prisma downloads from a host unreachable here and on
 * many insurers' intranets. This script drives the official WebAssembly build of the same engine
 * (`@prisma/schema-engine-wasm`, pinned: its API is internal) through a driver adapter, and does what
 * `prisma migrate dev --create-only` does: replay the committed migrations on a throwaway shadow database, diff
 * them against the schema and write `<migrations>/<yyyymmddhhmmss>_<name>/migration.sql` plus
 * `migration_lock.toml`. The output is byte-for-byte what the stock CLI writes, so `prisma migrate deploy` stays
 * usable wherever the binary is available.
 *
 * `--check` (CI) exits 1 when the schema has changes no migration holds; `--help` lists the other options.
 *
 * Providers: the engine adapter is chosen from the schema's datasource `provider`. Only `sqlite` is wired today;
 * a PostgreSQL schema needs an entry in `ENGINE_ADAPTERS` (adapter-pg, its own throwaway shadow database).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as wasmGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine, SchemaFilter, SchemasContainer } from '@prisma/schema-engine-wasm';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };
const LOCKFILE = 'migration_lock.toml';

/** A connection factory the engine can use, plus whatever must be torn down afterwards. */
interface EngineAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  dispose(): Promise<void>;
}

/** Where the engine's "dev" database lives: `url` if given, else a throwaway database under `workDir`. */
interface EngineTarget {
  url?: string;
  workDir: string;
}

/**
 * One entry per datasource provider. By default the "dev" database is a throwaway too: we diff the schema against
 * the committed migrations only, never against a developer's database, so the result is reproducible in CI.
 */
const ENGINE_ADAPTERS: Record<string, (target: EngineTarget) => Promise<EngineAdapter>> = {
  async sqlite({ url, workDir }) {
    const sqlite = new PrismaBetterSqlite3({ url: url ?? `file:${path.join(workDir, 'dev.db')}` });
    // Freeing the engine does not close its connections, and the main one holds an exclusive lock: track them.
    const open = new Set<SqlDriverAdapter>();
    const track = (adapter: SqlDriverAdapter) => {
      const wrapped = withScriptFallback(adapter);
      open.add(wrapped);
      return wrapped;
    };
    const factory: SqlMigrationAwareDriverAdapterFactory = {
      provider: sqlite.provider,
      adapterName: sqlite.adapterName,
      connect: async () => track(await sqlite.connect()),
      // A fresh `:memory:` database per connection: the shadow database is throwaway by construction.
      connectToShadowDb: async () => track(await sqlite.connectToShadowDb()),
    };
    const dispose = async () => {
      for (const adapter of open) await adapter.dispose().catch(() => {});
      open.clear();
    };
    return { factory, dispose };
  },
};

/**
 * The engine replays each migration on the shadow database with one argument-less `executeRaw`, but
 * better-sqlite3 prepares exactly one statement and throws a RangeError for a script. Nothing has run when
 * `prepare` throws, so retrying the same text as a script is safe.
 */
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const wrapped: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: async (query) => {
      try {
        return await adapter.executeRaw(query);
      } catch (error) {
        const script = query.args.length === 0 && error instanceof RangeError;
        if (!script || !/more than one statement|contains no statements/.test(error.message)) throw error;
        await adapter.executeScript(query.sql);
        return 0;
      }
    },
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    dispose: () => adapter.dispose(),
  };
  if (adapter.getConnectionInfo) wrapped.getConnectionInfo = () => adapter.getConnectionInfo!();
  return wrapped;
}

let engineModule: Promise<typeof wasmGlue> | undefined;

/**
 * Instantiates the WebAssembly module, once per process: the glue keeps the instance in a module variable, so a
 * second instantiation would pull the memory from under live engines. (The package's own entry point uses a wasm
 * ESM import that Node does not support.)
 */
function loadEngineModule(): Promise<typeof wasmGlue> {
  engineModule ??= instantiateEngineModule();
  return engineModule;
}

async function instantiateEngineModule(): Promise<typeof wasmGlue> {
  const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmGlue });
  wasmGlue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return wasmGlue;
}

/** Reads a schema file, or every `.prisma` file of a multi-file schema folder, as [path, content] pairs. */
async function readSchemaFiles(schemaPath: string): Promise<[string, string][]> {
  const files = (await stat(schemaPath)).isDirectory()
    ? (await readdir(schemaPath, { recursive: true }))
        .filter((f) => f.endsWith('.prisma'))
        .sort()
        .map((f) => path.join(schemaPath, f))
    : [schemaPath];
  return Promise.all(files.map(async (f): Promise<[string, string]> => [f, await readFile(f, 'utf8')]));
}

function datasourceProvider(files: [string, string][]): string {
  for (const [, text] of files) {
    const match = /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"([^"]+)"/.exec(text);
    if (match) return match[1];
  }
  throw new Error('No datasource block with a provider found in the Prisma schema');
}

/** The same listing the Prisma CLI hands to the engine: every sub-folder, sorted, with its migration.sql. */
export async function readMigrationsList(baseDir: string): Promise<MigrationList> {
  const lockContent = await readFile(path.join(baseDir, LOCKFILE), 'utf8').catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => ({
      path: dir,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(baseDir, dir, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        ),
      },
    })),
  );
  return { baseDir, lockfile: { path: LOCKFILE, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}

/**
 * Folder-safe migration name, as `prisma migrate dev --name` makes it (it slugifies with "_" and keeps 200
 * characters): "Add callbackSurvey!" -> "add_callback_survey".
 */
function slugifyMigrationName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .substring(0, 200);
}

function lockfileText(provider: string): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}

/** A live schema engine over a driver adapter; `close` frees it and removes its throwaway databases. */
export interface SchemaEngineSession {
  engine: SchemaEngine;
  provider: string;
  /** The schema as the engine's methods take it. */
  schema: SchemasContainer;
  /** Turns an engine error into one readable line (driver message and migration name restored). */
  explain(error: unknown): string;
  /** Frees the engine, which holds SQLite's exclusive locking mode until then. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the WebAssembly schema engine for a schema file or folder. The adapter follows the schema's datasource
 * provider; `databaseUrl` points the engine at an existing database instead of a throwaway one (tests use it to
 * prove our migration history is the engine's).
 */
export async function openSchemaEngine(opts: {
  schemaPath: string;
  databaseUrl?: string;
  verbose?: boolean;
}): Promise<SchemaEngineSession> {
  const schemaFiles = await readSchemaFiles(opts.schemaPath);
  const provider = datasourceProvider(schemaFiles);
  const makeAdapter = ENGINE_ADAPTERS[provider];
  if (!makeAdapter) throw new Error(`create-migration: provider "${provider}" is not wired yet (see ENGINE_ADAPTERS)`);
  const glue = await loadEngineModule();
  const workDir = await mkdtemp(path.join(tmpdir(), 'anxin-migrate-'));
  const adapter = await makeAdapter({ url: opts.databaseUrl, workDir });
  const bound = bindMigrationAwareSqlAdapterFactory(adapter.factory);
  const log = (line: string) => {
    if (opts.verbose) process.stderr.write(`[schema-engine] ${line.trim()}\n`);
  };
  const close = async () => {
    await adapter.dispose();
    await rm(workDir, { recursive: true, force: true });
  };
  let engine: SchemaEngine;
  let closed = false;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: schemaFiles }, log, bound);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    engine,
    provider,
    schema: { files: schemaFiles.map(([file, content]) => ({ path: file, content })) },
    explain: (error) => explain(error, bound.errorRegistry),
    close: async () => {
      if (closed) return;
      closed = true;
      engine.free();
      await close();
    },
  };
}

interface Options {
  check?: boolean;
  draft?: boolean;
  schema: string;
  migrations?: string;
  verbose?: boolean;
}

async function run(name: string | undefined, opts: Options): Promise<number> {
  const slug = name === undefined ? '' : slugifyMigrationName(name);
  if (!opts.check && !slug) {
    console.error('Usage: npm run db:migration -- <name>   (or --check); the name needs latin letters or digits');
    return 2;
  }
  const schemaPath = path.resolve(opts.schema);
  const baseDir = path.resolve(opts.migrations ?? path.join(path.dirname(schemaPath), 'migrations'));
  let session: SchemaEngineSession | undefined;
  try {
    session = await openSchemaEngine({ schemaPath, verbose: opts.verbose });
    const { engine, schema } = session;
    const migrationsList = await readMigrationsList(baseDir);
    // Order matters: applying first connects the (empty) dev database — devDiagnostic on a fresh one fails with
    // P1014 — and createMigration only finds the shadow-database factory after devDiagnostic has run.
    await engine.applyMigrations({ migrationsList, filters: FILTERS });
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: FILTERS });
    if (diagnostic.action.tag === 'reset') {
      console.error(`The committed migrations are inconsistent: ${diagnostic.action.reason}`);
      return 1;
    }
    const created = await engine.createMigration({
      draft: Boolean(opts.draft) && !opts.check,
      migrationName: slug || 'check',
      migrationsList,
      schema,
      filters: FILTERS,
    });
    const where = path.relative(process.cwd(), baseDir) || '.';
    if (created.migrationScript === null) {
      console.log(`No schema changes: ${where} is in sync with ${path.relative(process.cwd(), schemaPath)}.`);
      return 0;
    }
    if (opts.check) {
      console.error(`Schema drift: ${path.relative(process.cwd(), schemaPath)} has changes that no migration in ` +
        `${where} contains. Create one with: npm run db:migration -- <name>\n\nMissing SQL:\n${created.migrationScript}`);
      return 1;
    }
    const loss = await engine.evaluateDataLoss({ migrationsList, schema, filters: FILTERS });
    for (const w of [...loss.unexecutableSteps, ...loss.warnings]) console.warn(`warning: ${w.message}`);

    const dir = path.join(baseDir, created.generatedMigrationName);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `migration.${created.extension}`), created.migrationScript, 'utf8');
    await writeFile(path.join(baseDir, LOCKFILE), lockfileText(created.connectorType), 'utf8');
    console.log(`Created ${path.relative(process.cwd(), dir)}/migration.${created.extension}`);
    return 0;
  } catch (error) {
    if (opts.verbose) console.error(error);
    console.error(`create-migration failed: ${session ? session.explain(error) : (error as Error).message}`);
    return 1;
  } finally {
    await session?.close();
  }
}

/** Engine errors name driver failures only as "External error id#N"; put the driver's own message back. */
function explain(error: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }): string {
  const err = error as { code?: string; message?: string };
  let message = err.message ?? String(error);
  message = message.replace(/External error id#(\d+)/g, (text, id: string) => {
    const inner = registry.consumeError(Number(id))?.error as { message?: string; cause?: unknown } | undefined;
    if (!inner) return text;
    const cause = inner.cause as { originalMessage?: string; kind?: string } | undefined;
    return cause?.originalMessage ?? inner.message ?? cause?.kind ?? text;
  });
  // The Rust span trace ("   0: sql_schema_connector::...") is noise, except for the migration it names.
  const [head, trace = ''] = message.split(/\n\s+0: /);
  message = head.trim();
  const migration = /migration_name="([^"]+)"/.exec(trace)?.[1];
  if (migration && !message.includes(migration)) message += ` (in migration ${migration})`;
  return err.code ? `${err.code} ${message}` : message;
}

const program = new Command('create-migration')
  .description('Create a Prisma migration from the schema without the native schema-engine binary')
  .argument('[name]', 'migration name, e.g. add_callbacks')
  .option('--check', 'exit 1 if the schema has changes not yet in a migration; write nothing')
  .option('--draft', 'write the migration even if it is empty (for hand-written SQL)')
  .option('--schema <path>', 'Prisma schema file or folder', path.join(ROOT, 'prisma', 'schema.prisma'))
  .option('--migrations <dir>', 'migrations folder (default: "migrations" next to the schema)')
  .option('--verbose', "print the schema engine's log")
  .action(async (name: string | undefined, opts: Options) => {
    process.exitCode = await run(name, opts);
  });

// Runs only as a script, so tests can import openSchemaEngine without starting the CLI.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await program.parseAsync();
