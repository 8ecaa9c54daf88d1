// drizzle-kit for the PostgreSQL schema: `npx drizzle-kit generate --config drizzle.postgres.config.ts` writes migrations/postgres.
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.pg.ts',
  out: './migrations/postgres'
})
