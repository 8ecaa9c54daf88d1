import t from 'tap'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { buildTestApp, TEST_CONFIG } from '../helpers/app.js'

const ALLOWED = TEST_CONFIG.corsOrigins[0] as string
const NEWSROOM_TOOL = TEST_CONFIG.adminCorsOrigins[0] as string
const LIST_URL = '/v1/articles?limit=50'

t.test('an allowed origin may read the response and the validation, paging and redirect headers', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await app.inject({ url: '/v1/sections', headers: { origin: ALLOWED } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['access-control-allow-origin'], ALLOWED)
  t.equal(res.headers['access-control-expose-headers'], 'ETag, Last-Modified, Link, Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Request-Id')
  t.equal(res.headers['access-control-allow-credentials'], undefined)
  t.match(res.headers.vary, /origin/i)
})

t.test('an origin outside the list gets no CORS header at all', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await app.inject({ url: '/v1/sections', headers: { origin: 'https://evil.example' } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['access-control-allow-origin'], undefined)
  t.equal(res.headers['access-control-expose-headers'], undefined)
  t.match(res.headers.vary, /origin/i, 'caches keep the answers for each origin apart')
})

t.test('a preflight to the Admin API from a newsroom tool\'s origin allows the methods and the headers writers send', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({
    method: 'OPTIONS',
    url: '/v1/admin/articles/1',
    headers: { origin: NEWSROOM_TOOL, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type, if-match' }
  })
  t.equal(res.statusCode, 204)
  t.equal(res.headers['access-control-allow-origin'], NEWSROOM_TOOL)
  t.match(res.headers['access-control-allow-methods'], /\bPATCH\b/)
  t.match(res.headers['access-control-allow-methods'], /\bDELETE\b/)
  t.equal(res.headers['access-control-allow-headers'], 'Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since')
  t.equal(res.headers['access-control-max-age'], '600')
})

t.test('a preflight from an origin outside the list is not answered', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({
    method: 'OPTIONS',
    url: '/v1/admin/articles/1',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'PATCH' }
  })
  t.equal(res.statusCode, 404)
  t.equal(res.headers['access-control-allow-origin'], undefined)
  t.equal(res.headers['access-control-allow-methods'], undefined)
})

t.test('a refused token still carries CORS headers, so the browser script can read the 401', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/admin/tokens', headers: { origin: NEWSROOM_TOOL, authorization: 'Bearer not-a-token' } })
  t.equal(res.statusCode, 401)
  t.equal(res.headers['access-control-allow-origin'], NEWSROOM_TOOL)
})

t.test('an origin allowed to read the Content API is not allowed to call the Admin API', async (t) => {
  const app = await buildTestApp(t)
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/admin/articles/1',
    headers: { origin: ALLOWED, 'access-control-request-method': 'PATCH' }
  })
  t.equal(preflight.statusCode, 404)
  t.equal(preflight.headers['access-control-allow-origin'], undefined)
  const read = await app.inject({ url: '/v1/admin/tokens', headers: { origin: ALLOWED } })
  t.equal(read.headers['access-control-allow-origin'], undefined)
})

t.test('CORS_ORIGINS * opens the Content API to every origin, not the Admin API', async (t) => {
  const app = await buildTestApp(t, { corsOrigins: ['*'], adminCorsOrigins: [] })
  const content = await app.inject({ url: '/v1/sections', headers: { origin: 'https://anyone.example' } })
  t.equal(content.headers['access-control-allow-origin'], '*')
  const admin = await app.inject({ url: '/v1/admin/tokens', headers: { origin: 'https://anyone.example' } })
  t.equal(admin.statusCode, 401)
  t.equal(admin.headers['access-control-allow-origin'], undefined)
})

t.test('CORS_ORIGINS * lets any origin read, without varying on it', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true, corsOrigins: ['*'] })
  const res = await app.inject({ url: '/v1/sections', headers: { origin: 'https://anyone.example' } })
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.notMatch(res.headers.vary, /origin/i)
})

t.test('without CORS_ORIGINS no CORS header is sent', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true, corsOrigins: [] })
  const res = await app.inject({ url: '/v1/sections', headers: { origin: ALLOWED } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['access-control-allow-origin'], undefined)
})

t.test('a large response is gzipped for a client that accepts gzip, with the same ETag as the plain one', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const plain = await app.inject({ url: LIST_URL })
  t.ok(plain.rawPayload.length > 1024, 'the list is over the threshold')
  t.equal(plain.headers['content-encoding'], undefined)
  const res = await app.inject({ url: LIST_URL, headers: { 'accept-encoding': 'gzip' } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-encoding'], 'gzip')
  t.ok(res.rawPayload.length < plain.rawPayload.length)
  t.same(JSON.parse(gunzipSync(res.rawPayload).toString()), plain.json())
  t.equal(res.headers.etag, plain.headers.etag)
  t.match(res.headers.vary, /accept-encoding/i)
})

t.test('brotli is preferred when the client accepts it', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const plain = await app.inject({ url: LIST_URL })
  const res = await app.inject({ url: LIST_URL, headers: { 'accept-encoding': 'gzip, deflate, br' } })
  t.equal(res.headers['content-encoding'], 'br')
  t.same(JSON.parse(brotliDecompressSync(res.rawPayload).toString()), plain.json())
})

t.test('a small response is sent as it is', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await app.inject({ url: '/health', headers: { 'accept-encoding': 'gzip, br' } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-encoding'], undefined)
  t.same(res.json(), { status: 'ok', database: 'ok', migrations: 'current' })
})

t.test('a 304 has no body to compress', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const etag = (await app.inject({ url: LIST_URL })).headers.etag as string
  const res = await app.inject({ url: LIST_URL, headers: { 'accept-encoding': 'gzip, br', 'if-none-match': etag } })
  t.equal(res.statusCode, 304)
  t.equal(res.headers['content-encoding'], undefined)
  t.equal(res.rawPayload.length, 0)
})
