// Errors met before a route runs (in the router, the body parser or Node's HTTP parser) are problems like any other.
import t from 'tap'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import { once } from 'node:events'
import { connect, type AddressInfo } from 'node:net'
import { buildApp } from '../../src/app.js'
import { FLAGSHIP_SLUG } from '../../src/modules/articles/articles.schemas.js'
import { authHeader, buildTestApp, lastingDatabase, TEST_CONFIG, TEST_ENGINE, type Teardown } from '../helpers/app.js'
import { countRows, row } from '../helpers/db.js'
import { insertSection, insertStoredArticle, insertTag, SIMPLE_BODY } from '../helpers/fixtures.js'

const PROBLEM_JSON = 'application/problem+json; charset=utf-8'
// With a port, a base URL followed by a target's scheme and host made no valid URL at all: a 500, not only a wrong link.
const PUBLIC_BASE_URL = 'http://news.test:8080'
const LONGEST_SLUG = `${'a-very-long-slug-'.repeat(6)}as-long-as-allowed`

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** A listening app, for what only a real connection shows: raw request lines and Node's own parser errors. */
async function listeningApp (t: Teardown): Promise<FastifyInstance> {
  const app = await buildTestApp(t, { seedDemo: true, publicBaseUrl: PUBLIC_BASE_URL })
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app
}

/** Sends bytes as they are, with no client in between to normalise them, and reads the response up to the close. */
async function exchange (app: FastifyInstance, request: string): Promise<RawResponse> {
  const { port } = app.server.address() as AddressInfo
  const socket = connect(port, '127.0.0.1', () => socket.write(request))
  let text = ''
  socket.setEncoding('utf8').on('data', (chunk: string) => { text += chunk })
  // A refused request may end in a reset: what was written before it is the answer.
  socket.on('error', () => {})
  await once(socket, 'close')
  const split = text.indexOf('\r\n\r\n')
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n')
  const headers = Object.fromEntries(lines.map((line) => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]
  }))
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) }
}

function get (target: string, headers = ''): string {
  return `GET ${target} HTTP/1.1\r\nHost: news.test\r\n${headers}Connection: close\r\n\r\n`
}

t.test('a path with broken percent-encoding is a 400 problem', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/sections/%zz?x=1' })
  t.equal(res.statusCode, 400)
  t.equal(res.headers['content-type'], PROBLEM_JSON)
  t.same(res.json(), {
    type: 'urn:problem:bad-url',
    title: 'Bad Request',
    status: 400,
    detail: 'The request target is not a valid URL: a "%" must begin a percent-encoded UTF-8 byte, such as %20 or %C3%A9, and a target in absolute form needs a valid host and port.',
    code: 'BAD_URL',
    instance: '/v1/sections/%zz'
  })
})

t.test('an article with the longest automatic slug is read by it', async (t) => {
  const app = await buildTestApp(t)
  const created = await app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: await authHeader(app, 'editor'),
    payload: {
      headline: 'Fishermen on the southern shore of Lake Chad return to the water as two generous rainy seasons push the lake back to their villages',
      body: SIMPLE_BODY,
      sectionId: await insertSection(app),
      status: 'published'
    }
  })
  t.equal(created.statusCode, 201)
  const { slug } = created.json() as { slug: string }
  t.equal(slug.length, 110)
  const res = await app.inject({ url: `/v1/articles/${slug}` })
  t.equal(res.statusCode, 200)
  t.equal(res.json().slug, slug)
})

