// The request id: taken from a sane X-Request-Id or made here, in every log line of the request and echoed back.
import fp from 'fastify-plugin'
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { LogController, type FastifyInstance } from 'fastify'

export const REQUEST_ID_HEADER = 'x-request-id'

/**
 * What an id from outside may be: enough for a UUID, a W3C trace id or a proxy's own ids, and nothing that could
 * forge a log line or a header, or fill the logs (no spaces, quotes, commas or control characters).
 */
const SANE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/

/**
 * Fastify's genReqId. Its own requestIdHeader option would take any value a client sends, so the header is read here
 * instead: an id a proxy or a client chose ties their logs to ours, and anything else is replaced.
 */
export function requestIdOf (request: IncomingMessage): string {
  const sent = request.headers[REQUEST_ID_HEADER]
  return typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID()
}

/** Fastify's options for request ids: the log lines of one request carry its id as requestId. */
export const requestIdOptions = {
  requestIdHeader: false,
  genReqId: requestIdOf,
  logController: new LogController({ requestIdLogLabel: 'requestId' })
} as const

export default fp(async function requestIdPlugin (app: FastifyInstance) {
  // The first hook of all, so every answer carries the id, refusals by later hooks and 404s included. Errors the router
  // meets before any hook runs get it where app.ts hands them to the errors plugin.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id)
    done()
  })
}, { name: 'request-id' })
