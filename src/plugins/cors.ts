// Which browser origins may call the API (CORS_ORIGINS), and what their scripts may send and read.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

export interface CorsOptions {
  /** Exact origins such as https://www.example.com, or * for any. */
  origins: string[]
}

/** What a browser may send beyond the simple headers: a token, JSON, and the conditional requests. */
const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'If-Modified-Since']
/** What a browser script may read beyond the simple headers: validators, pagination, redirects and rate limits. */
const CORS_EXPOSED_HEADERS = ['ETag', 'Last-Modified', 'Link', 'Location', 'Retry-After']
// Browsers then skip the preflight for ten minutes; Chrome caps it at two hours anyway.
const PREFLIGHT_MAX_AGE = 600

export default fp(async function corsPlugin (app: FastifyInstance, { origins }: CorsOptions) {
  if (origins.length === 0) return
  const allowed = new Set(origins)
  await app.register(cors, {
    // A function, not the list, so an origin outside it gets no CORS header at all (not even the exposed ones),
    // and its preflight is a 404. * stays a static value: no Vary: Origin is needed then.
    origin: allowed.has('*') ? '*' : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE
  })
}, { name: 'cors' })