t.test('a tag, a section and an author with 120-character slugs are read by them', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  t.equal(LONGEST_SLUG.length, 120)
  for (const collection of ['tags', 'sections', 'authors']) {
    const created = await app.inject({ method: 'POST', url: `/v1/admin/${collection}`, headers: admin, payload: { name: 'A long name', slug: LONGEST_SLUG } })
    t.equal(created.statusCode, 201, `${collection} created`)
    // The public sees a tag once a public article carries it, and an author once one credits them.
    if (collection === 'tags') await insertStoredArticle(app, 'tagged', { sectionId: await insertSection(app, 'tagging'), tagIds: [created.json().id] })
    if (collection === 'authors') await insertStoredArticle(app, 'credited', { sectionId: await insertSection(app, 'crediting'), authorIds: [created.json().id] })
    const res = await app.inject({ url: `/v1/${collection}/${LONGEST_SLUG}` })
    t.equal(res.statusCode, 200, collection)
    t.equal(res.json().slug, LONGEST_SLUG, collection)
  }
})

t.test('a path parameter longer than any slug or token is a 414 problem', async (t) => {
  const app = await buildTestApp(t)
  const parameter = 'a'.repeat(500)
  const res = await app.inject({ url: `/v1/tags/${parameter}` })
  t.equal(res.statusCode, 414)
  t.equal(res.headers['content-type'], PROBLEM_JSON)
  t.same(res.json(), {
    type: 'urn:problem:path-parameter-too-long',
    title: 'URI Too Long',
    status: 414,
    detail: 'A path parameter is longer than 300 characters; slugs have at most 120.',
    code: 'PATH_PARAMETER_TOO_LONG',
    instance: `/v1/tags/${parameter}`
  })
})

