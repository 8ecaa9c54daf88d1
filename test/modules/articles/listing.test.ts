import tap from 'tap'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp, type Teardown } from '../../helpers/app.js'
import { updateRows } from '../../helpers/db.js'
import { insertAuthor, insertSection, insertTag, SIMPLE_BODY } from '../../helpers/fixtures.js'

interface Site {
  app: FastifyInstance
  editor: { authorization: string }
  world: number
  africa: number
  sahel: number
  business: number
  adrian: number
  halima: number
  climate: number
  water: number
}

async function site (t: Teardown): Promise<Site> {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa', world)
  return {
    app,
    editor: await authHeader(app, 'editor'),
    world,
    africa,
    sahel: await insertSection(app, 'sahel', africa),
    business: await insertSection(app, 'business'),
    adrian: await insertAuthor(app, 'adrian-ovalle'),
    halima: await insertAuthor(app, 'halima-dembele'),
    climate: await insertTag(app, 'climate'),
    water: await insertTag(app, 'water')
  }
}

let day = 0
async function publish (s: Site, headline: string, fields: Record<string, unknown> = {}) {
  day++
  const res = await s.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: s.editor,
    payload: { headline, body: SIMPLE_BODY, sectionId: s.world, authorIds: [s.adrian], status: 'published', publishedAt: `2026-01-${String(day % 28 + 1).padStart(2, '0')}T${String(day % 24).padStart(2, '0')}:00:00.000Z`, ...fields }
  })
  if (res.statusCode !== 201) throw new Error(res.body)
  return res.json() as { id: number, slug: string, publishedAt: string }
}

