// X-Request-Id: a sane id from outside is kept, anything else replaced; every answer echoes it, every log line of the
// request carries it.
import t, { type Test } from 'tap'
import { Writable } from 'node:stream'
import { authHeader, buildTestApp } from '../helpers/app.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** An app whose log lines are kept, parsed, for the test to read. */
async function loggingApp (t: Test) {
  const lines: Array<Record<string, unknown>> = []
  const logStream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done() } })
  const app = await buildTestApp(t, { logLevel: 'info' }, { logStream })
  return { app, lines }
}

t.test('a sane X-Request-Id is echoed and is in every log line of the request', async (t) => {
  const { app, lines } = await loggingApp(t)
  lines.length = 0
  const res = await app.inject({ url: '/v1/sections', headers: { 'x-request-id': 'edge-7f3a:trace/42' } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['x-request-id'], 'edge-7f3a:trace/42')
  t.ok(lines.length >= 2, 'the request and its response were logged')
  t.same(lines.map((line) => line.requestId), lines.map(() => 'edge-7f3a:trace/42'))
  t.match(lines, [{ msg: 'incoming request' }, { msg: 'request completed', res: { statusCode: 200 } }])
})

t.test('without X-Request-Id each request gets a new UUID, echoed and logged', async (t) => {
  const { app, lines } = await loggingApp(t)
  lines.length = 0
  const [one, two] = [await app.inject({ url: '/v1/sections' }), await app.inject({ url: '/v1/sections' })]
  t.match(one.headers['x-request-id'], UUID)
  t.match(two.headers['x-request-id'], UUID)
  t.not(one.headers['x-request-id'], two.headers['x-request-id'])
  t.same(new Set(lines.map((line) => line.requestId)), new Set([one.headers['x-request-id'], two.headers['x-request-id']]))
})

t.test('an X-Request-Id too long or with characters that could forge a log line or a header is replaced', async (t) => {
  const { app, lines } = await loggingApp(t)
  for (const sent of ['x'.repeat(129), 'a b', 'id"}, {"admin":true', 'one,two', 'tab\there', '', 'é']) {
    lines.length = 0
    const res = await app.inject({ url: '/v1/sections', headers: { 'x-request-id': sent } })
    t.equal(res.statusCode, 200, JSON.stringify(sent))
    t.match(res.headers['x-request-id'], UUID, JSON.stringify(sent))
    t.notOk(lines.some((line) => JSON.stringify(line).includes(sent) && sent !== ''), 'the id sent is not logged')
  }
  const longest = 'x'.repeat(128)
  t.equal((await app.inject({ url: '/v1/sections', headers: { 'x-request-id': longest } })).headers['x-request-id'], longest, '128 characters are kept')
})

t.test('every answer carries the id: errors, unknown routes, refused tokens, malformed URLs and 304s', async (t) => {
  const { app } = await loggingApp(t)
  const sections = await app.inject({ url: '/v1/sections' })
  const cases = [
    { url: '/v1/nowhere', status: 404 },
    { url: '/v1/articles?limit=0', status: 400 },
    { url: '/v1/sections/%zz', status: 400 },
    { url: '/v1/admin/tokens', status: 401 },
    { url: '/v1/admin/tokens', status: 403, headers: await authHeader(app, 'partner') },
    { url: '/v1/sections', status: 304, headers: { 'if-none-match': sections.headers.etag as string } }
  ]
  for (const [n, { url, status, headers }] of cases.entries()) {
    const res = await app.inject({ url, headers: { ...headers, 'x-request-id': `case-${n}` } })
    t.equal(res.statusCode, status, url)
    t.equal(res.headers['x-request-id'], `case-${n}`, `${status} ${url}`)
  }
})