t.test('the spec promises the 414 wherever a path has a parameter, and the 413 and 415 wherever a body may be sent', async (t) => {
  const app = await buildTestApp(t)
  interface Operation { parameters?: Array<{ in: string }>, requestBody?: unknown, responses: Record<string, unknown> }
  const paths = (app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> }).paths
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`
      t.equal(operation.responses['414'] !== undefined, (operation.parameters ?? []).some((p) => p.in === 'path'), `${name}: 414`)
      const readsBody = operation.requestBody !== undefined || !['get', 'head'].includes(method)
      t.equal(operation.responses['413'] !== undefined, readsBody, `${name}: 413`)
      t.equal(operation.responses['415'] !== undefined, readsBody, `${name}: 415`)
    }
  }
})

t.test('headers larger than the server reads are a 431 problem', async (t) => {
  const app = await listeningApp(t)
  const res = await exchange(app, get('/v1/articles', `X-Padding: ${'a'.repeat(20 * 1024)}\r\n`))
  t.equal(res.status, 431)
  t.equal(res.headers['content-type'], 'application/problem+json')
  t.equal(Number(res.headers['content-length']), Buffer.byteLength(res.body))
  t.same(JSON.parse(res.body), {
    type: 'urn:problem:headers-too-large',
    title: 'Request Header Fields Too Large',
    status: 431,
    detail: 'The request headers are larger than the server reads; send fewer or shorter ones.',
    code: 'HEADERS_TOO_LARGE'
  })
})

t.test('a request that is not HTTP is a 400 problem', async (t) => {
  const app = await listeningApp(t)
  const res = await exchange(app, 'HELLO\r\n\r\n')
  t.equal(res.status, 400)
  t.equal(res.headers['content-type'], 'application/problem+json')
  t.match(JSON.parse(res.body), { status: 400, code: 'MALFORMED_REQUEST' })
})

t.test('a request that arrives while the service shuts down is a 503 problem', async (t) => {
  const app = await buildApp(TEST_CONFIG)
  let during: RawResponse | undefined
  // preClose hooks run before the server stops listening: a request sent from one arrives mid-shutdown.
  app.addHook('preClose', async () => { during = await exchange(app, get('/v1/articles')) })
  await app.listen({ port: 0, host: '127.0.0.1' })
  await app.close()
  t.equal(during?.status, 503)
  t.equal(during?.headers['content-type'], PROBLEM_JSON)
  t.equal(during?.headers.connection, 'close')
  t.same(JSON.parse(during?.body ?? ''), {
    type: 'urn:problem:shutting-down',
    title: 'Service Unavailable',
    status: 503,
    detail: 'This instance is shutting down and takes no new requests; send the request again.',
    code: 'SHUTTING_DOWN',
    instance: '/v1/articles'
  })
})

t.test('a text/plain body is a 415 problem on POST and on PATCH, and changes nothing', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const id = await insertTag(app, 'climate')
  const headers = { ...editor, 'content-type': 'text/plain' }
  const posted = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers, payload: 'Water' })
  const patched = await app.inject({ method: 'PATCH', url: `/v1/admin/tags/${id}`, headers, payload: 'Water' })
  for (const res of [posted, patched]) {
    t.equal(res.statusCode, 415)
    t.equal(res.headers['content-type'], PROBLEM_JSON)
    t.match(res.json(), {
      type: 'urn:problem:unsupported-media-type',
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'The body must be JSON, sent with Content-Type: application/json.',
      code: 'UNSUPPORTED_MEDIA_TYPE'
    })
  }
  t.equal(patched.json().instance, `/v1/admin/tags/${id}`)
  t.equal(await countRows(app, 'tags'), 1)
  t.match(await row(app, 'tags', { id }), { slug: 'climate', name: 'climate' })
})

t.test('a body without a Content-Type is a 415 problem, even when it reads as JSON', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: await authHeader(app, 'editor'), payload: '{"name":"Water"}' })
  t.equal(res.statusCode, 415)
  t.match(res.json(), { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The request has a body but no Content-Type: send JSON with Content-Type: application/json.' })
  t.equal(await countRows(app, 'tags'), 0)
})

t.test('a JSON body with bytes that are not UTF-8 is a 400 problem, and nothing is stored', async (t) => {
  const app = await buildTestApp(t)
  const headers = { ...await authHeader(app, 'editor'), 'content-type': 'application/json' }
  // "Café" in Latin-1: é is the lone byte 0xE9, which Fastify's own parser turned into U+FFFD.
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers, payload: Buffer.from('{"name":"Caf\xe9"}', 'latin1') })
  t.equal(res.statusCode, 400)
  t.equal(res.headers['content-type'], PROBLEM_JSON)
  t.match(res.json(), { status: 400, code: 'INVALID_JSON', detail: 'The body is not valid JSON: it holds bytes that are not UTF-8.' })
  t.equal(await countRows(app, 'tags'), 0)
})

t.test('a JSON body declared in a charset other than UTF-8 is a 415 problem, and one declared in UTF-8 is read', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const latin1 = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: { ...editor, 'content-type': 'application/json; charset=ISO-8859-1' }, payload: '{"name":"Water"}' })
  t.equal(latin1.statusCode, 415)
  t.match(latin1.json(), { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The body must be JSON in UTF-8, not iso-8859-1.' })
  t.equal(await countRows(app, 'tags'), 0)
  const utf8 = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: { ...editor, 'content-type': 'application/json; charset="UTF-8"' }, payload: Buffer.from('{"name":"Café"}') })
  t.equal(utf8.statusCode, 201)
  t.equal(utf8.json().name, 'Café')
})

t.test('a known path asked with a method it lacks is a 405 problem with the methods it has in Allow', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'DELETE', url: '/v1/articles/some-slug?x=1' })
  t.equal(res.statusCode, 405)
  t.equal(res.headers.allow, 'GET, HEAD')
  t.equal(res.headers['content-type'], PROBLEM_JSON)
  t.same(res.json(), {
    type: 'urn:problem:method-not-allowed',
    title: 'Method Not Allowed',
    status: 405,
    detail: '/v1/articles/some-slug does not answer DELETE; it answers GET, HEAD.',
    code: 'METHOD_NOT_ALLOWED',
    instance: '/v1/articles/some-slug'
  })
})

t.test('an Admin API path lists every method it has, whoever asks', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'PUT', url: '/v1/admin/articles/1' })
  t.equal(res.statusCode, 405)
  t.equal(res.headers.allow, 'GET, HEAD, PATCH, DELETE')
})

t.test('DELETE on the Content API deletes nothing', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const articles = await countRows(app, 'articles')
  for (const url of ['/v1/articles/1', `/v1/articles/${FLAGSHIP_SLUG}`]) {
    const res = await app.inject({ method: 'DELETE', url, headers: await authHeader(app, 'admin') })
    t.equal(res.statusCode, 405, url)
  }
  t.equal(await countRows(app, 'articles'), articles)
  t.equal((await app.inject({ url: `/v1/articles/${FLAGSHIP_SLUG}` })).statusCode, 200)
})

t.test('an unknown path is a 404 problem whatever the method', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'DELETE', url: '/v1/nothing' })
  t.equal(res.statusCode, 404)
  t.equal(res.headers.allow, undefined)
  t.match(res.json(), { code: 'ROUTE_NOT_FOUND', instance: '/v1/nothing' })
})

t.test('a target in absolute form is answered, with links built from PUBLIC_BASE_URL and never from its host', async (t) => {
  const app = await listeningApp(t)
  const res = await exchange(app, get('http://evil.example/v1/articles?limit=1'))
  t.equal(res.status, 200)
  t.match(res.headers.link, /^<http:\/\/news\.test:8080\/v1\/articles\?limit=1&cursor=[\w-]+>; rel="next"$/)
  t.equal(JSON.parse(res.body).data.length, 1)
})

t.test('an old slug asked in absolute form redirects within PUBLIC_BASE_URL', async (t) => {
  const app = await listeningApp(t)
  const editor = await authHeader(app, 'editor')
  const { id } = await row(app, 'articles', { slug: FLAGSHIP_SLUG }) as { id: number }
  const renamed = await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: editor, payload: { slug: 'lake-chad-fishermen-return' } })
  t.equal(renamed.statusCode, 200)
  const res = await exchange(app, get(`http://evil.example/v1/articles/${FLAGSHIP_SLUG}/related?limit=2`))
  t.equal(res.status, 301)
  t.equal(res.headers.location, 'http://news.test:8080/v1/articles/lake-chad-fishermen-return/related?limit=2')
})