async function headlines (s: Site, query: string): Promise<string[]> {
  const res = await s.app.inject({ url: `/v1/articles?${query}` })
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.body}`)
  return res.json().data.map((a: { headline: string }) => a.headline)
}

tap.test('section includes all its subsections, and an unknown section matches nothing', async (t) => {
  const s = await site(t)
  await publish(s, 'In world', { sectionId: s.world, publishedAt: '2026-01-01T00:00:00Z' })
  await publish(s, 'In africa', { sectionId: s.africa, publishedAt: '2026-01-02T00:00:00Z' })
  await publish(s, 'In sahel', { sectionId: s.sahel, publishedAt: '2026-01-03T00:00:00Z' })
  await publish(s, 'In business', { sectionId: s.business, publishedAt: '2026-01-04T00:00:00Z' })
  t.same(await headlines(s, 'section=world'), ['In sahel', 'In africa', 'In world'])
  t.same(await headlines(s, 'section=africa'), ['In sahel', 'In africa'])
  t.same(await headlines(s, 'section=business'), ['In business'])
  t.same(await headlines(s, 'section=nowhere'), [])
})

tap.test('paging a section with subsections walks every article once, newest first', async (t) => {
  const s = await site(t)
  const expected: string[] = []
  for (let i = 0; i < 7; i++) {
    const sectionId = [s.world, s.africa, s.sahel][i % 3]
    await publish(s, `Story ${i}`, { sectionId, publishedAt: `2026-02-0${i + 1}T00:00:00Z` })
    expected.unshift(`Story ${i}`)
  }
  await publish(s, 'Elsewhere', { sectionId: s.business, publishedAt: '2026-02-05T12:00:00Z' })
  const seen: string[] = []
  let url = '/v1/articles?section=world&limit=3'
  for (;;) {
    const { data, meta } = (await s.app.inject({ url })).json()
    seen.push(...data.map((a: { headline: string }) => a.headline))
    if (meta.nextCursor === null) break
    url = `/v1/articles?section=world&limit=3&cursor=${meta.nextCursor}`
  }
  t.same(seen, expected)
})

tap.test('author and tag take repeated or comma-separated slugs and match any of them', async (t) => {
  const s = await site(t)
  await publish(s, 'Adrian on climate', { authorIds: [s.adrian], tagIds: [s.climate] })
  await publish(s, 'Halima on water', { authorIds: [s.halima], tagIds: [s.water] })
  await publish(s, 'Both, untagged', { authorIds: [s.adrian, s.halima] })
  t.same(await headlines(s, 'author=halima-dembele'), ['Both, untagged', 'Halima on water'])
  t.same(await headlines(s, 'author=adrian-ovalle&author=halima-dembele'), ['Both, untagged', 'Halima on water', 'Adrian on climate'])
  t.same(await headlines(s, 'tag=climate'), ['Adrian on climate'])
  t.same(await headlines(s, 'tag=climate,water'), ['Halima on water', 'Adrian on climate'])
  t.same(await headlines(s, 'tag=climate&tag=water'), ['Halima on water', 'Adrian on climate'])
  t.same(await headlines(s, 'tag=nothing-like-it'), [])
  t.same(await headlines(s, 'tag=climate&author=halima-dembele'), [], 'different filters combine with AND')
})

tap.test('featured filters both ways', async (t) => {
  const s = await site(t)
  await publish(s, 'Front page', { featured: true })
  await publish(s, 'Inside page')
  t.same(await headlines(s, 'featured=true'), ['Front page'])
  t.same(await headlines(s, 'featured=false'), ['Inside page'])
})

tap.test('publishedAfter and publishedBefore bound the publication time, strictly', async (t) => {
  const s = await site(t)
  await publish(s, 'January', { publishedAt: '2026-01-15T00:00:00Z' })
  await publish(s, 'February', { publishedAt: '2026-02-15T00:00:00Z' })
  await publish(s, 'March', { publishedAt: '2026-03-15T00:00:00Z' })
  t.same(await headlines(s, 'publishedAfter=2026-01-15T00:00:00Z'), ['March', 'February'])
  t.same(await headlines(s, 'publishedBefore=2026-03-15T01:00:00%2B01:00'), ['February', 'January'], 'offsets are understood')
  t.same(await headlines(s, 'publishedAfter=2026-02-01T00:00:00Z&publishedBefore=2026-03-01T00:00:00Z'), ['February'])
})

tap.test('an impossible date range is a 400 problem', async (t) => {
  const s = await site(t)
  const res = await s.app.inject({ url: '/v1/articles?publishedAfter=2026-03-01T00:00:00Z&publishedBefore=2026-02-01T00:00:00Z' })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'EMPTY_DATE_RANGE', errors: [{ path: '/querystring/publishedBefore' }] })
})

tap.test('sorts: oldest first and last updated first', async (t) => {
  const s = await site(t)
  const first = await publish(s, 'First', { publishedAt: '2026-01-01T00:00:00Z' })
  await publish(s, 'Second', { publishedAt: '2026-01-02T00:00:00Z' })
  await s.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${first.id}`, headers: s.editor, payload: { subtitle: 'Edited last' } })
  t.same(await headlines(s, 'sort=publishedAt'), ['First', 'Second'])
  t.same(await headlines(s, 'sort=-updatedAt'), ['First', 'Second'])
  t.same(await headlines(s, ''), ['Second', 'First'])
})

tap.test('relevance without q is a 400 problem', async (t) => {
  const s = await site(t)
  const res = await s.app.inject({ url: '/v1/articles?sort=relevance' })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'RELEVANCE_NEEDS_Q' })
})

tap.test('paging while new articles are published yields no duplicates and no gaps', async (t) => {
  const s = await site(t)
  const before: string[] = []
  for (let i = 0; i < 9; i++) before.unshift((await publish(s, `Old ${i}`, { publishedAt: `2026-01-0${i + 1}T00:00:00Z` })).slug)
  for (const query of ['limit=2', 'limit=2&sort=publishedAt', 'limit=2&section=world', 'limit=2&author=adrian-ovalle']) {
    const seen: string[] = []
    let url = `/v1/articles?${query}`
    for (let page = 0; ; page++) {
      const { data, meta } = (await s.app.inject({ url })).json()
      seen.push(...data.map((a: { slug: string }) => a.slug))
      // Breaking news lands between two page loads, newest of all.
      await publish(s, `Breaking ${query} ${page}`, { publishedAt: new Date().toISOString() })
      if (meta.nextCursor === null) break
      url = `/v1/articles?${query}&cursor=${meta.nextCursor}`
    }
    const old = seen.filter((slug) => slug.startsWith('old-'))
    t.equal(new Set(seen).size, seen.length, `${query}: no duplicates`)
    t.same(query.includes('sort=publishedAt') ? old.reverse() : old, before, `${query}: every old article once, in order`)
  }
})

