// Builds the real app on a fresh in-memory database for one test, and closes it when the test ends.
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import type { Config } from '../../src/config.js'
import { createTokensService } from '../../src/modules/tokens/tokens.service.js'
import type { Role } from '../../src/shared/roles.js'

export interface Teardown {
  teardown: (fn: () => unknown) => void
}

export const TEST_CONFIG: Config = {
  port: 0,
  host: '127.0.0.1',
  databasePath: ':memory:',
  seedDemo: false,
  publicBaseUrl: 'http://news.test',
  logLevel: 'silent',
  cacheMaxAge: 60,
  cacheStaleWhileRevalidate: 300,
  corsOrigins: ['https://www.worldweekly.example'],
  trustProxy: false,
  repliesAutoApprove: false,
  repliesPerMinute: 5,
  // Tests drive the scheduler by hand, so no timer publishes behind their back.
  schedulerIntervalMs: 0,
  redisUrl: null
}

export async function buildTestApp (t: Teardown, overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ ...TEST_CONFIG, ...overrides }, { validateResponses: true })
  t.teardown(() => app.close())
  await app.ready()
  return app
}

/** A fresh token's Authorization header, made through the same service the API uses. */
export async function authHeader (app: FastifyInstance, role: Role, authorId: number | null = null): Promise<{ authorization: string }> {
  const { secret } = await createTokensService(app.store).create({ name: `${role} test token`, role, authorId })
  return { authorization: `Bearer ${secret}` }
}
