// npm run db:migrate: brings the database named by DATABASE_PATH up to the latest migration.
import { loadConfig } from '../config.js'
import { migrateDatabase, openDatabase } from '../db/client.js'
import { runCli } from './run-cli.js'

runCli(async () => {
  const { databasePath } = loadConfig(process.env)
  const database = openDatabase(databasePath)
  try {
    migrateDatabase(database)
  } finally {
    database.close()
  }
  console.log(`${databasePath} is migrated to the latest schema`)
})
