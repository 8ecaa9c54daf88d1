// The composition root: opens the database, wires repositories into modules, returns the Fastify app.
import { once } from 'node:events'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import compress from '@fastify/compress'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { Ajv, AnySchema, ValidateFunction } from 'ajv'
import type { Redis } from 'ioredis'
import type { Config } from './config.js'
import { describeOpening, describeStore, openStore } from './db/open-store.js'
import { seedDemoContent } from './db/seed.js'
import type { Store } from './db/store.js'
import errorsPlugin, { clientErrorHandler, MAX_PATH_PARAMETER_LENGTH, sendErrorProblem } from './plugins/errors.js'
import authPlugin, { authorizationPlugin } from './plugins/auth.js'
import rateLimitPlugin from './plugins/rate-limit.js'
import openapiPlugin, { DOCS_PREFIX } from './plugins/openapi.js'
import securityHeadersPlugin from './plugins/security-headers.js'
import corsPlugin from './plugins/cors.js'
import queryStringsPlugin from './plugins/query-strings.js'
import httpCachePlugin, { isRead } from './plugins/http-cache.js'
import shutdownPlugin from './plugins/shutdown.js'
import metricsPlugin from './plugins/metrics.js'
import { validatorCompiler } from './plugins/validation.js'
import requestIdPlugin, { REQUEST_ID_HEADER, requestIdOptions } from './plugins/request-id.js'
import { createTokensService } from './modules/tokens/tokens.service.js'
import { tokensAdminRoutes } from './modules/tokens/tokens.routes.js'
import { createTagsService } from './modules/tags/tags.service.js'
import { tagsAdminRoutes, tagsRoutes } from './modules/tags/tags.routes.js'
import { createSectionsService } from './modules/sections/sections.service.js'
import { sectionsAdminRoutes, sectionsRoutes } from './modules/sections/sections.routes.js'
import { createAuthorsService } from './modules/authors/authors.service.js'
import { authorsAdminRoutes, authorsRoutes } from './modules/authors/authors.routes.js'
import { createArticlesService } from './modules/articles/articles.service.js'
import { articlesAdminRoutes, articlesRoutes } from './modules/articles/articles.routes.js'
import { createEditorialService } from './modules/articles/articles.editorial.service.js'
import editorialRoutes from './modules/articles/articles.editorial.routes.js'
import workflowRoutes from './modules/articles/articles.workflow.routes.js'
import { createArticlesScheduler } from './modules/articles/articles.scheduler.js'
import { createRepresentationRefresher } from './modules/articles/articles.refresher.js'
import { createPreviewsService } from './modules/previews/previews.service.js'
import previewsRoutes from './modules/previews/previews.routes.js'
import { createRepliesService, IP_HASH_KEY_SETTING } from './modules/replies/replies.service.js'
import { repliesAdminRoutes, repliesRoutes } from './modules/replies/replies.routes.js'
import { createChangesService } from './modules/changes/changes.service.js'
import { changesRoutes } from './modules/changes/changes.routes.js'
import { createWebhooksService } from './modules/webhooks/webhooks.service.js'
import { webhooksAdminRoutes } from './modules/webhooks/webhooks.routes.js'
import { createWebhookWorker } from './modules/webhooks/webhooks.worker.js'
import healthRoutes from './modules/health/health.routes.js'
import { createNinjsService } from './modules/ninjs/ninjs.service.js'
import { ninjsRoutes } from './modules/ninjs/ninjs.routes.js'
import { createSyndicationService } from './modules/syndication/syndication.service.js'
import syndicationRoutes, { SYNDICATION_PATHS } from './modules/syndication/syndication.routes.js'
import { createWebAddresses } from './shared/web-addresses.js'
import { BadRequestError, HttpError } from './shared/errors.js'
import { compiledOncePerSchema } from './shared/compiled-once.js'
import { COMPRESSION_THRESHOLD, NEGOTIATED_CODINGS } from './shared/compression.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
    config: Config
  }
}

/** Where the Admin API lives: every authenticated write, and the writers' reads by id. */
export const ADMIN_PREFIX = '/v1/admin'

export interface BuildAppOptions {
  /** Where logs go; standard output by default. */
  logStream?: NodeJS.WritableStream
  /** Checks every response against its declared schema; tests turn this on. */
  validateResponses?: boolean
  /**
   * A store already open, used in place of opening the configured database, and left open when the app closes: tests
   * hand in copies of a database migrated (and seeded) once, and pools that serve app after app.
   */
  store?: Store
}

