import { defineConfig } from 'drizzle-kit';

// One migration stream for the platform and every module. Generated SQL only;
// extensions and triggers live in packages/kernel/src/db/sql (pre.sql / post.sql).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./packages/kernel/src/db/schema/*.ts', './modules/*/src/db/*.ts'],
  out: './migrations',
});
