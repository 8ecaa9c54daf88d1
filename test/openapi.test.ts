import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { Validator } from '@seriousme/openapi-schema-validator'
import { generateOpenApiDocument, OPENAPI_FILE } from '../src/openapi-document.js'
import { loadConfig } from '../src/config.js'
import { API_TITLE } from '../src/plugins/openapi.js'
import { AUTHORS, SECTIONS, TAGS } from '../src/db/demo-content.js'
import { EXAMPLE_PUBLIC_BASE_URL, EXAMPLE_SITE_URL } from '../src/modules/articles/articles.examples.js'
import { authHeader, buildTestApp } from './helpers/app.js'

// Generated once for the whole file: each generation builds an app.
const generated = generateOpenApiDocument()

interface Operation {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  security?: unknown[]
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

async function operations (): Promise<Array<[string, string, Operation]>> {
  const document = JSON.parse(await generated)
  return Object.entries(document.paths as Record<string, Record<string, Operation>>)
    .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => [path, method, operation] as [string, string, Operation]))
}

t.test('the committed openapi/openapi.json is what the code generates (run npm run openapi after changing a route)', async (t) => {
  t.equal(await readFile(OPENAPI_FILE, 'utf8'), await generated)
})

t.test('the document is a valid OpenAPI 3.1 document', async (t) => {
  const validator = new Validator()
  const result = await validator.validate(JSON.parse(await generated))
  t.same(result.errors ?? [], [])
  t.equal(result.valid, true)
  t.equal(validator.version, '3.1')
})

// Feeds, sitemaps and robots.txt answer in their own formats, not JSON.
const SYNDICATION_MEDIA: Record<string, string> = {
  getRssFeed: 'application/rss+xml',
  getAtomFeed: 'application/atom+xml',
  getJsonFeed: 'application/feed+json',
  getSitemapIndex: 'application/xml',
  getArticlesSitemap: 'application/xml',
  getSectionsSitemap: 'application/xml',
  getAuthorsSitemap: 'application/xml',
  getNewsSitemap: 'application/xml',
  getRobots: 'text/plain'
}

t.test('every operation has an id, a summary, a tag and documented error responses', async (t) => {
  const ids = new Set<string>()
  for (const [path, method, operation] of await operations()) {
    const name = `${method.toUpperCase()} ${path}`
    t.ok(operation.operationId, `${name} has an operationId`)
    t.notOk(ids.has(operation.operationId as string), `${name} has a unique operationId`)
    ids.add(operation.operationId as string)
    t.ok(operation.summary, `${name} has a summary`)
    t.equal(operation.tags?.length, 1, `${name} has a tag`)
    t.ok(operation.responses['500'], `${name} documents 500`)
    for (const [status, response] of Object.entries(operation.responses)) {
      if (status === '204' || status.startsWith('3')) continue
      const media = Number(status) >= 400 ? 'application/problem+json' : SYNDICATION_MEDIA[operation.operationId as string] ?? 'application/json'
      t.ok(response.content?.[media]?.schema, `${name} ${status} has a ${media} schema`)
    }
    if (operation.security?.length) {
      t.ok(operation.responses['401'], `${name} is authenticated and documents 401`)
    }
  }
})

t.test('every operation has a description besides its summary', async (t) => {
  for (const [path, method, operation] of await operations()) {
    const name = `${method.toUpperCase()} ${path}`
    t.ok(operation.summary, `${name} has a summary`)
    t.ok(operation.description, `${name} has a description`)
    t.not(operation.description, operation.summary, `${name} says more in its description than in its summary`)
  }
})

t.test('public operations declare that they need no token, and Admin API operations the bearer token', async (t) => {
  for (const [path, method, operation] of await operations()) {
    const expected = path.startsWith('/v1/admin/') ? [{ bearerAuth: [] }] : []
    t.same(operation.security, expected, `${method.toUpperCase()} ${path} declares its security`)
  }
})

t.test('the committed document names the default public address as its server and contact', async (t) => {
  const document = JSON.parse(await generated)
  const defaultBaseUrl = loadConfig({}).publicBaseUrl
  t.equal(defaultBaseUrl, 'http://127.0.0.1:3000')
  t.same(document.servers, [{ url: defaultBaseUrl, description: 'This service, at its PUBLIC_BASE_URL.' }])
  t.same(document.info.contact, { name: 'World Weekly News platform team', url: `${defaultBaseUrl}/docs` })
  t.same(document.info.license, { name: 'MIT', identifier: 'MIT' })
})

