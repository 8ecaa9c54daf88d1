// npm run db:migrate: brings the database (DATABASE_URL, or the SQLite file at DATABASE_PATH) up to the latest migration.
import { loadConfig } from '../config.js'
import { describeStore, openStore } from '../db/open-store.js'
import { runCli } from './run-cli.js'

runCli(async () => {
  const config = loadConfig(process.env)
  // Opening a store migrates it.
  const store = await openStore(config)
  await store.close()
  console.log(`${describeStore(config)} is migrated to the latest schema (migrations applied now: ${store.migrationsApplied})`)
})