t.test('a problem names the path alone as its instance, whatever form the target had', async (t) => {
  const app = await listeningApp(t)
  const res = await exchange(app, get('http://evil.example/v1/articles/nothing-here/related?limit=1'))
  t.equal(res.status, 404)
  t.match(JSON.parse(res.body), { code: 'ARTICLE_NOT_FOUND', instance: '/v1/articles/nothing-here/related' })
  t.notMatch(res.body, 'evil.example')
})

t.test('a query string with broken percent-encoding is a 400 problem, as a path with it is', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  for (const url of ['/v1/articles?tag=%zz', '/v1/articles?q=%E2%82', '/v1/tags?%zz=1']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { code: 'BAD_URL' })
  }
  t.equal((await app.inject({ url: '/v1/articles?q=%C3%A9lections%20%25' })).statusCode, 200, 'well-formed escapes are read')
})

t.test('an error outside any route is never stored by a cache', async (t) => {
  const app = await buildTestApp(t)
  for (const request of [{ url: '/v1/admin/nope' }, { method: 'PUT' as const, url: '/v1/admin/articles/1' }, { url: '/v1/sections/%zz' }, { url: '/v1/nope' }]) {
    const res = await app.inject(request)
    t.equal(res.headers['cache-control'], 'no-store', `${request.url} answers ${res.statusCode}`)
  }
})

