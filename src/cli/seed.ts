// npm run db:seed: writes the demo content into the database (DATABASE_URL or DATABASE_PATH), if it is still empty.
import { performance } from 'node:perf_hooks'
import { loadConfig } from '../config.js'
import { describeStore, openStore } from '../db/open-store.js'
import { describeDemoContent, seedDemoContent } from '../db/seed.js'
import { runCli } from './run-cli.js'

runCli(async () => {
  const config = loadConfig(process.env)
  const store = await openStore(config)
  try {
    const started = performance.now()
    // Seeding over real content would mix demo articles into it, so an existing database is left alone.
    if (await seedDemoContent(store)) {
      console.log(`seeded ${describeStore(config)} with ${describeDemoContent()} in ${Math.round(performance.now() - started)} ms`)
    } else {
      console.log('database is not empty, nothing seeded')
    }
  } finally {
    await store.close()
  }
})
