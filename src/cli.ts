#!/usr/bin/env node
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { ConfigError } from './config/load.ts';

/**
 * The `anxin` command. Each file in src/cli/ registers its own sub-commands:
 * `export function register(program: Command): void`.
 */
export async function buildProgram(): Promise<Command> {
  const program = new Command('anxin')
    .description('Anxin (安心) — customer-service bot for insurers')
    .showHelpAfterError()
    .exitOverride();
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.startsWith('_')).sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { register?: (p: Command) => void };
    mod.register?.(program);
  }
  return program;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const program = await buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (e.code?.startsWith('commander.')) process.exit(e.exitCode ?? 1);
    if (err instanceof ConfigError) console.error(err.message);
    else console.error(`anxin: ${e.message ?? String(err)}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
