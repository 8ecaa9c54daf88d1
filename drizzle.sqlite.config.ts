// drizzle-kit for the SQLite schema: `npx drizzle-kit generate --config drizzle.sqlite.config.ts` writes migrations/sqlite.
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations/sqlite'
})