tap.test('a cursor used with another sort is a 400 problem', async (t) => {
  const s = await site(t)
  await publish(s, 'One')
  await publish(s, 'Two')
  const { meta } = (await s.app.inject({ url: '/v1/articles?limit=1' })).json()
  const res = await s.app.inject({ url: `/v1/articles?limit=1&sort=publishedAt&cursor=${meta.nextCursor}` })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'CURSOR_SORT_MISMATCH' })
})

tap.test('a tampered cursor is a 400 problem, never a 500', async (t) => {
  const s = await site(t)
  await publish(s, 'One')
  await publish(s, 'Two')
  const cursor = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url')
  const tampered = [
    cursor(['-publishedAt', 'not a time', 1]),
    cursor(['-publishedAt', '2026-01-01T00:00:00.000Z', -1]),
    cursor(['-publishedAt', '2026-01-01T00:00:00.000Z', 1.5]),
    cursor(['-publishedAt', 12, 1]),
    cursor(['-publishedAt', '2026-01-01T00:00:00.000Z']),
    cursor(['2026-01-01T00:00:00.000Z', 1]),
    cursor({ sort: '-publishedAt' }),
    cursor(['relevance', 'NaN', 1]),
    'bm90IGpzb24',
    '%E0%A4%A'
  ]
  // A relevance cursor holds a place in the ranking, never a score: a whole number from 1 to the window's size.
  const places = ['Infinity', '', '-4.83', '0', '1.5', '01', '2001'].map((place) => ['&q=story', cursor(['relevance', place, 1])])
  for (const [query, value] of [...tampered.map((c) => ['', c]), ...places, ['&section=world', cursor(['-publishedAt', 'x', 1])]]) {
    const res = await s.app.inject({ url: `/v1/articles?cursor=${value}${query}` })
    t.equal(res.statusCode, 400, `${value}${query}`)
    t.match(res.json(), { status: 400, code: /^(INVALID_CURSOR|CURSOR_SORT_MISMATCH|VALIDATION_FAILED|BAD_URL)$/ })
  }
})

tap.test('fields trims each item to the named fields', async (t) => {
  const s = await site(t)
  const article = await publish(s, 'Trimmed')
  const res = await s.app.inject({ url: '/v1/articles?fields=id,slug,headline' })
  t.equal(res.statusCode, 200)
  t.same(res.json().data, [{ id: article.id, slug: article.slug, headline: 'Trimmed' }])
})

tap.test('an unknown field is a 400 listing the allowed ones', async (t) => {
  const s = await site(t)
  const res = await s.app.inject({ url: '/v1/articles?fields=id,bodyHtml,password' })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'UNKNOWN_FIELDS', detail: /bodyHtml, password\. Allowed: id, slug, url, headline/, errors: [{ path: '/querystring/fields' }] })
})

tap.test('lists leave out withdrawn articles', async (t) => {
  const s = await site(t)
  const withdrawn = await publish(s, 'Retracted', { tagIds: [s.climate] })
  await publish(s, 'Standing', { tagIds: [s.climate] })
  await updateRows(s.app, 'articles', { withdrawnAt: '2026-04-01T00:00:00.000Z', withdrawnReason: 'Could not be verified.' }, { id: withdrawn.id })
  t.same(await headlines(s, ''), ['Standing'])
  t.same(await headlines(s, 'tag=climate'), ['Standing'])
  t.same(await headlines(s, 'section=world'), ['Standing'])
  t.same(await headlines(s, 'q=retracted'), [])
})

tap.test('too many slugs is a 400 problem', async (t) => {
  const s = await site(t)
  const tags = Array.from({ length: 51 }, (_, i) => `tag-${i}`).join(',')
  const res = await s.app.inject({ url: `/v1/articles?tag=${tags}` })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'TOO_MANY_SLUGS' })
})
