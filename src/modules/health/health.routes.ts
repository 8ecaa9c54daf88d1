// Liveness and readiness in one: the service is healthy when its database answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Store } from '../../db/store.js'
import { problemResponse } from '../../shared/http-schemas.js'
import { HttpError } from '../../shared/errors.js'

const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Literal('ok')
}, { title: 'Health' })

const healthRoutes: FastifyPluginAsyncTypebox<{ store: Store }> = async (app, { store }) => {
  app.get('/health', {
    schema: {
      tags: ['Operations'],
      operationId: 'getHealth',
      summary: 'Check that the service and its database answer',
      description: 'For load balancers, orchestrators and uptime monitors: 200 while the service runs and its database answers a query; ' +
        '503 (DATABASE_UNAVAILABLE) when the database does not, so this instance is taken out of rotation until it answers again. Never cached.',
      response: { 200: HealthSchema, 503: problemResponse('The database does not answer.') }
    }
  }, async (_request, reply) => {
    try {
      await store.ping()
    } catch {
      throw new HttpError(503, 'DATABASE_UNAVAILABLE', 'Service Unavailable', 'The database does not answer.')
    }
    reply.header('cache-control', 'no-store')
    return { status: 'ok', database: 'ok' } as const
  })
}

export default healthRoutes