t.test('an unknown Admin API path gives no CORS header to an origin the Admin API does not allow', async (t) => {
  const app = await buildTestApp(t, { corsOrigins: ['*'] })
  for (const request of [{ url: '/v1/admin/nope' }, { method: 'PUT' as const, url: '/v1/admin/articles/1' }]) {
    const res = await app.inject({ ...request, headers: { origin: 'https://evil.example' } })
    t.equal(res.headers['access-control-allow-origin'], undefined, `${request.url} answers ${res.statusCode} without it`)
  }
  const tool = TEST_CONFIG.adminCorsOrigins[0] as string
  const res = await app.inject({ url: '/v1/admin/nope', headers: { origin: tool } })
  t.equal(res.headers['access-control-allow-origin'], tool, 'the newsroom\'s tool reads the 404 under its own origin, not under *')
})

t.test('a 401 names the Bearer scheme in WWW-Authenticate, and says when the token sent is not valid', async (t) => {
  const app = await buildTestApp(t)
  t.equal((await app.inject({ url: '/v1/admin/tokens' })).headers['www-authenticate'], 'Bearer')
  t.equal((await app.inject({ url: '/v1/admin/tokens', headers: { authorization: 'Bearer nope' } })).headers['www-authenticate'], 'Bearer error="invalid_token"')
})

t.test('a missing static file under /docs is a 404, not a 405 naming the method asked', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/docs/static/nope.js' })
  t.equal(res.statusCode, 404)
  t.equal(res.headers.allow, undefined)
})

t.test('an over-long parameter is a 414 whatever the method, never a 405', async (t) => {
  const app = await buildTestApp(t)
  for (const method of ['GET', 'DELETE', 'PUT', 'PATCH'] as const) {
    const res = await app.inject({ method, url: `/v1/articles/${'a'.repeat(301)}` })
    t.equal(res.statusCode, 414, method)
    t.equal(res.headers.allow, undefined)
  }
})

t.test('a request line longer than the server reads is a 414 problem, not one about headers', async (t) => {
  const app = await listeningApp(t)
  const res = await exchange(app, get(`/v1/articles?q=${'a'.repeat(20_000)}`))
  t.equal(res.status, 414)
  t.equal(res.headers['content-type'], 'application/problem+json')
  t.match(JSON.parse(res.body), { code: 'URI_TOO_LONG' })
})

t.test('a target in absolute form with any scheme is never echoed back', async (t) => {
  const app = await listeningApp(t)
  const res = await exchange(app, get('ftp://evil.example/v1/nothing-here'))
  t.equal(res.status, 404)
  t.equal(JSON.parse(res.body).instance, '/v1/nothing-here')
  t.notMatch(res.body, /evil\.example/)
})

t.test('a write the database cannot serve in time is a 503 problem with Retry-After, and leaves nothing behind', async (t) => {
  const database = await lastingDatabase(t, `${t.testdir()}/news.db`)
  // PostgreSQL waits for a lock as long as the statement timeout lets it; SQLite, as long as its busy_timeout (5 s).
  const app = await buildTestApp(t, { ...database, databaseStatementTimeoutMs: 300 })
  const editor = await authHeader(app, 'editor')
  const sectionId = await insertSection(app)
  const release = await holdWriteLock(app)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: { headline: 'Held up', body: SIMPLE_BODY, sectionId } })
  await release()
  t.equal(res.statusCode, 503)
  t.equal(res.headers['content-type'], PROBLEM_JSON)
  t.equal(res.headers['retry-after'], '2')
  t.match(res.json(), { status: 503, code: 'DATABASE_UNAVAILABLE', detail: /send it again/ })
  t.equal(await countRows(app, 'articles'), 0)
})

/** Holds the articles table from another connection, as another process's long write would, until released. */
async function holdWriteLock (app: FastifyInstance): Promise<() => Promise<void>> {
  if (TEST_ENGINE === 'postgres') {
    const client = new pg.Client({ connectionString: app.config.databaseUrl as string })
    await client.connect()
    await client.query('begin')
    await client.query('lock table articles in access exclusive mode')
    return async () => { await client.query('rollback'); await client.end() }
  }
  const other = new Database(app.config.databasePath)
  other.exec('begin immediate')
  return async () => { other.exec('rollback'); other.close() }
}
