// The article route answers JSON or ninjs by Accept, and says so in Vary, without breaking browsers or caches.
import t from 'tap'
import { NINJS, ninjsItem, syndicationDesk, type Desk } from './ninjs-fixtures.js'

const JSON_TYPE = 'application/json; charset=utf-8'
const NINJS_TYPE = 'application/ninjs+json; charset=utf-8'

function varied (header: unknown): string[] {
  return String(header).split(',').map((name) => name.trim().toLowerCase())
}

const desk: Desk = await syndicationDesk(t)
const url = `/v1/articles/${desk.full.slug}`

t.test('without Accept, with */* or with a browser\'s Accept, the article is JSON', async (t) => {
  for (const accept of [undefined, '*/*', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/json']) {
    const res = await desk.app.inject({ url, headers: accept === undefined ? {} : { accept } })
    t.equal(res.statusCode, 200, String(accept))
    t.equal(res.headers['content-type'], JSON_TYPE, String(accept))
    t.equal(res.json().slug, desk.full.slug)
  }
})

t.test('Accept: application/ninjs+json, or preferring it, gets the ninjs item', async (t) => {
  for (const accept of [NINJS, `${NINJS}, application/json;q=0.9`, 'application/json;q=0.5, */*']) {
    const res = await desk.app.inject({ url, headers: { accept } })
    t.equal(res.statusCode, 200, accept)
    t.equal(res.headers['content-type'], NINJS_TYPE, accept)
    t.equal(res.json().slugline, desk.full.slug)
  }
})

t.test('an Accept that allows neither type is a 406 problem naming both, which no cache keeps', async (t) => {
  const res = await desk.app.inject({ url, headers: { accept: 'text/html' } })
  t.equal(res.statusCode, 406)
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(res.json(), { status: 406, code: 'NOT_ACCEPTABLE', detail: /application\/json or application\/ninjs\+json/ })
  t.equal(res.headers['cache-control'], 'no-store')
  t.ok(varied(res.headers.vary).includes('accept'))
})

t.test('both representations vary by Accept, and the ninjs one by Authorization too, as it shows partners more', async (t) => {
  const json = await desk.app.inject({ url })
  t.ok(varied(json.headers.vary).includes('accept'))
  t.notOk(varied(json.headers.vary).includes('authorization'), 'the JSON is the same for every reader')
  const ninjs = await ninjsItem(desk, desk.full.slug)
  t.ok(varied(ninjs.headers.vary).includes('accept'))
  t.ok(varied(ninjs.headers.vary).includes('authorization'))
})

t.test('the two representations have different ETags, and each revalidates to a 304', async (t) => {
  const json = await desk.app.inject({ url })
  const ninjs = await ninjsItem(desk, desk.full.slug)
  t.not(ninjs.headers.etag, json.headers.etag)
  const revalidated = await desk.app.inject({ url, headers: { accept: NINJS, 'if-none-match': ninjs.headers.etag as string } })
  t.equal(revalidated.statusCode, 304)
  t.equal(revalidated.headers['content-type'], undefined)
})

t.test('a partner revalidating a ninjs item with its token gets a 304, private', async (t) => {
  const first = await ninjsItem(desk, desk.full.slug, desk.partner)
  t.equal(first.headers['cache-control'], 'private, max-age=60')
  const res = await ninjsItem(desk, desk.full.slug, { ...desk.partner, 'if-none-match': first.headers.etag as string })
  t.equal(res.statusCode, 304)
  t.equal(res.headers['cache-control'], 'private, max-age=60')
})

t.test('a public ninjs item names the article, its section, authors and tags for a CDN, as the JSON does', async (t) => {
  const json = await desk.app.inject({ url })
  const ninjs = await ninjsItem(desk, desk.full.slug)
  t.equal(ninjs.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300')
  t.same(String(ninjs.headers['surrogate-key']).split(' ').sort(), String(json.headers['surrogate-key']).split(' ').sort())
  t.match(ninjs.headers['surrogate-key'], new RegExp(`\\barticle-${desk.full.id}\\b`))
})

t.test('HEAD negotiates as GET does', async (t) => {
  const res = await desk.app.inject({ method: 'HEAD', url, headers: { accept: NINJS } })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], NINJS_TYPE)
  t.equal(res.body, '')
})

t.test('an unknown slug asked for in ninjs is a 404 problem', async (t) => {
  const res = await ninjsItem(desk, 'no-such-article')
  t.equal(res.statusCode, 404)
  t.match(res.json(), { code: 'ARTICLE_NOT_FOUND' })
  t.ok(varied(res.headers.vary).includes('authorization'), 'a partner might be shown what the public is not')
})

t.test('a draft is not found in ninjs, with a token or without', async (t) => {
  t.equal((await ninjsItem(desk, desk.draft.slug)).statusCode, 404)
  t.equal((await ninjsItem(desk, desk.draft.slug, desk.partner)).statusCode, 404)
})

t.test('an old slug asked for in ninjs answers 301 to the current one', async (t) => {
  const moved = await desk.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${desk.plain.id}`, headers: desk.editor, payload: { slug: 'sahel-cup-final' } })
  t.equal(moved.statusCode, 200)
  const res = await ninjsItem(desk, desk.plain.slug)
  t.equal(res.statusCode, 301)
  t.equal(res.headers.location, 'http://news.test/v1/articles/sahel-cup-final')
  t.equal((await ninjsItem(desk, 'sahel-cup-final')).json().slugline, 'sahel-cup-final')
})
