// npm run db:seed: writes the demo content into the database named by DATABASE_PATH, if it is still empty.
import { performance } from 'node:perf_hooks'
import { loadConfig } from '../config.js'
import { migrateDatabase, openDatabase } from '../db/client.js'
import { describeDemoContent, isDatabaseEmpty, seedDemoContent } from '../db/seed.js'
import { runCli } from './run-cli.js'

runCli(async () => {
  const { databasePath } = loadConfig(process.env)
  const database = openDatabase(databasePath)
  try {
    migrateDatabase(database.db)
    // Seeding over real content would mix demo articles into it, so an existing database is left alone.
    if (!isDatabaseEmpty(database.db)) {
      console.log('database is not empty, nothing seeded')
      return
    }
    const started = performance.now()
    seedDemoContent(database.db)
    console.log(`seeded ${databasePath} with ${describeDemoContent()} in ${Math.round(performance.now() - started)} ms`)
  } finally {
    database.close()
  }
})
