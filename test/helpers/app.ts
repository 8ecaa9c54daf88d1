// Builds the real app on a fresh database for one test, and closes it when the test ends: an in-memory SQLite
// database, or with TEST_ENGINE=postgres a PostgreSQL database of its own, given back afterwards.
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildAppOptions } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { seedDemoContent } from '../../src/db/seed.js'
import { createSqliteStore, type SqliteStore } from '../../src/db/sqlite-store.js'
import type { Store } from '../../src/db/store.js'
import { createTokensService } from '../../src/modules/tokens/tokens.service.js'
import { TEST_POOL, TEST_WEB_SETTINGS, useTestDatabase } from './postgres.js'
import { createWebAddresses, type WebSettings } from '../../src/shared/web-addresses.js'
import type { Role } from '../../src/shared/roles.js'

export const TEST_ENGINE = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite'

export interface Teardown {
  teardown: (fn: () => unknown) => void
}

export const TEST_CONFIG: Config = {
  port: 0,
  host: '127.0.0.1',
  databasePath: ':memory:',
  databaseUrl: null,
  databasePoolSize: TEST_POOL.poolSize,
  databaseStatementTimeoutMs: TEST_POOL.statementTimeoutMs,
  seedDemo: false,
  ...TEST_WEB_SETTINGS,
  publicationName: 'World Weekly News',
  logLevel: 'silent',
  cacheMaxAge: 60,
  cacheStaleWhileRevalidate: 300,
  corsOrigins: ['https://www.worldweekly.example'],
  adminCorsOrigins: ['https://cms.worldweekly.example'],
  trustProxy: false,
  repliesAutoApprove: false,
  repliesPerMinute: 5,
  // Off: tests make many requests from one address; the rate limit tests turn them on.
  rateLimitPerMinute: 0,
  rateLimitTokenPerMinute: 0,
  // Tests drive the scheduler by hand, so no timer publishes behind their back.
  schedulerIntervalMs: 0,
  // Webhook tests run the delivery worker by hand, with their own clock.
  webhooksIntervalMs: 0,
  // Queued representations are rendered by the reads that find them; the refresher's tests run it by hand.
  refresherIntervalMs: 0,
  responseCacheMb: 8,
  webhooksTimeoutMs: 5000,
  webhooksAllowPrivate: false,
  redisUrl: null,
  shutdownGraceMs: 10000,
  metricsToken: null
}

/**
 * A database that outlives one app, for tests that restart the service or run a CLI on it: a file on SQLite, one of
 * the test databases on PostgreSQL, released when the test ends.
 */
export async function lastingDatabase (t: Teardown, file: string): Promise<Pick<Config, 'databasePath'> | Pick<Config, 'databaseUrl'>> {
  if (TEST_ENGINE === 'sqlite') return { databasePath: file }
  const database = await useTestDatabase()
  t.teardown(database.release)
  return { databaseUrl: database.url }
}

const sqliteImages = new Map<boolean, Promise<Buffer>>()

/**
 * An in-memory SQLite database as a new one would be after migrating, and seeding the demo when asked, copied from
 * an image made once per test process: migrating costs more than building the rest of an app, seeding far more.
 */
async function freshSqliteStore (seedDemo: boolean, web: WebSettings): Promise<SqliteStore> {
  let image = sqliteImages.get(seedDemo)
  if (!image) {
    sqliteImages.set(seedDemo, image = (async () => {
      const store = createSqliteStore(':memory:', createWebAddresses(web))
      if (seedDemo) await seedDemoContent(store)
      const bytes = store.writer.sqlite.serialize()
      await store.close()
      return bytes
    })())
  }
  return createSqliteStore(await image, createWebAddresses(web))
}

/** Whether an app's web addresses are those the process's shared PostgreSQL stores were opened with. */
function hasTestWebSettings (config: Config): boolean {
  return (Object.keys(TEST_WEB_SETTINGS) as Array<keyof WebSettings>).every((key) => config[key] === TEST_WEB_SETTINGS[key])
}

export async function buildTestApp (t: Teardown, overrides: Partial<Config> = {}, options: Pick<BuildAppOptions, 'logStream'> = {}): Promise<FastifyInstance> {
  const config = { ...TEST_CONFIG, ...overrides }
  // A test that names its own database keeps it; every other app gets a new database of the engine under test.
  const database = TEST_ENGINE === 'postgres' && overrides.databasePath === undefined && config.databaseUrl === null
    ? await useTestDatabase({ seedDemo: config.seedDemo })
    : undefined
  let store: Store | undefined
  if (database) {
    config.databaseUrl = database.url
    // The process's pool on the database serves the app, unless the test configures another.
    if (config.databasePoolSize === TEST_POOL.poolSize && config.databaseStatementTimeoutMs === TEST_POOL.statementTimeoutMs && hasTestWebSettings(config)) {
      store = database.store
    }
  } else if (config.databaseUrl === null && config.databasePath === ':memory:') {
    store = await freshSqliteStore(config.seedDemo, config)
  }
  // Every response is checked against its declared schema, on both engines.
  const app = await buildApp(config, { ...options, validateResponses: true, ...(store && { store }) })
  t.teardown(async () => {
    await app.close()
    // A SQLite copy is the app's alone; a PostgreSQL database's store serves the next app on it.
    if (store?.engine === 'sqlite') await store.close()
    await database?.release()
  })
  await app.ready()
  return app
}

/** A fresh token's Authorization header, made through the same service the API uses. */
export async function authHeader (app: FastifyInstance, role: Role, authorId: number | null = null): Promise<{ authorization: string }> {
  const { secret } = await createTokensService(app.store).create({ name: `${role} test token`, role, authorId })
  return { authorization: `Bearer ${secret}` }
}
