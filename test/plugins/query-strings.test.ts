// A query parameter no route reads is refused: a typo never passes for an absent filter.
import t from 'tap'
import { authHeader, buildTestApp } from '../helpers/app.js'
import { countRows } from '../helpers/db.js'
import { insertArticle, READER, SLUG } from '../modules/replies/replies-fixtures.js'

const PROBLEM_JSON = 'application/problem+json; charset=utf-8'

t.test('a misspelt filter on the article list is a 400 naming it, not the unfiltered list', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/articles?sectoin=world' })
  t.equal(res.statusCode, 400)
  t.equal(res.headers['content-type'], PROBLEM_JSON)
  t.same(res.json(), {
    type: 'urn:problem:validation-failed',
    title: 'Bad Request',
    status: 400,
    detail: 'The query string is invalid: /querystring/sectoin is not a known field.',
    code: 'VALIDATION_FAILED',
    instance: '/v1/articles',
    errors: [{ path: '/querystring/sectoin', message: 'is not a known field' }]
  })
})

t.test('every unknown parameter is named, and so is a known one given a bad value', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/tags?limit=0&page=2&per_page=10' })
  t.equal(res.statusCode, 400)
  t.same(res.json().errors.map((error: { path: string }) => error.path).sort(), ['/querystring/limit', '/querystring/page', '/querystring/per_page'])
})

interface Parameter { in: string, name: string, example?: unknown }
interface Operation {
  security?: unknown[]
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { example?: unknown, examples?: Record<string, { value: unknown }> }> }
}

t.test('every operation refuses a parameter it does not read, whether it reads others or none', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const paths = (app.swagger() as { paths: Record<string, Record<string, Operation>> }).paths
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      // Path and body as documented, so that the query string is the one thing wrong with the request.
      const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => String(operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.example))
      const media = operation.requestBody?.content['application/json']
      const payload = media?.example ?? Object.values(media?.examples ?? {})[0]?.value
      const res = await app.inject({
        method: method.toUpperCase() as 'GET',
        url: `${url}?utm_source=newsletter`,
        headers: operation.security?.length ? admin : {},
        ...(payload === undefined ? {} : { payload: payload as object })
      })
      t.equal(res.statusCode, 400, `${method.toUpperCase()} ${path}`)
      t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/utm_source', message: 'is not a known field' }] }, `${method.toUpperCase()} ${path} names the parameter`)
    }
  }
})

t.test('a cache buster on a public read is refused, and no cache keeps the refusal', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const res = await app.inject({ url: `/v1/articles/${SLUG}?_=1767225600000` })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/_' }] })
  t.equal(res.headers['cache-control'], 'no-store')
})

t.test('a HEAD request is held to the parameters of its GET', async (t) => {
  const app = await buildTestApp(t)
  t.equal((await app.inject({ method: 'HEAD', url: '/v1/articles?sectoin=world' })).statusCode, 400)
  t.equal((await app.inject({ method: 'HEAD', url: '/v1/articles?section=world' })).statusCode, 200)
})

t.test('a reply sent with a parameter the route does not read is refused and not stored', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const res = await app.inject({ method: 'POST', url: `/v1/articles/${SLUG}/replies?notify=true`, payload: READER })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/notify' }] })
  t.equal(await countRows(app, 'replies'), 0)
})

t.test('Swagger UI\'s own pages are outside the API and take any query string', async (t) => {
  const app = await buildTestApp(t)
  t.equal((await app.inject({ url: '/docs/?v=2' })).statusCode, 200)
  t.equal((await app.inject({ url: '/docs/json?v=2' })).statusCode, 200)
})
