// Which browser origins may call the API, and what their scripts may send and read. The Content API answers the
// origins of CORS_ORIGINS; the Admin API only those of ADMIN_CORS_ORIGINS, so opening the public reads to every site
// does not open the writers' side to them.
import fp from 'fastify-plugin'
import cors, { type FastifyCorsOptions } from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import { RATE_LIMIT_HEADERS } from './rate-limit.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route's own CORS options, which @fastify/cors reads over the plugin's. */
    cors?: Pick<FastifyCorsOptions, 'origin'>
  }
  interface FastifyRequest {
    /** Set by @fastify/cors once it has answered a preflight's headers. */
    corsPreflightEnabled?: boolean
  }
}

export interface CorsOptions {
  /** Exact origins such as https://www.example.com, or * for any: the Content API's. */
  origins: string[]
  /** Exact origins of the newsroom's own tools: the Admin API's. */
  adminOrigins: string[]
  /** Where the Admin API lives, such as /v1/admin/. */
  adminPrefix: string
}

/** What a browser may send beyond the simple headers: a token, JSON, and the conditional requests. */
const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'If-Modified-Since']
/** What a browser script may read beyond the simple headers: validators, pagination, redirects, rate limits and the request id. */
const CORS_EXPOSED_HEADERS = ['ETag', 'Last-Modified', 'Link', 'Location', 'Retry-After', ...RATE_LIMIT_HEADERS, 'X-Request-Id']
/** What the plugin sets on a response to a request with an allowed origin. */
const CORS_RESPONSE_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers']
// Browsers then skip the preflight for ten minutes; Chrome caps it at two hours anyway.
const PREFLIGHT_MAX_AGE = 600

/** Who may call, as @fastify/cors takes it: a static * needs no Vary: Origin; false answers no origin at all. */
function originOption (origins: string[]): FastifyCorsOptions['origin'] {
  if (origins.length === 0) return false
  const allowed = new Set(origins)
  // A function, not the list, so an origin outside it gets no CORS header at all (not even the exposed ones),
  // and its preflight is a 404.
  return allowed.has('*') ? '*' : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin))
}

export default fp(async function corsPlugin (app: FastifyInstance, { origins, adminOrigins, adminPrefix }: CorsOptions) {
  if (origins.length === 0 && adminOrigins.length === 0) return
  await app.register(cors, {
    origin: originOption(origins),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE
  })
  // @fastify/cors reads a route's config.cors over its own options: the Admin API's routes carry their own origins.
  const admin = { origin: originOption(adminOrigins) }
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(adminPrefix)) route.config = { ...route.config, cors: admin }
  })
  // A request under the Admin API's prefix that matches no route (a 404, a 405) was answered by the plugin's own
  // options, the Content API's: the Admin API's origins decide there too, so those headers are taken back.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url === undefined && request.url.startsWith(adminPrefix)) {
      for (const header of CORS_RESPONSE_HEADERS) reply.removeHeader(header)
      const origin = request.headers.origin
      if (origin !== undefined && adminOrigins.includes(origin)) {
        reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '))
      }
    }
    done()
  })
  // The plugin answers preflights in its hook, from the route's options; this route gives Admin API paths theirs.
  app.options(`${adminPrefix}*`, { schema: { hide: true } }, (request, reply) => {
    if (request.corsPreflightEnabled) return reply.send()
    return reply.callNotFound()
  })
}, { name: 'cors' })
