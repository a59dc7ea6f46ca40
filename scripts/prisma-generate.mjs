#!/usr/bin/env node
// Generates the Prisma clients without Prisma's binary downloads (see README "Air-gapped installs").
// `prisma generate` only checks that a schema-engine binary path exists; we point it at a stub that explains itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stub = path.join(root, 'scripts', 'schema-engine-stub.sh');
const prismaBin = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(prismaBin)) {
  console.log('prisma-generate: prisma is not installed yet, skipping');
  process.exit(0);
}
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
const configs = ['prisma.config.ts'];
for (const config of configs) {
  const r = spawnSync(process.execPath, [prismaBin, 'generate', '--config', config], { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
