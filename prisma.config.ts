import { defineConfig } from 'prisma/config';

// The URL lives here (Prisma 7). Anxin itself never runs the Prisma CLI's migrate commands: see
// scripts/create-migration.ts (authoring, WebAssembly schema engine) and src/db/migrate.ts (applying at start).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/anxin.db' },
});