t.test('the spec is served at /openapi.json and Swagger UI at /docs', async (t) => {
  const app = await buildTestApp(t)
  const spec = await app.inject({ url: '/openapi.json' })
  t.equal(spec.statusCode, 200)
  const committed = JSON.parse(await generated)
  // Only the address differs: the test app's PUBLIC_BASE_URL is not the default.
  t.same({ ...spec.json(), servers: committed.servers, info: committed.info }, committed)
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], /text\/html/)
  t.match(docs.body, /swagger-ui/)
})

t.test('Swagger UI carries the API\'s name and mark, not Fastify\'s logo or Swagger\'s icon', async (t) => {
  const app = await buildTestApp(t)
  const page = (await app.inject({ url: '/docs/' })).body
  t.match(page, `<title>${API_TITLE}</title>`)
  t.match(page, '<link rel="icon" type="image/svg+xml" href="./static/theme/favicon.svg"')
  t.notMatch(page, 'favicon-32x32.png')
  const initializer = (await app.inject({ url: '/docs/static/swagger-initializer.js' })).body
  const logo = /data:image\/svg\+xml;base64,([\w+/=]+)/.exec(initializer)?.[1] ?? ''
  t.match(Buffer.from(logo, 'base64').toString(), 'World Weekly News')
  const fastifyLogo = await readFile(createRequire(import.meta.url).resolve('@fastify/swagger-ui/static/logo.svg'))
  t.notMatch(initializer, fastifyLogo.toString('base64'))
  const icon = await app.inject({ url: '/docs/static/theme/favicon.svg' })
  t.equal(icon.statusCode, 200)
  t.equal(icon.headers['content-type'], 'image/svg+xml')
})

/** Where the document has an enum without a type: Swagger UI shows such a field or parameter as "any". */
function untypedEnums (node: unknown, at: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => untypedEnums(item, `${at}/${index}`))
  if (typeof node !== 'object' || node === null) return []
  const object = node as Record<string, unknown>
  const own = Array.isArray(object.enum) && object.type === undefined ? [at] : []
  return [...own, ...Object.entries(object).flatMap(([key, value]) => untypedEnums(value, `${at}/${key}`))]
}

interface QueryParameter {
  in: string
  name: string
  style?: string
  explode?: boolean
  example?: unknown
  description?: string
  schema: { type?: string, enum?: unknown[] }
}

async function queryParameters (): Promise<Array<QueryParameter & { operation: string }>> {
  return (await operations()).flatMap(([path, method, operation]) => ((operation as { parameters?: QueryParameter[] }).parameters ?? [])
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => ({ ...parameter, operation: `${method.toUpperCase()} ${path}` })))
}

t.test('every enum in the document says its type, so Swagger UI shows sort as a string, not "any"', async (t) => {
  t.same(untypedEnums(JSON.parse(await generated), '#'), [])
  const sort = (await queryParameters()).find((parameter) => parameter.operation === 'GET /v1/articles' && parameter.name === 'sort')
  t.same(sort?.schema, { type: 'string', enum: ['-publishedAt', 'publishedAt', '-updatedAt', 'relevance'] })
})

t.test('a list parameter is a repeated array, one value per example item, described with both ways of listing several', async (t) => {
  const lists = (await queryParameters()).filter((parameter) => parameter.schema.type === 'array')
  t.ok(lists.length >= 2, 'the document has list parameters')
  for (const { operation, name, style, explode, example, description } of lists) {
    t.same({ style, explode }, { style: 'form', explode: true }, `${operation} ${name} is sent repeated`)
    t.ok(Array.isArray(example), `${operation} ${name} has a list as its example`)
    t.match(description, new RegExp(`repeated \\(${name}=\\w+&${name}=\\w+\\) or comma-separated \\(${name}=\\w+,\\w+\\)`), `${operation} ${name} says how to list several`)
  }
  const author = lists.find((parameter) => parameter.operation === 'GET /v1/articles' && parameter.name === 'author')
  t.same(author?.example, ['adrian-ovalle'])
  t.equal(author?.description, 'One or more author slugs, repeated (author=a&author=b) or comma-separated (author=a,b), up to 20 in all; ' +
    'an article matching any of them is listed, and unknown slugs match nothing.')
  const tag = lists.find((parameter) => parameter.operation === 'GET /v1/articles' && parameter.name === 'tag')
  t.same(tag?.example, ['climate', 'water'])
})

