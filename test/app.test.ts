import t from 'tap'
import { Writable } from 'node:stream'
import { buildApp } from '../src/app.js'
import { authHeader, buildTestApp, TEST_CONFIG } from './helpers/app.js'

t.test('an unknown route is a 404 problem that points at the docs', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v2/nothing?x=1' })
  t.equal(res.statusCode, 404)
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.same(res.json(), {
    type: 'urn:problem:route-not-found',
    title: 'Not Found',
    status: 404,
    detail: 'There is no GET /v2/nothing. The API lives under /v1; see /docs for every route.',
    code: 'ROUTE_NOT_FOUND',
    instance: '/v2/nothing'
  })
})

t.test('malformed JSON is a 400 problem without a stack trace', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: { ...(await authHeader(app, 'editor')), 'content-type': 'application/json' }, payload: '{"name":' })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { status: 400, title: 'Bad Request', code: /JSON/ })
  t.notMatch(res.body, /at .*\.(js|ts):\d+/)
})

t.test('an unsupported content type is a 415 problem', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: { ...(await authHeader(app, 'editor')), 'content-type': 'application/xml' }, payload: '<tag/>' })
  t.equal(res.statusCode, 415)
  t.match(res.json(), { status: 415, title: 'Unsupported Media Type' })
})

t.test('a malformed Authorization header is a 401 problem, even on a public route', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/tags', headers: { authorization: 'Token abc' } })
  t.equal(res.statusCode, 401)
  t.match(res.json(), { code: 'INVALID_AUTHORIZATION' })
})

t.test('the health check answers 200 while the database answers', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/health' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'ok', database: 'ok', migrations: 'current' })
  t.equal(res.headers['cache-control'], 'no-store')
})

t.test('the health check answers 503 once the database is gone', async (t) => {
  const app = await buildTestApp(t)
  // Closing the store's connections underneath the app is how a lost database looks from inside.
  await app.store.close()
  const res = await app.inject({ url: '/health' })
  t.equal(res.statusCode, 503)
  t.match(res.json(), { code: 'DATABASE_UNAVAILABLE' })
})

t.test('the authorization header never reaches the logs', async (t) => {
  const lines: string[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const app = await buildApp({ ...TEST_CONFIG, logLevel: 'trace' }, { logStream })
  t.teardown(() => app.close())
  const headers = await authHeader(app, 'admin')
  await app.inject({ url: '/v1/admin/tokens', headers })
  await app.inject({ url: '/v1/admin/tokens', headers: { authorization: 'Bearer nca_wrong-secret' } })
  const secret = headers.authorization.split(' ')[1] as string
  t.ok(lines.length > 0, 'requests were logged')
  t.notOk(lines.some((line) => line.includes(secret) || line.includes('nca_wrong-secret')))
})

t.test('a preview token and the client address never reach the logs', async (t) => {
  const lines: string[] = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const app = await buildApp({ ...TEST_CONFIG, logLevel: 'info', trustProxy: ['loopback'] }, { logStream })
  t.teardown(() => app.close())
  await app.inject({ url: '/v1/previews/eyJhcnRpY2xlIjoxfQ.c2lnbmF0dXJl?x=1', headers: { 'x-forwarded-for': '203.0.113.77' } })
  t.ok(lines.some((line) => line.includes('/v1/previews/[redacted]?x=1')), 'the request was logged without its token')
  t.notOk(lines.some((line) => line.includes('eyJhcnRpY2xlIjoxfQ') || line.includes('203.0.113.77')))
})
