/**
 * `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints their figures.
 * Each file exports `name` and `run(): Promise<Array<{ metric: string; value: string; target?: string; ok?: boolean }>>`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Figure {
  metric: string;
  value: string;
  target?: string;
  ok?: boolean;
}

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter((a) => a !== '--in-process');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let misses = 0;
if (files.length > 1 && !process.argv.includes('--in-process')) {
  // Each suite runs in its own process so one suite's heap and JIT state never skew another's figures.
  for (const f of files) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), f, '--in-process'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    const out = r.stdout.replace(/\nbench: .*\n?$/, '\n');
    process.stdout.write(out);
    misses += (out.match(/ MISS$/gm) ?? []).length + (r.status === 0 ? 0 : 1);
  }
  console.log(`\nbench: ${files.length} suites, ${misses} target(s) missed`);
  process.exit(0);
}
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { name: string; run: () => Promise<Figure[]> };
  console.log(`\n== ${mod.name} (${f})`);
  const figures = await mod.run();
  for (const fig of figures) {
    const mark = fig.ok === undefined ? '' : fig.ok ? '  OK' : '  MISS';
    if (fig.ok === false) misses++;
    console.log(`  ${fig.metric.padEnd(48)} ${fig.value.padStart(14)}${fig.target ? `   target ${fig.target}` : ''}${mark}`);
  }
}
console.log(`\nbench: ${files.length} suites, ${misses} target(s) missed`);