interface TryableOperation extends Operation {
  parameters?: Array<{ in: string, name: string, example?: unknown, required?: boolean, schema?: { default?: unknown } }>
  requestBody?: { content: Record<string, { example?: unknown, examples?: Record<string, { value: unknown }> }> }
}

/**
 * The endpoint a developer registered with the createWebhook example, and the delivery an edit then queued for it, so
 * the other webhook operations have one to show, change and redeliver. Once per database.
 */
const webhookRegistered = new WeakSet<FastifyInstance>()
async function registerExampleWebhook (app: FastifyInstance, document: { paths: Record<string, Record<string, TryableOperation>> }): Promise<void> {
  if (webhookRegistered.has(app)) return
  webhookRegistered.add(app)
  const admin = await authHeader(app, 'admin')
  const payload = document.paths['/v1/admin/webhooks']?.post?.requestBody?.content['application/json']?.example as object
  await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload })
  await app.inject({ method: 'PATCH', url: '/v1/admin/articles/1', headers: admin, payload: { subtitle: 'Updated after the boats came in.' } })
}

t.test('"Try it out" with the documented examples succeeds against the demo database, for every operation', async (t) => {
  const document = JSON.parse(await generated)
  let readers: FastifyInstance | undefined
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, TryableOperation>>)) {
    for (const [method, operation] of Object.entries(item)) {
      // Reads change nothing, so they share one demo database; every write gets a fresh one.
      const app = method === 'get' ? (readers ??= await buildTestApp(t, { seedDemo: true })) : await buildTestApp(t, { seedDemo: true })
      // A preview token is signed with a key each database makes for itself, so no fixed example can be valid:
      // the developer's first step is the previewArticle call, and so is the test's.
      const minted = operation.operationId === 'getArticlePreview'
        ? (await app.inject({ method: 'POST', url: '/v1/admin/articles/50/preview', headers: await authHeader(app, 'editor'), payload: {} })).json().token
        : undefined
      const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
        const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name)
        t.not(parameter?.example, undefined, `${method} ${path} has an example for ${name}`)
        return String(minted ?? parameter?.example)
      })
      // Swagger UI fills in each query parameter with its example, or else its default, and repeats a list's items.
      const query = new URLSearchParams()
      for (const parameter of operation.parameters ?? []) {
        const value = parameter.example ?? parameter.schema?.default
        if (parameter.in === 'query' && value !== undefined) for (const item of [value].flat()) query.append(parameter.name, String(item))
      }
      const target = query.toString() === '' ? url : `${url}?${query}`
      const media = operation.requestBody?.content['application/json']
      const payload = media?.example ?? Object.values(media?.examples ?? {})[0]?.value
      if (operation.requestBody) t.ok(payload, `${method} ${path} has a request body example`)
      const headers = operation.security ? await authHeader(app, 'admin') : {}
      // The token a developer made with the createToken example, so revokeToken has one to revoke.
      await authHeader(app, 'partner')
      if (operation.tags?.includes('Admin: webhooks') && operation.operationId !== 'createWebhook') await registerExampleWebhook(app, document)
      const res = await app.inject({ method: method.toUpperCase() as 'GET', url: target, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
      t.ok(res.statusCode >= 200 && res.statusCode < 300, `${method.toUpperCase()} ${target} answers ${res.statusCode} ${res.statusCode >= 300 ? res.body : ''}`)
      if (app !== readers) await app.close()
    }
  }
})

t.test('the served spec names the configured PUBLIC_BASE_URL as its server and in its contact', async (t) => {
  const app = await buildTestApp(t, { publicBaseUrl: 'https://news.example.org/api' })
  const spec = (await app.inject({ url: '/openapi.json' })).json()
  t.same(spec.servers, [{ url: 'https://news.example.org/api', description: 'This service, at its PUBLIC_BASE_URL.' }])
  t.equal(spec.info.contact.url, 'https://news.example.org/api/docs')
})

