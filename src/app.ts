// The composition root: opens the database, wires repositories into modules, returns the Fastify app.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import compress from '@fastify/compress'
import type { Config } from './config.js'
import { migrateDatabase, openDatabase, type Db } from './db/client.js'
import { seedDemoContent, isDatabaseEmpty } from './db/seed.js'
import { createContentClock } from './db/settings.js'
import errorsPlugin from './plugins/errors.js'
import authPlugin from './plugins/auth.js'
import openapiPlugin from './plugins/openapi.js'
import corsPlugin from './plugins/cors.js'
import httpCachePlugin from './plugins/http-cache.js'
import { validatorCompiler } from './plugins/validation.js'
import { createTokensRepository } from './modules/tokens/tokens.repository.js'
import tokensRoutes from './modules/tokens/tokens.routes.js'
import { createTagsRepository } from './modules/tags/tags.repository.js'
import tagsRoutes from './modules/tags/tags.routes.js'
import { createSectionsRepository } from './modules/sections/sections.repository.js'
import sectionsRoutes from './modules/sections/sections.routes.js'
import { createAuthorsRepository } from './modules/authors/authors.repository.js'
import authorsRoutes from './modules/authors/authors.routes.js'
import { createArticlesRepository } from './modules/articles/articles.repository.js'
import { createArticlesService } from './modules/articles/articles.service.js'
import articlesRoutes from './modules/articles/articles.routes.js'
import { createEditorialRepository } from './modules/articles/articles.editorial.repository.js'
import { createEditorialService } from './modules/articles/articles.editorial.service.js'
import editorialRoutes from './modules/articles/articles.editorial.routes.js'
import workflowRoutes from './modules/articles/articles.workflow.routes.js'
import { createArticlesScheduler } from './modules/articles/articles.scheduler.js'
import { createPreviewsRepository } from './modules/previews/previews.repository.js'
import { createPreviewsService } from './modules/previews/previews.service.js'
import previewsRoutes from './modules/previews/previews.routes.js'
import { createRepliesRepository } from './modules/replies/replies.repository.js'
import repliesRoutes from './modules/replies/replies.routes.js'
import healthRoutes from './modules/health/health.routes.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    config: Config
  }
}

export interface BuildAppOptions {
  /** Where logs go; standard output by default. */
  logStream?: NodeJS.WritableStream
  /** Checks every response against its declared schema; tests turn this on. */
  validateResponses?: boolean
}

/**
 * What a request log line says. A preview link's token reads unpublished work, so it is cut from the URL; the
 * client address is left out, as readers' addresses are kept only as keyed hashes anywhere else.
 */
function logRequest (request: FastifyRequest) {
  return { method: request.method, url: request.url.replace(/\/previews\/[^/?#]+/, '/previews/[redacted]'), hostname: request.hostname }
}

export async function buildApp (config: Config, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const database = openDatabase(config.databasePath)
  migrateDatabase(database.db)
  if (config.seedDemo && isDatabaseEmpty(database.db)) seedDemoContent(database.db)

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Fastify does not log headers, but a secret must not leak through any later log line either.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], censor: '[redacted]' },
      serializers: { req: logRequest },
      ...(options.logStream && { stream: options.logStream })
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Behind a proxy request.ip comes from X-Forwarded-For; without one that header is a client's lie.
    trustProxy: config.trustProxy
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.decorate('db', database.db)
  app.decorate('config', config)
  app.addHook('onClose', async () => database.close())

  const tokens = createTokensRepository(database.db)
  const sections = createSectionsRepository(database.db)
  const authors = createAuthorsRepository(database.db)
  const tags = createTagsRepository(database.db)
  const articles = createArticlesRepository(database.db)
  const articlesService = createArticlesService({ articles, sections, authors, tags })
  const editorial = createEditorialService({ editorial: createEditorialRepository(database.db), articles: articlesService, sections, authors, tags })
  const previews = createPreviewsService({ previews: createPreviewsRepository(database.db), articles, articlesService })
  if (config.schedulerIntervalMs > 0) {
    const scheduler = createArticlesScheduler({ articles, log: app.log, intervalMs: config.schedulerIntervalMs })
    // Started once the app is ready, so articles that fell due while the service was down go out first thing;
    // stopped before onClose closes the database under it.
    app.addHook('onReady', () => scheduler.start())
    app.addHook('preClose', async () => scheduler.stop())
  }
  const replies = createRepliesRepository(database.db)

  // Order matters: these plugins complete each route's schema in onRoute hooks that must run first.
  await app.register(errorsPlugin)
  // Before auth, so a 401 carries CORS headers a browser script can read, and preflights skip authentication.
  await app.register(corsPlugin, { origins: config.corsOrigins })
  await app.register(authPlugin, { tokens })
  // Before compression: ETags and 304s are decided on the uncompressed body, and a 304 is never compressed.
  await app.register(httpCachePlugin, { routePrefix: '/v1/', lastChange: createContentClock(database.db).lastChange })
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 })
  if (options.validateResponses) {
    const { default: responseValidation } = await import('@fastify/response-validation')
    // ajv-formats is CommonJS: its plugin function sits on the module's default export.
    const { default: ajvFormats } = await import('ajv-formats')
    // Undeclared statuses fail too, so the spec cannot miss a response the code gives.
    await app.register(responseValidation, {
      responseStatusCodeValidation: true,
      // headers: response headers documented in a response schema, for the spec; not a validation keyword.
      ajv: { plugins: [ajvFormats.default], removeAdditional: false, keywords: ['headers'] }
    })
  }
  await app.register(openapiPlugin)

  await app.register(healthRoutes, { database })
  await app.register(async (v1) => {
    await v1.register(articlesRoutes, { prefix: '/articles', service: articlesService })
    await v1.register(editorialRoutes, { prefix: '/articles', service: editorial })
    await v1.register(workflowRoutes, { prefix: '/articles', service: articlesService, previews })
    await v1.register(previewsRoutes, { previews })
    await v1.register(repliesRoutes, { replies })
    await v1.register(sectionsRoutes, { prefix: '/sections', sections })
    await v1.register(authorsRoutes, { prefix: '/authors', authors })
    await v1.register(tagsRoutes, { prefix: '/tags', tags })
    await v1.register(tokensRoutes, { prefix: '/tokens', tokens })
  }, { prefix: '/v1' })

  return app
}
