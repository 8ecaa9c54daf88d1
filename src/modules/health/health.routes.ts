// Liveness and readiness, for orchestrators and load balancers: /health/live, /health/ready, and /health as before.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Store } from '../../db/store.js'
import { problemResponse } from '../../shared/http-schemas.js'
import { HttpError } from '../../shared/errors.js'
import { PACKAGE_ROOT } from '../../shared/package-root.js'

const LiveSchema = Type.Object({ status: Type.Literal('ok') }, { title: 'Liveness' })

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Literal('ok'),
  migrations: Type.Union([Type.Literal('current'), Type.Literal('newer')], {
    description: 'current: every migration this version ships is applied, and no other; newer: they are, and so are migrations of a newer ' +
      'version, as during a rolling deploy once the first new instance has migrated the database.'
  })
}, { title: 'Health' })

const NOT_READY = problemResponse('The database does not answer (DATABASE_UNAVAILABLE), its migrations are not those this version ships ' +
  '(MIGRATIONS_NOT_CURRENT), or the instance is shutting down (SHUTTING_DOWN).')

const READY_DESCRIPTION = '200 while the database answers and every migration this version ships is applied (a newer version\'s ' +
  'migrations may be applied too: migrations only add, so the instances of a rolling deploy serve side by side); 503 otherwise: ' +
  'DATABASE_UNAVAILABLE when the database does not answer, MIGRATIONS_NOT_CURRENT when it lacks a migration of this version (restored ' +
  'from an older backup, or not yet migrated), SHUTTING_DOWN once the instance has been told to stop, so a load balancer drains it. Never cached.'

/** The creation time of every migration this version ships, as Drizzle's journal beside them records it. */
function shippedMigrations (engine: Store['engine']): number[] {
  const journal = join(PACKAGE_ROOT, 'migrations', engine, 'meta', '_journal.json')
  return (JSON.parse(readFileSync(journal, 'utf8')) as { entries: Array<{ when: number }> }).entries.map((entry) => entry.when)
}

/** Whether the database holds newer migrations than this version's; throws when it cannot serve. */
async function checkReady (store: Store, shipped: number[]): Promise<'current' | 'newer'> {
  let applied: number[]
  try {
    await store.ping()
    applied = await store.read.operations.appliedMigrations()
  } catch {
    throw new HttpError(503, 'DATABASE_UNAVAILABLE', 'Service Unavailable', 'The database does not answer.')
  }
  const missing = shipped.filter((when) => !applied.includes(when)).length
  if (missing > 0) {
    throw new HttpError(503, 'MIGRATIONS_NOT_CURRENT', 'Service Unavailable',
      `${missing} of the migrations this version ships ${missing === 1 ? 'is' : 'are'} not applied to the database. ` +
      'Run npm run db:migrate with this version (it also migrates at start), or restore a backup taken by it.')
  }
  return applied.some((when) => !shipped.includes(when)) ? 'newer' : 'current'
}

const healthRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  const shipped = shippedMigrations(store.engine)

  app.get('/health/live', {
    schema: {
      tags: ['Operations'],
      operationId: 'getLiveness',
      summary: 'Check that the process runs',
      description: 'For an orchestrator\'s liveness probe: 200 as long as the process answers HTTP, whatever the database does, so a database ' +
        'outage does not get every instance restarted. Never cached.',
      response: { 200: LiveSchema }
    }
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    return { status: 'ok' } as const
  })

  app.get('/health/ready', {
    schema: {
      tags: ['Operations'],
      operationId: 'getReadiness',
      summary: 'Check that the instance can serve: its database answers and is migrated for this version',
      description: `For a load balancer's or orchestrator's readiness probe: ${READY_DESCRIPTION}`,
      response: { 200: HealthSchema, 503: NOT_READY }
    }
  }, async (_request, reply) => {
    // Before the check: a 503 must not be kept by a cache either.
    reply.header('cache-control', 'no-store')
    const migrations = await checkReady(store, shipped)
    return { status: 'ok', database: 'ok', migrations } as const
  })

  app.get('/health', {
    schema: {
      tags: ['Operations'],
      operationId: 'getHealth',
      summary: 'Check that the instance can serve (the same as /health/ready)',
      description: `Kept for the monitors set up before /health/live and /health/ready existed; it answers as /health/ready does: ${READY_DESCRIPTION}`,
      response: { 200: HealthSchema, 503: NOT_READY }
    }
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    const migrations = await checkReady(store, shipped)
    return { status: 'ok', database: 'ok', migrations } as const
  })
}

export default healthRoutes