/** Every slug an example in the document shows: in schema and parameter examples, and inside example values. */
function exampleSlugs (node: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) exampleSlugs(item, found)
  } else if (typeof node === 'object' && node !== null) {
    const object = node as Record<string, unknown>
    if (typeof object.slug === 'string') found.add(object.slug)
    const slugSchema = object.slug as { examples?: unknown[] } | undefined
    for (const example of slugSchema?.examples ?? []) found.add(String(example))
    if (object.in === 'path' && object.name === 'slug') found.add(String(object.example))
    for (const value of Object.values(object)) exampleSlugs(value, found)
  }
  return found
}

t.test('every slug the examples show is a real slug of the demo site', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const articles = (await app.inject({ url: '/v1/articles?fields=slug&limit=100' })).json().data as Array<{ slug: string }>
  const demoSlugs = new Set([...SECTIONS, ...AUTHORS, ...TAGS, ...articles].map(({ slug }) => slug))
  const shown = exampleSlugs(JSON.parse(await generated))
  t.ok(shown.size > 5, 'the examples show slugs')
  for (const slug of shown) t.ok(demoSlugs.has(slug), `${slug} is a demo slug`)
})

/** The patterned strings of a schema that carry no example: Swagger UI would make up text matching the pattern. */
function patternsWithoutExample (schema: unknown, at: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => patternsWithoutExample(item, `${at}/${index}`))
  if (typeof schema !== 'object' || schema === null) return []
  const object = schema as Record<string, unknown>
  const own = typeof object.pattern === 'string' && object.examples === undefined && object.example === undefined ? [at] : []
  return [...own, ...Object.entries(object).flatMap(([key, value]) => key === 'examples' ? [] : patternsWithoutExample(value, `${at}/${key}`))]
}

interface Parameter {
  in: string
  name: string
  example?: unknown
  schema?: { pattern?: string }
}

t.test('every patterned string a response or a parameter shows has an example of its own', async (t) => {
  const document = JSON.parse(await generated)
  t.same(patternsWithoutExample(document.components.schemas, '#/components/schemas'), [])
  const parameters = Object.entries(document.paths as Record<string, Record<string, { parameters?: Parameter[] }>>)
    .flatMap(([path, item]) => Object.values(item).flatMap((operation) => (operation.parameters ?? []).map((parameter) => ({ path, ...parameter }))))
  const unexampled = parameters.filter((parameter) => parameter.schema?.pattern !== undefined && parameter.example === undefined)
  t.same(unexampled.map(({ path, name }) => `${path} ${name}`), [])
})

/** An article without its body and what is derived from it. */
function withoutBody (article: Record<string, unknown>): Record<string, unknown> {
  const derived = ['body', 'bodyHtml', 'bodyText', 'wordCount', 'readingTime']
  return Object.fromEntries(Object.entries(article).filter(([key]) => !derived.includes(key)))
}

t.test('the public article example is the demo flagship, published, as GET /v1/articles/{slug} serves it', async (t) => {
  const document = JSON.parse(await generated)
  const example = document.paths['/v1/articles/{slug}'].get.responses['200'].content['application/json'].example
  t.match(example, { status: 'published', publishedAt: /^\d{4}-\d\d-\d\dT/, withdrawn: null })
  t.ok(example.bodyHtml.length > 0, 'the example has a body')
  t.notOk('body' in example || 'bodyText' in example, 'as HTML alone, as it is sent without formats=')
  const app = await buildTestApp(t, { seedDemo: true, siteUrl: EXAMPLE_SITE_URL, publicBaseUrl: EXAMPLE_PUBLIC_BASE_URL })
  const served = (await app.inject({ url: `/v1/articles/${example.slug}` })).json()
  t.same(withoutBody(example), withoutBody(served))
  // The body is cut to its opening blocks, and what is derived from it with it.
  t.ok(served.bodyHtml.startsWith(example.bodyHtml), 'its bodyHtml opens the served one')
  t.ok(example.wordCount > 0 && example.wordCount < served.wordCount, 'its wordCount counts the opening blocks')
  t.ok(example.readingTime <= served.readingTime, 'its readingTime is that of the opening blocks')
})
