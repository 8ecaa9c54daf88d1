// npm run test:postgres: the whole suite again, on PostgreSQL; where no server answers, one line says so and why.
import pg from 'pg'
import { TEST_DATABASE_URL } from './helpers/postgres.js'
import { parseArguments, runCompiled, testFiles } from './run.js'

const where = new URL(TEST_DATABASE_URL)
where.password = ''
const probe = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 })
try {
  await probe.connect()
  await probe.end()
} catch (error) {
  console.log(`# PostgreSQL half of the suite skipped: no server answers at ${where} (${(error as Error).message}). ` +
    'Start one, or set TEST_DATABASE_URL to a server where this user may create databases.')
  process.exit(0)
}

// What these files test does not depend on the engine, or is SQLite itself: the SQLite half covers them.
const ENGINE_INDEPENDENT = new Set([
  'test/config.test.ts',
  'test/openapi.test.ts',
  'test/server.test.ts',
  'test/cli/token-create.test.ts',
  'test/plugins/cors-compression.test.ts',
  'test/db/migrations.test.ts',
  'test/db/sqlite-store.test.ts',
  'test/db/sqlite-processes.test.ts',
  'test/readme.test.ts',
  'test/bench/options.test.ts'
])

const { files, options } = parseArguments(process.argv.slice(2))
const chosen = files.length > 0 ? files : (await testFiles()).filter((file) => !ENGINE_INDEPENDENT.has(file))
process.exit(await runCompiled(chosen, options, { TEST_ENGINE: 'postgres' }))
