// Rate limits for the whole API: per address without a token, per token with one, 429 problem+json with Retry-After
// and the RateLimit headers; shared through Redis when REDIS_URL names one, and no obstacle when Redis is down.
import t, { type Test } from 'tap'
import { randomInt } from 'node:crypto'
import { Writable } from 'node:stream'
import { skipWithoutRedis, TEST_REDIS_URL } from '../helpers/redis.js'
import { authHeader, buildTestApp, TEST_CONFIG } from '../helpers/app.js'

const PROBLEM = /^application\/problem\+json/

// Tests in parallel share one Redis: each client address is random, so each test's counts are its own.
const clientAddress = () => `198.51.${randomInt(256)}.${randomInt(256)}`

const limited = (t: Test, perAddress: number, perToken: number, redisUrl: string | null = null) =>
  buildTestApp(t, { rateLimitPerMinute: perAddress, rateLimitTokenPerMinute: perToken, redisUrl })

t.test('past the limit an address gets 429 problem+json with Retry-After and the RateLimit headers', async (t) => {
  const app = await limited(t, 3, 100)
  for (let n = 1; n <= 3; n++) {
    const res = await app.inject({ url: '/v1/sections' })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['ratelimit-limit'], '3')
    t.equal(res.headers['ratelimit-remaining'], String(3 - n))
    t.ok(Number(res.headers['ratelimit-reset']) > 0 && Number(res.headers['ratelimit-reset']) <= 60)
  }
  const refused = await app.inject({ url: '/v1/articles' })
  t.equal(refused.statusCode, 429, 'any route counts against the same limit')
  t.match(refused.headers['content-type'], PROBLEM)
  t.match(refused.headers, { 'ratelimit-limit': '3', 'ratelimit-remaining': '0', 'retry-after': /^\d+$/ })
  t.equal(refused.headers['retry-after'], refused.headers['ratelimit-reset'])
  t.match(refused.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'a refusal carries its request id too')
  t.same(refused.json(), {
    type: 'urn:problem:rate-limited',
    title: 'Too Many Requests',
    status: 429,
    code: 'RATE_LIMITED',
    detail: `This address may make 3 requests a minute without a token. Try again in ${refused.headers['retry-after']} s, as Retry-After says.`,
    instance: '/v1/articles'
  })
})

t.test('unknown routes count against the limit too', async (t) => {
  const app = await limited(t, 2, 100)
  t.equal((await app.inject({ url: '/v1/guess-1' })).statusCode, 404)
  t.equal((await app.inject({ url: '/v1/guess-2' })).statusCode, 404)
  t.equal((await app.inject({ url: '/v1/guess-3' })).statusCode, 429)
})

t.test('a request with an unknown or malformed token counts against its address, so a flood of made-up tokens is limited too', async (t) => {
  const app = await limited(t, 2, 100)
  t.equal((await app.inject({ url: '/v1/sections', headers: { authorization: 'Bearer made-up-1' } })).statusCode, 401)
  t.equal((await app.inject({ url: '/v1/admin/articles', headers: { authorization: 'Basic bm90OmFwaQ==' } })).statusCode, 401)
  const refused = await app.inject({ url: '/v1/sections', headers: { authorization: 'Bearer made-up-3' } })
  t.equal(refused.statusCode, 429)
  t.equal(refused.json().code, 'RATE_LIMITED')
})

