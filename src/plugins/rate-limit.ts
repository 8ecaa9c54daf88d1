// Rate limits for the whole API: per token for authenticated calls, per client address for the rest, counted in
// Redis when the service has one, so that every instance counts together.
import fp from 'fastify-plugin'
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import { HttpError } from '../shared/errors.js'
import { problemResponse } from '../shared/http-schemas.js'

export interface RateLimitOptions {
  /** Requests a minute from one client address without a token; 0 for no limit. */
  perAddress: number
  /** Requests a minute with one token; 0 for no limit. */
  perToken: number
  /** Where every instance counts; null to count in this process. */
  redis: Redis | null
  /** Paths never limited, nor documented as such: what orchestrators and monitors poll. */
  exemptPrefixes: string[]
}

const WINDOW_MS = 60_000

// The IETF draft's headers (draft-ietf-httpapi-ratelimit-headers, the RateLimit-Limit/-Remaining/-Reset form that
// most clients and gateways read today), on every limited response; Retry-After on a refusal.
const LIMIT = 'ratelimit-limit'
const REMAINING = 'ratelimit-remaining'
const RESET = 'ratelimit-reset'
const RETRY_AFTER = 'retry-after'

export const RATE_LIMIT_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']

const integerHeader = (description: string) => ({ type: 'integer', minimum: 0, description })

/** The headers of a 429, for the spec: a route with a limit of its own documents them on its 429 too. */
export const TOO_MANY_REQUESTS_HEADERS = {
  'Retry-After': integerHeader('Seconds until the next request may be made.'),
  'RateLimit-Limit': integerHeader('Requests a minute allowed to this token (RATE_LIMIT_TOKEN_PER_MINUTE) or address (RATE_LIMIT_PER_MINUTE).'),
  'RateLimit-Remaining': integerHeader('Requests left in the current window.'),
  'RateLimit-Reset': integerHeader('Seconds until the current window ends.')
}

const TOO_MANY_REQUESTS = {
  ...problemResponse('Too many requests from this token, or from this address without a token, in the last minute (RATE_LIMITED).'),
  headers: TOO_MANY_REQUESTS_HEADERS
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>

export default fp(async function rateLimitPlugin (app: FastifyInstance, { perAddress, perToken, redis, exemptPrefixes }: RateLimitOptions) {
  const isExempt = (url: string | undefined) => url !== undefined && exemptPrefixes.some((prefix) => url.startsWith(prefix))

  // Documented whatever the configuration, so the spec does not depend on one deployment's settings.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide || isExempt(route.url)) return
    const response = ((route.schema as Record<string, unknown>).response ??= {}) as Record<string, unknown>
    response[429] ??= TOO_MANY_REQUESTS
  })

  if (perAddress === 0 && perToken === 0) return

  // In a scope of its own: the plugin's onRoute hook would otherwise take the reply route's own limit
  // (config.rateLimit) for this one, and count those submissions twice.
  let limiters: { address: Limiter, token: Limiter } | undefined
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      timeWindow: WINDOW_MS,
      // Each instance counts on its own without Redis, so its limit is per instance; with Redis, one count.
      ...(redis && { redis, nameSpace: 'news-content-api:api-rate:' }),
      // Redis errors are caught below, so that a request is then answered without a limit rather than refused.
      skipOnError: false
    })
    limiters = {
      address: scope.createRateLimit({ max: perAddress, keyGenerator: (request) => `address:${normalizeIP(request.ip)}` }),
      token: scope.createRateLimit({ max: perToken, keyGenerator: (request) => `token:${request.principal?.tokenId ?? ''}` })
    }
  })
  const { address, token } = limiters as NonNullable<typeof limiters>

  let warnedAt = 0
  async function limit (request: FastifyRequest) {
    try {
      return await (request.principal ? token : address)(request)
    } catch (error) {
      // Redis does not answer: the API stays up, unlimited. Said once a minute, not once a request.
      if (Date.now() - warnedAt >= WINDOW_MS) {
        warnedAt = Date.now()
        request.log.warn({ err: error }, 'Redis does not answer: requests are not rate limited until it does')
      }
      return undefined
    }
  }

  // After the auth plugin's hook, which has read the token: a request with a valid token counts against the token,
  // any other against its address. A refused token is a 401 before this hook, as it would be with no limit at all.
  app.addHook('onRequest', async (request, reply) => {
    if (isExempt(request.routeOptions.url)) return
    if ((request.principal ? perToken : perAddress) === 0) return
    const result = await limit(request)
    if (result === undefined || result.isAllowed) return
    reply.header(LIMIT, result.max).header(REMAINING, result.remaining).header(RESET, result.ttlInSeconds)
    if (!result.isExceeded) return
    reply.header(RETRY_AFTER, result.ttlInSeconds)
    const who = request.principal ? 'This token' : 'This address'
    const hint = request.principal ? '' : ' without a token'
    throw new HttpError(429, 'RATE_LIMITED', 'Too Many Requests',
      `${who} may make ${result.max} requests a minute${hint}. Try again in ${result.ttlInSeconds} s, as Retry-After says.`)
  })
}, { name: 'rate-limit', dependencies: ['auth'] })