/**
 * What a request log line says. A preview link's token reads unpublished work, so it is cut from the URL; the
 * client address is left out, as readers' addresses are kept only as keyed hashes anywhere else.
 */
function logRequest (request: FastifyRequest) {
  return { method: request.method, url: request.url.replace(/\/previews\/[^/?#]+/, '/previews/[redacted]'), hostname: request.hostname }
}

let sharedResponseValidator: Promise<Ajv> | undefined

/**
 * A validator compiled when a response first needs it: a test process builds every route of many apps but sends few
 * of their responses, and compiling every response schema up front was a third of what its first app cost.
 */
function compiledOnFirstUse (compile: () => ValidateFunction): ValidateFunction {
  let validate: ValidateFunction | undefined
  const onFirstUse = ((data: unknown) => {
    validate ??= compile()
    const valid = validate(data)
    onFirstUse.errors = validate.errors
    return valid
  }) as ValidateFunction
  return onFirstUse
}

/** One validator for every app a process builds, compiling each distinct response schema once, when first used. */
function responseValidator (): Promise<Ajv> {
  sharedResponseValidator ??= (async () => {
    const { Ajv } = await import('ajv')
    // ajv-formats is CommonJS: its plugin function sits on the module's default export.
    const { default: ajvFormats } = await import('ajv-formats')
    // The plugin's own defaults, but nothing removed; headers: response headers documented in a response schema,
    // for the spec, not a validation keyword; discriminator: body blocks are a union tagged by type.
    const ajv = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, allErrors: true, discriminator: true, keywords: ['headers'] })
    const compile = compiledOncePerSchema(ajv.compile.bind(ajv) as (schema: AnySchema) => ValidateFunction)
    ajv.compile = ((schema: AnySchema) => compiledOnFirstUse(() => compile(schema))) as typeof ajv.compile
    ajvFormats.default(ajv)
    return ajv
  })()
  return sharedResponseValidator
}

/**
 * Fastify's own serializers (package.json asks for the compiler at the range Fastify does, so npm installs one copy),
 * one for every app a process builds, each distinct schema compiled once. The app adds no shared schemas and sets no
 * serializer options, so a serializer depends on its schema alone.
 */
const sharedSerializerCompiler = compiledOncePerSchema(SerializerSelector()({}, undefined), (route) => route.schema)

type JsonParser = ReturnType<FastifyInstance['getDefaultJsonParser']>

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Fastify's JSON parser, given only bodies that are UTF-8 (RFC 8259 8.1): it decodes bytes that are not UTF-8 into
 * U+FFFD, so a headline sent in Latin-1 was stored with its accented letters lost. A body declared in another
 * charset is a 415, one whose bytes are not UTF-8 a 400, and neither changes anything.
 */
function parseUtf8Json (parseJson: JsonParser): (request: FastifyRequest, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void {
  return (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase()
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type', `The body must be JSON in UTF-8, not ${charset}.`))
    }
    let text: string
    try {
      text = UTF8.decode(body)
    } catch {
      return done(new BadRequestError('INVALID_JSON', 'The body is not valid JSON: it holds bytes that are not UTF-8.'))
    }
    parseJson(request, text, done)
  }
}

export async function buildApp (config: Config, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const store = options.store ?? await openStore(config, (error) => app.log.warn({ err: error }, 'a pooled database connection was dropped'))
  const demoSeeded = config.seedDemo && await seedDemoContent(store)
  const [previewSigningKey, ipHashKey] = await store.transaction(async ({ settings }) => [
    await settings.sharedSecret('preview_signing_key'),
    await settings.sharedSecret(IP_HASH_KEY_SETTING)
  ])

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Fastify does not log headers, but a secret must not leak through any later log line either.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], censor: '[redacted]' },
      serializers: { req: logRequest },
      ...(options.logStream && { stream: options.logStream })
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    // request.ip is the rightmost X-Forwarded-For address not written by a trusted proxy: what the last proxy we trust
    // saw. Without TRUST_PROXY that header is a client's lie, and the connection's address is used.
    trustProxy: config.trustProxy,
    ...requestIdOptions,
    // Errors met before any route runs, in the router and in Node's HTTP parser, answer as problems too. The router's
    // run no hook, so the request id is set here.
    frameworkErrors: (error, request, reply) => sendErrorProblem(error, request, reply.header(REQUEST_ID_HEADER, request.id)),
    clientErrorHandler,
    // The errors plugin answers requests that arrive during shutdown itself, as a problem.
    return503OnClosing: false,
    // Also how long close hooks may take: never shorter than the shutdown's own grace period, which decides.
    pluginTimeout: Math.max(10_000, config.shutdownGraceMs + 1_000),
    schemaController: { compilersFactory: { buildSerializer: () => sharedSerializerCompiler } }
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.log.info({ database: describeStore(config), migrationsApplied: store.migrationsApplied, demoSeeded }, describeOpening(config, store, demoSeeded))

  app.setValidatorCompiler(validatorCompiler)
  // The API reads JSON alone: a text body is a 415, not a string handed to a schema that expects an object.
  app.removeContentTypeParser('text/plain')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseUtf8Json(app.getDefaultJsonParser('error', 'error')))
  app.decorate('store', store)
  app.decorate('config', config)
  if (!options.store) app.addHook('onClose', async () => store.close())
  // First, so that its preClose hook closes idle connections before the others wait for background work.
  await app.register(shutdownPlugin)

  const links = createWebAddresses(config)
  const tokens = createTokensService(store)
  const articles = createArticlesService(store)
  const editorial = createEditorialService({ store, articles })
  const previews = createPreviewsService({ signingKey: previewSigningKey, store, articles })
  const ninjs = createNinjsService({ articles: store.read.articles, publicBaseUrl: config.publicBaseUrl })
  const replies = createRepliesService({ store, ipHashKey, autoApprove: config.repliesAutoApprove })
  // Shared by every instance that names the same Redis; without it each process counts on its own. Every request is
  // counted there, so a Redis that is down or slow must cost a request next to nothing, and the limit is then skipped:
  // while it is not connected a count fails at once (no offline queue), and a connected one gets 250 ms to answer.
  // Loaded only when used, as PostgreSQL's driver is: a start on SQLite alone loads neither.
  const redis: Redis | null = config.redisUrl === null
    ? null
    : new (await import('ioredis')).Redis(config.redisUrl, { connectTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: 250 })
  if (redis) {
    // The client retries every few seconds and reports each failure: said once a minute, not each time.
    let warnedAt = 0
    redis.on('error', (error: Error) => {
      if (Date.now() - warnedAt < 60_000) return
      warnedAt = Date.now()
      app.log.warn({ err: error }, 'Redis is unreachable: rate limits are not applied until it answers')
    })
    app.addHook('onClose', async () => { await redis.quit().catch(() => redis.disconnect()) })
    // The first requests are counted too: the start waits for the connection to open, or to fail (at most connectTimeout).
    await once(redis, 'ready').catch(() => {})
  }
  // Stopped on close before onClose closes the database under them, once the errors plugin answers new requests 503.
  const backgroundWork: Array<{ stop: () => unknown }> = []
  if (config.schedulerIntervalMs > 0) {
    const scheduler = createArticlesScheduler({ articles, log: app.log, intervalMs: config.schedulerIntervalMs })
    // Started once the app is ready, so articles that fell due while the service was down go out first thing.
    app.addHook('onReady', () => scheduler.start())
    backgroundWork.push(scheduler)
  }
  if (config.refresherIntervalMs > 0) {
    const refresher = createRepresentationRefresher({ store, links, log: app.log, intervalMs: config.refresherIntervalMs })
    app.addHook('onReady', () => refresher.start())
    backgroundWork.push(refresher)
  }
  const webhooks = createWebhooksService({ store, allowPrivate: config.webhooksAllowPrivate })
  if (config.webhooksIntervalMs > 0) {
    const worker = createWebhookWorker({ store, log: app.log, intervalMs: config.webhooksIntervalMs, timeoutMs: config.webhooksTimeoutMs, allowPrivate: config.webhooksAllowPrivate })
    // Not awaited: readiness must not wait on other people's endpoints. Stopped once the batch under way (at most one
    // timeout long) has recorded what it sent.
    app.addHook('onReady', async () => worker.start())
    backgroundWork.push(worker)
  }

  // Order matters: these plugins complete each route's schema in onRoute hooks that must run first. A route that reads
  // no query string gets a closed one first, so that the errors plugin documents its 400.
  await app.register(requestIdPlugin)
  // Before every route, the docs' included: it gives Swagger UI's routes their own Content-Security-Policy.
  await app.register(securityHeadersPlugin, { docsPrefix: DOCS_PREFIX })
  await app.register(queryStringsPlugin)
  await app.register(errorsPlugin)
  // After the errors plugin's own preClose hook: from then on readiness answers 503 and a load balancer drains this
  // instance while the background work winds down.
  app.addHook('preClose', async () => { await Promise.all(backgroundWork.map((work) => work.stop())) })
  // Before auth, so a 401 carries CORS headers a browser script can read, and preflights skip authentication.
  await app.register(corsPlugin, { origins: config.corsOrigins, adminOrigins: config.adminCorsOrigins, adminPrefix: `${ADMIN_PREFIX}/` })
  await app.register(authPlugin, { tokens })
  // Between authentication, which tells a token's requests from an address's, and authorization, so that requests
  // refused for their token count against their address; health checks and metrics are never limited.
  await app.register(rateLimitPlugin, {
    perAddress: config.rateLimitPerMinute,
    perToken: config.rateLimitTokenPerMinute,
    redis,
    exemptPrefixes: ['/health', '/metrics']
  })
  await app.register(authorizationPlugin)
  // Before compression: ETags and 304s are decided on the uncompressed body, and a 304 is never compressed.
  await app.register(httpCachePlugin, {
    routePrefixes: ['/v1/', ...SYNDICATION_PATHS],
    privatePrefix: `${ADMIN_PREFIX}/`,
    lastChange: (audience) => store.read.settings.lastContentChange(audience),
    publicVersion: () => store.read.settings.publicVersion(),
    responseCacheBytes: config.responseCacheMb * 1024 * 1024
  })
  // Request bodies may arrive compressed; a read has none, and compression's body hook would run on every read for nothing.
  app.addHook('onRoute', (route) => {
    if (isRead(route.method)) route.decompress = false
  })
  await app.register(compress, { encodings: NEGOTIATED_CODINGS, threshold: COMPRESSION_THRESHOLD })
  if (options.validateResponses) {
    const { default: responseValidation } = await import('@fastify/response-validation')
    // Undeclared statuses fail too, so the spec cannot miss a response the code gives.
    await app.register(responseValidation, { responseStatusCodeValidation: true, ajv: await responseValidator() })
  }
  await app.register(openapiPlugin)

  // Before every other route, so that its hook counts each of them.
  await app.register(metricsPlugin, { store, token: config.metricsToken })
  await app.register(healthRoutes, { store })
  // Feeds, sitemaps and robots.txt at the addresses feed readers and crawlers expect, outside the versioned API.
  await app.register(syndicationRoutes, { service: createSyndicationService({ store, links, config }) })
  // The Content API: public reads by slug and reply submission, cacheable, what frontends and partners use.
  await app.register(async (v1) => {
    await v1.register(articlesRoutes, { prefix: '/articles', service: articles, ninjs })
    await v1.register(ninjsRoutes, { prefix: '/ninjs', ninjs })
    await v1.register(previewsRoutes, { previews })
    await v1.register(repliesRoutes, { replies, redis })
    await v1.register(sectionsRoutes, { prefix: '/sections', sections: store.read.sections })
    await v1.register(authorsRoutes, { prefix: '/authors', authors: store.read.authors })
    await v1.register(tagsRoutes, { prefix: '/tags', tags: store.read.tags })
    await v1.register(changesRoutes, { changes: createChangesService(store) })
  }, { prefix: '/v1' })
  // The Admin API: every authenticated write, and the writers' reads by id, under one prefix a proxy or firewall can
  // fence off; never cached, and reachable from browsers only at ADMIN_CORS_ORIGINS.
  await app.register(async (admin) => {
    await admin.register(articlesAdminRoutes, { prefix: '/articles', service: articles })
    await admin.register(editorialRoutes, { prefix: '/articles', service: editorial })
    await admin.register(workflowRoutes, { prefix: '/articles', service: articles, previews, links })
    await admin.register(repliesAdminRoutes, { replies })
    await admin.register(sectionsAdminRoutes, { prefix: '/sections', service: createSectionsService(store) })
    await admin.register(authorsAdminRoutes, { prefix: '/authors', service: createAuthorsService(store), authors: store.read.authors })
    await admin.register(tagsAdminRoutes, { prefix: '/tags', service: createTagsService(store), tags: store.read.tags })
    await admin.register(tokensAdminRoutes, { prefix: '/tokens', tokens })
    await admin.register(webhooksAdminRoutes, { prefix: '/webhooks', webhooks })
  }, { prefix: ADMIN_PREFIX })

  return app
}