t.test('another address has a limit of its own', async (t) => {
  const app = await limited(t, 1, 100)
  t.equal((await app.inject({ url: '/v1/sections', remoteAddress: '198.51.100.1' })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/sections', remoteAddress: '198.51.100.1' })).statusCode, 429)
  t.equal((await app.inject({ url: '/v1/sections', remoteAddress: '198.51.100.2' })).statusCode, 200)
})

t.test('behind a trusted proxy each client is counted by the address the proxy saw, not by what it wrote', async (t) => {
  const app = await buildTestApp(t, { rateLimitPerMinute: 2, rateLimitTokenPerMinute: 100, trustProxy: ['10.0.0.0/8'] })
  const via = (forwardedFor: string) => app.inject({ url: '/v1/sections', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': forwardedFor } })
  t.equal((await via('203.0.113.1, 198.51.100.7')).statusCode, 200)
  t.equal((await via('203.0.113.2, 198.51.100.7')).statusCode, 200)
  t.equal((await via('203.0.113.3, 198.51.100.7')).statusCode, 429, 'a new forged address does not reset the count')
  t.equal((await via('198.51.100.8')).statusCode, 200, 'another client behind the same proxy')
})

t.test('a token is counted on its own, apart from its address and from other tokens, against its own limit', async (t) => {
  const app = await limited(t, 2, 3)
  const [editor, other] = [await authHeader(app, 'editor'), await authHeader(app, 'editor')]
  for (let n = 0; n < 2; n++) t.equal((await app.inject({ url: '/v1/sections' })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/sections' })).statusCode, 429, 'the address has used its requests')
  for (let n = 0; n < 3; n++) {
    const res = await app.inject({ url: '/v1/admin/articles', headers: editor })
    t.equal(res.statusCode, 200, 'the token still has its own')
    t.equal(res.headers['ratelimit-limit'], '3')
  }
  const refused = await app.inject({ url: '/v1/sections', headers: editor })
  t.equal(refused.statusCode, 429)
  t.match(refused.json(), { code: 'RATE_LIMITED', detail: /^This token may make 3 requests a minute\. Try again in \d+ s/ })
  t.equal((await app.inject({ url: '/v1/admin/articles', headers: other })).statusCode, 200, 'another token from the same address')
})

t.test('a limit of 0 turns that limit off', async (t) => {
  const app = await limited(t, 0, 1)
  const editor = await authHeader(app, 'editor')
  for (let n = 0; n < 5; n++) {
    const res = await app.inject({ url: '/v1/sections' })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['ratelimit-limit'], undefined)
  }
  t.equal((await app.inject({ url: '/v1/sections', headers: editor })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/sections', headers: editor })).statusCode, 429, 'tokens are still limited')
})

t.test('health checks are never limited', async (t) => {
  const app = await limited(t, 1, 1)
  for (let n = 0; n < 3; n++) {
    const res = await app.inject({ url: '/health' })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['ratelimit-limit'], undefined)
  }
})

t.test('a browser script on an allowed origin can read a 429 and its headers', async (t) => {
  const app = await limited(t, 1, 1)
  const origin = TEST_CONFIG.corsOrigins[0] as string
  await app.inject({ url: '/v1/sections', headers: { origin } })
  const refused = await app.inject({ url: '/v1/sections', headers: { origin } })
  t.equal(refused.statusCode, 429)
  t.equal(refused.headers['access-control-allow-origin'], origin)
  t.match(refused.headers['access-control-expose-headers'], /\bRetry-After\b.*\bRateLimit-Limit\b.*\bRateLimit-Remaining\b.*\bRateLimit-Reset\b/)
})

t.test('every operation but the health checks documents its 429, with Retry-After and the RateLimit headers', async (t) => {
  const app = await buildTestApp(t)
  const document = app.swagger() as unknown as { paths: Record<string, Record<string, { operationId: string, responses: Record<string, { headers?: object }> }>> }
  const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.values(item).map((operation) => ({ path, ...operation })))
  t.ok(operations.length > 50)
  for (const { path, operationId, responses } of operations) {
    if (path.startsWith('/health')) {
      t.notOk(responses[429], operationId)
      continue
    }
    t.match(responses[429]?.headers, { 'Retry-After': {}, 'RateLimit-Limit': {}, 'RateLimit-Remaining': {}, 'RateLimit-Reset': {} }, operationId)
  }
})

const noRedis = await skipWithoutRedis()

t.test('with REDIS_URL, two instances count one address together', { skip: noRedis }, async (t) => {
  const [one, two] = [await limited(t, 2, 100, TEST_REDIS_URL), await limited(t, 2, 100, TEST_REDIS_URL)]
  const remoteAddress = clientAddress()
  t.equal((await one.inject({ url: '/v1/sections', remoteAddress })).statusCode, 200)
  t.equal((await two.inject({ url: '/v1/sections', remoteAddress })).statusCode, 200)
  const third = await one.inject({ url: '/v1/sections', remoteAddress })
  t.equal(third.statusCode, 429, 'the third request in the minute is refused, whichever instance counted the first two')
  t.match(third.json(), { code: 'RATE_LIMITED' })
})

t.test('when Redis does not answer, the API still answers, without a limit, and says so in a warning once a minute', async (t) => {
  const warnings: string[] = []
  const logStream = new Writable({
    write (chunk, _encoding, done) {
      const line = JSON.parse(String(chunk)) as { level: number, msg: string }
      if (line.level === 40) warnings.push(line.msg)
      done()
    }
  })
  // Port 1 on this machine: nothing listens there, so every connection is refused at once.
  const app = await buildTestApp(t, { rateLimitPerMinute: 1, rateLimitTokenPerMinute: 1, redisUrl: 'redis://127.0.0.1:1', logLevel: 'warn' }, { logStream })
  const statuses = []
  for (let n = 0; n < 3; n++) statuses.push((await app.inject({ url: '/v1/sections' })).statusCode)
  t.same(statuses, [200, 200, 200])
  t.equal(warnings.filter((msg) => msg === 'Redis does not answer: requests are not rate limited until it does').length, 1)
})
