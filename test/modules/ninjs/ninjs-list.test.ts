// The partners' ninjs list: full items a page at a time, the list API's filters, keyset cursors and Link headers.
import t from 'tap'
import { syndicationDesk, type Desk } from './ninjs-fixtures.js'

interface Item { slugline: string, versionCreated: string, pubStatus: string }

const desk: Desk = await syndicationDesk(t)
// An article first published long ago, for the publication-time filters.
const backdated = await desk.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${desk.plain.id}`, headers: desk.editor, payload: { publishedAt: '2025-06-01T08:00:00.000Z' } })
if (backdated.statusCode !== 200) throw new Error(`backdating failed: ${backdated.body}`)

async function list (query: string, headers: Record<string, string> = {}) {
  return desk.app.inject({ url: `/v1/ninjs${query}`, headers })
}

async function slugsOf (query: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await list(query, headers)
  if (res.statusCode !== 200) throw new Error(`GET /v1/ninjs${query} answered ${res.statusCode}: ${res.body}`)
  return (res.json().data as Item[]).map((item) => item.slugline)
}

t.test('the public list holds every published article, the withdrawn one canceled, and no embargoed article or draft', async (t) => {
  const items = (await list('?limit=100')).json().data as Item[]
  t.same(items.map((item) => item.slugline).sort(), [desk.full.slug, desk.plain.slug, desk.withdrawn.slug].sort())
  t.equal(items.find((item) => item.slugline === desk.withdrawn.slug)?.pubStatus, 'canceled')
})

t.test('a public page names the article collection and every entity it shows for a CDN, and a partner\'s page none', async (t) => {
  const keys = String((await list('?limit=100')).headers['surrogate-key']).split(' ')
  for (const key of ['articles', `article-${desk.full.id}`, `section-${desk.sections.africa}`, `author-${desk.authors.bea}`, `tag-${desk.tags.water}`]) {
    t.ok(keys.includes(key), key)
  }
  t.notOk(keys.includes(`article-${desk.embargoed.id}`), 'nothing of the embargoed article')
  t.equal((await list('?limit=100', desk.partner)).headers['surrogate-key'], undefined)
})

t.test('the list is last changed first by default, and first changed first with sort=updatedAt', async (t) => {
  const newest = (await list('?limit=100')).json().data as Item[]
  const times = newest.map((item) => item.versionCreated)
  t.same(times, [...times].sort().reverse())
  t.same(await slugsOf('?limit=100&sort=updatedAt'), newest.map((item) => item.slugline).reverse())
})

t.test('following the cursors visits every item once, in order, and the last page has no next', async (t) => {
  const all = await slugsOf('?limit=100&sort=updatedAt', desk.partner)
  const seen: string[] = []
  let query = '?limit=1&sort=updatedAt'
  for (let page = 0; page < 10; page++) {
    const res = await list(query, desk.partner)
    t.equal(res.statusCode, 200)
    const body = res.json()
    seen.push(...(body.data as Item[]).map((item) => item.slugline))
    t.equal(body.meta.limit, 1)
    if (body.meta.nextCursor === null) {
      t.equal(res.headers.link, undefined, 'no Link on the last page')
      break
    }
    const next = `?limit=1&sort=updatedAt&cursor=${body.meta.nextCursor}`
    t.equal(res.headers.link, `<http://news.test/v1/ninjs${next}>; rel="next"`)
    query = next
  }
  t.same(seen, all)
  t.equal(seen.length, 4)
})

t.test('section takes in its subsections', async (t) => {
  t.same((await slugsOf('?section=world&limit=100')).sort(), [desk.full.slug, desk.withdrawn.slug].sort())
  t.same(await slugsOf('?section=sport'), [desk.plain.slug])
  t.same(await slugsOf('?section=no-such-section'), [])
})

t.test('author and tag match any of the slugs given, repeated or comma-separated', async (t) => {
  t.same(await slugsOf('?author=bea-okafor'), [desk.full.slug])
  t.same((await slugsOf('?tag=water&tag=climate&limit=100', desk.partner)).sort(), [desk.full.slug, desk.withdrawn.slug, desk.embargoed.slug].sort())
  t.same((await slugsOf('?tag=water,climate&limit=100', desk.partner)).sort(), [desk.full.slug, desk.withdrawn.slug, desk.embargoed.slug].sort())
})

t.test('publishedAfter and publishedBefore bound the first publication', async (t) => {
  t.same(await slugsOf('?publishedBefore=2026-01-01T00:00:00Z'), [desk.plain.slug])
  t.notOk((await slugsOf('?publishedAfter=2026-01-01T00:00:00Z&limit=100')).includes(desk.plain.slug))
})

t.test('updatedSince gives what changed at or after a time, so a mirror can start from the last item it stored', async (t) => {
  const items = (await list('?limit=100&sort=updatedAt')).json().data as Item[]
  const from = (items[1] as Item).versionCreated
  const since = await slugsOf(`?limit=100&sort=updatedAt&updatedSince=${from}`)
  t.same(since, items.filter((item) => item.versionCreated >= from).map((item) => item.slugline))
  t.ok(since.includes((items[1] as Item).slugline), 'the item at that time itself')
})

t.test('an edit moves an article to the end of the sync order, with the next version', async (t) => {
  type Versioned = Item & { version: string }
  const before = ((await list('?limit=100')).json().data as Versioned[]).find((item) => item.slugline === desk.full.slug)
  const edit = await desk.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${desk.full.id}`, headers: desk.editor, payload: { subtitle: 'A new subtitle' } })
  t.equal(edit.statusCode, 200)
  const last = ((await list('?limit=100&sort=updatedAt')).json().data as Versioned[]).at(-1)
  t.equal(last?.slugline, desk.full.slug)
  t.equal(Number(last?.version), Number(before?.version) + 1)
})

t.test('a page holds at most 100 items', async (t) => {
  const res = await list('?limit=101')
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/limit' }] })
  t.equal((await list('?limit=0')).statusCode, 400)
})

t.test('a cursor this API did not issue, or one of another sort, is a 400', async (t) => {
  t.match((await list('?cursor=not-a-cursor')).json(), { status: 400, code: 'INVALID_CURSOR' })
  const next = (await list('?limit=1')).json().meta.nextCursor as string
  t.match((await list(`?limit=1&sort=updatedAt&cursor=${next}`)).json(), { status: 400, code: 'CURSOR_SORT_MISMATCH' })
  const yearZero = Buffer.from(JSON.stringify(['-updatedAt', '0000-01-01T00:00:00.000Z', 1])).toString('base64url')
  t.match((await list(`?cursor=${yearZero}`)).json(), { status: 400, code: 'INVALID_CURSOR' })
})

t.test('bad filters are 400 problems naming the parameter', async (t) => {
  t.match((await list('?publishedAfter=2026-02-01T00:00:00Z&publishedBefore=2026-01-01T00:00:00Z')).json(), { status: 400, code: 'EMPTY_DATE_RANGE' })
  t.match((await list('?updatedSince=yesterday')).json(), { status: 400, errors: [{ path: '/querystring/updatedSince' }] })
  t.match((await list('?sort=-publishedAt')).json(), { status: 400, errors: [{ path: '/querystring/sort' }] })
  t.match((await list('?q=lake')).json(), { status: 400, errors: [{ path: '/querystring/q', message: 'is not a known field' }] })
})
