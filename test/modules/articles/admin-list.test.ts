import t from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { authHeader } from '../../helpers/app.js'
import { row, updateRows } from '../../helpers/db.js'
import { filingDesk, insertAuthor, insertStoredArticle, SIMPLE_BODY, type Desk } from '../../helpers/fixtures.js'
import type { ArticleStatus } from '../../../src/modules/articles/articles.schemas.js'

type Headers = Record<string, string>

const desk = filingDesk

interface Stored {
  state?: ArticleStatus | 'withdrawn'
  sectionId?: number
  authorIds?: number[]
  tagIds?: number[]
  updatedAt?: string
  scheduledAt?: string
}

/** An article row with the times a test needs, which the API would stamp with the clock. */
async function stored (d: Desk, slug: string, options: Stored = {}): Promise<number> {
  const { sectionId = d.world, authorIds = [d.adrian], updatedAt = '2026-03-01T08:00:00.000Z', ...rest } = options
  const id = await insertStoredArticle(d.app, slug, { sectionId, authorIds, ...rest })
  await updateRows(d.app, 'articles', { updatedAt, scheduledAt: options.scheduledAt ?? null }, { id })
  return id
}

async function list (d: Desk, query: string, headers: Headers = d.editor): Promise<LightMyRequestResponse> {
  return d.app.inject({ url: `/v1/admin/articles?${query}`, headers })
}

async function slugs (d: Desk, query: string, headers: Headers = d.editor): Promise<string[]> {
  const res = await list(d, query, headers)
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.body}`)
  return res.json().data.map((article: { slug: string }) => article.slug)
}

/** Follows meta.nextCursor from the first page to the last, collecting slugs. */
async function walk (d: Desk, query: string): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res = await list(d, cursor === null ? query : `${query}&cursor=${cursor}`)
    if (res.statusCode !== 200) throw new Error(res.body)
    seen.push(...res.json().data.map((article: { slug: string }) => article.slug))
    cursor = res.json().meta.nextCursor
  } while (cursor !== null)
  return seen
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 8, minute)).toISOString()

t.test('an editor lists articles of every status, last changed first, privately', async (t) => {
  const d = await desk(t)
  await stored(d, 'the-draft', { state: 'draft', updatedAt: at(1) })
  await stored(d, 'the-scheduled', { state: 'scheduled', scheduledAt: '2026-04-01T06:00:00.000Z', updatedAt: at(5) })
  await stored(d, 'the-published', { state: 'published', updatedAt: at(3) })
  await stored(d, 'the-archived', { state: 'archived', updatedAt: at(2) })
  await stored(d, 'the-withdrawn', { state: 'withdrawn', updatedAt: at(4) })
  const res = await list(d, '')
  t.equal(res.statusCode, 200)
  t.equal(res.headers['cache-control'], 'private, no-store')
  t.same(res.json().data.map((article: { slug: string }) => article.slug), ['the-scheduled', 'the-withdrawn', 'the-published', 'the-archived', 'the-draft'])
  t.same(res.json().meta, { nextCursor: null, limit: 20 })
})

t.test('each item is the writer\'s summary: times, version and who changed it, without the body', async (t) => {
  const d = await desk(t)
  const res = await d.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: d.editor,
    payload: { headline: 'Grain reserve opens early', body: SIMPLE_BODY, sectionId: d.africa, authorIds: [d.adrian], tagIds: [d.water] }
  })
  const created = res.json()
  const [item] = (await list(d, '')).json().data
  t.same(item, {
    id: created.id,
    slug: 'grain-reserve-opens-early',
    url: 'https://www.news.test/africa/grain-reserve-opens-early',
    headline: 'Grain reserve opens early',
    subtitle: null,
    status: 'draft',
    withdrawnAt: null,
    section: { id: d.africa, slug: 'africa', name: 'Africa', url: 'https://www.news.test/africa' },
    authors: created.authors,
    tags: [{ id: d.water, slug: 'water', name: 'water', url: 'https://www.news.test/tags/water' }],
    featured: false,
    wordCount: created.wordCount,
    createdAt: created.createdAt,
    updatedAt: created.updatedAt,
    publishedAt: null,
    scheduledAt: null,
    version: 1,
    createdBy: created.createdBy,
    updatedBy: created.updatedBy
  })
})

t.test('status takes several statuses at once, repeated or comma-separated', async (t) => {
  const d = await desk(t)
  await stored(d, 'the-draft', { state: 'draft', updatedAt: at(3) })
  await stored(d, 'the-scheduled', { state: 'scheduled', scheduledAt: '2026-04-01T06:00:00.000Z', updatedAt: at(2) })
  await stored(d, 'the-published', { state: 'published', updatedAt: at(1) })
  t.same(await slugs(d, 'status=draft,scheduled'), ['the-draft', 'the-scheduled'])
  t.same(await slugs(d, 'status=scheduled&status=draft'), ['the-draft', 'the-scheduled'])
  t.same(await slugs(d, 'status=published'), ['the-published'])
})

t.test('an unknown status is a 400 naming it; withdrawn, not a status, points at withdrawn=true', async (t) => {
  const d = await desk(t)
  const res = await list(d, 'status=draft,withdrawn')
  t.equal(res.statusCode, 400)
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(res.json(), {
    code: 'UNKNOWN_STATUS',
    detail: 'status names unknown statuses: withdrawn. Allowed: draft, scheduled, published, archived. Withdrawal is not a status: ask for withdrawn=true.',
    errors: [{ path: '/querystring/status', message: 'must name statuses among draft, scheduled, published, archived' }]
  })
})

t.test('withdrawn=true lists the withdrawn articles, withdrawn=false the others', async (t) => {
  const d = await desk(t)
  await stored(d, 'the-withdrawn', { state: 'withdrawn', updatedAt: at(2) })
  await stored(d, 'the-published', { state: 'published', updatedAt: at(1) })
  const withdrawn = await list(d, 'withdrawn=true')
  t.same(withdrawn.json().data.map((article: { slug: string }) => article.slug), ['the-withdrawn'])
  t.match(withdrawn.json().data[0], { status: 'published', withdrawnAt: '2026-03-05T08:00:00.000Z' })
  t.same(await slugs(d, 'withdrawn=false&status=published'), ['the-published'])
})

t.test('section takes in its subsections; an unknown section matches nothing', async (t) => {
  const d = await desk(t)
  await stored(d, 'in-world', { sectionId: d.world, updatedAt: at(3) })
  await stored(d, 'in-africa', { state: 'draft', sectionId: d.africa, updatedAt: at(2) })
  await stored(d, 'in-business', { sectionId: d.business, updatedAt: at(1) })
  t.same(await slugs(d, 'section=world'), ['in-world', 'in-africa'])
  t.same(await slugs(d, 'section=africa'), ['in-africa'])
  t.same(await slugs(d, 'section=nowhere'), [])
})

t.test('author and tag each match any of their slugs, and combine with each other', async (t) => {
  const d = await desk(t)
  await stored(d, 'adrian-climate', { authorIds: [d.adrian], tagIds: [d.climate], updatedAt: at(3) })
  await stored(d, 'halima-water', { state: 'draft', authorIds: [d.halima], tagIds: [d.water], updatedAt: at(2) })
  await stored(d, 'halima-climate', { state: 'draft', authorIds: [d.halima], tagIds: [d.climate], updatedAt: at(1) })
  t.same(await slugs(d, 'author=halima-dembele'), ['halima-water', 'halima-climate'])
  t.same(await slugs(d, 'tag=water,climate'), ['adrian-climate', 'halima-water', 'halima-climate'])
  t.same(await slugs(d, 'author=halima-dembele&tag=climate'), ['halima-climate'])
})

t.test('updatedSince lists the articles changed at or after the time', async (t) => {
  const d = await desk(t)
  await stored(d, 'older', { updatedAt: at(1) })
  await stored(d, 'at-the-time', { state: 'draft', updatedAt: at(2) })
  await stored(d, 'newer', { state: 'draft', updatedAt: at(3) })
  t.same(await slugs(d, `updatedSince=${encodeURIComponent('2026-03-01T09:02:00+01:00')}`), ['newer', 'at-the-time'])
})

t.test('contributors and authors see only the articles that credit their own author, in every status', async (t) => {
  const d = await desk(t)
  await stored(d, 'adrian-draft', { state: 'draft', authorIds: [d.adrian], updatedAt: at(4) })
  await stored(d, 'shared-published', { state: 'published', authorIds: [d.halima, d.adrian], updatedAt: at(3) })
  await stored(d, 'halima-scheduled', { state: 'scheduled', scheduledAt: '2026-04-01T06:00:00.000Z', authorIds: [d.halima], updatedAt: at(2) })
  await stored(d, 'halima-draft', { state: 'draft', authorIds: [d.halima], updatedAt: at(1) })
  t.same(await slugs(d, '', await authHeader(d.app, 'contributor', d.halima)), ['shared-published', 'halima-scheduled', 'halima-draft'])
  t.same(await slugs(d, '', await authHeader(d.app, 'author', d.adrian)), ['adrian-draft', 'shared-published'])
  t.same(await slugs(d, 'status=draft', await authHeader(d.app, 'author', d.adrian)), ['adrian-draft'])
})

t.test('a contributor\'s search finds only their own articles', async (t) => {
  const d = await desk(t)
  await stored(d, 'adrian-draft', { state: 'draft', authorIds: [d.adrian], updatedAt: at(2) })
  await stored(d, 'halima-draft', { state: 'draft', authorIds: [d.halima], updatedAt: at(1) })
  t.same(await slugs(d, 'q=fishing', await authHeader(d.app, 'contributor', d.halima)), ['halima-draft'])
})

t.test('a contributor token whose author was deleted is refused with 403, not shown an empty list', async (t) => {
  const d = await desk(t)
  const gone = await insertAuthor(d.app, 'gone-reporter')
  const headers = await authHeader(d.app, 'contributor', gone)
  const deleted = await d.app.inject({ method: 'DELETE', url: `/v1/admin/authors/${gone}`, headers: d.editor })
  t.equal(deleted.statusCode, 204)
  t.match(await row(d.app, 'apiTokens', { role: 'contributor' }), { authorId: null })
  const res = await list(d, '', headers)
  t.equal(res.statusCode, 403)
  t.match(res.json(), { code: 'TOKEN_HAS_NO_AUTHOR' })
})

t.test('a partner token may not list unpublished work', async (t) => {
  const d = await desk(t)
  const res = await list(d, '', await authHeader(d.app, 'partner'))
  t.equal(res.statusCode, 403)
  t.match(res.json(), { code: 'ROLE_TOO_WEAK' })
})

t.test('the list needs a token', async (t) => {
  const d = await desk(t)
  const res = await d.app.inject({ url: '/v1/admin/articles' })
  t.equal(res.statusCode, 401)
  t.match(res.json(), { code: 'TOKEN_REQUIRED' })
})

t.test('a draft\'s words are found by q for an editor, with a snippet, but never by the public list', async (t) => {
  const d = await desk(t)
  const res = await d.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: d.editor,
    payload: { headline: 'Budget leak', body: [{ type: 'paragraph', text: 'The quetzal plan stays secret until Friday.' }], sectionId: d.world, authorIds: [d.adrian] }
  })
  t.equal(res.statusCode, 201)
  const found = await list(d, 'q=quetzal')
  t.same(found.json().data.map((article: { slug: string }) => article.slug), ['budget-leak'])
  t.equal(found.json().data[0].snippet, 'The <mark>quetzal</mark> plan stays secret until Friday.')
  const publicList = await d.app.inject({ url: '/v1/articles?q=quetzal' })
  t.equal(publicList.statusCode, 200)
  t.same(publicList.json().data, [])
})

t.test('text with nothing searchable in it lists nothing', async (t) => {
  const d = await desk(t)
  await stored(d, 'a-draft', { state: 'draft' })
  t.same(await slugs(d, `q=${encodeURIComponent('" * ()')}`), [])
})

t.test('paging by updatedAt walks articles that share a time once each, with no gaps, both ways', async (t) => {
  const d = await desk(t)
  const expected: string[] = []
  for (const [index, minute] of [1, 1, 1, 2, 2, 2, 3].entries()) {
    await stored(d, `story-${index}`, { state: index % 2 === 0 ? 'draft' : 'published', updatedAt: at(minute) })
    expected.push(`story-${index}`)
  }
  // Ties go by id, the same way as the time.
  t.same(await walk(d, 'limit=2&sort=updatedAt'), expected)
  t.same(await walk(d, 'limit=2'), [...expected].reverse())
})

t.test('the Link header carries the next page with its sort and filters', async (t) => {
  const d = await desk(t)
  await stored(d, 'first', { state: 'draft', updatedAt: at(2) })
  await stored(d, 'second', { state: 'draft', updatedAt: at(1) })
  const res = await list(d, 'status=draft&limit=1&sort=-updatedAt')
  t.equal(res.headers.link, `<http://news.test/v1/admin/articles?status=draft&limit=1&sort=-updatedAt&cursor=${res.json().meta.nextCursor}>; rel="next"`)
})

t.test('scheduledAt puts the next to go out first and the articles without a schedule last, across pages', async (t) => {
  const d = await desk(t)
  await stored(d, 'later', { state: 'scheduled', scheduledAt: '2026-04-02T06:00:00.000Z', updatedAt: at(1) })
  await stored(d, 'sooner', { state: 'scheduled', scheduledAt: '2026-04-01T06:00:00.000Z', updatedAt: at(2) })
  await stored(d, 'a-draft', { state: 'draft', updatedAt: at(3) })
  await stored(d, 'a-published', { state: 'published', updatedAt: at(4) })
  t.same(await walk(d, 'limit=1&sort=scheduledAt'), ['sooner', 'later', 'a-draft', 'a-published'])
  t.same(await walk(d, 'limit=1&sort=-scheduledAt'), ['later', 'sooner', 'a-published', 'a-draft'])
})

t.test('publishedAt and createdAt sorts leave out no article, drafts last', async (t) => {
  const d = await desk(t)
  await stored(d, 'old-story', { state: 'published' })
  await updateRows(d.app, 'articles', { publishedAt: '2026-01-01T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' }, { slug: 'old-story' })
  await stored(d, 'a-draft', { state: 'draft' })
  await updateRows(d.app, 'articles', { createdAt: '2026-02-01T00:00:00.000Z' }, { slug: 'a-draft' })
  await stored(d, 'new-story', { state: 'published' })
  await updateRows(d.app, 'articles', { publishedAt: '2026-03-01T00:00:00.000Z', createdAt: '2026-01-15T00:00:00.000Z' }, { slug: 'new-story' })
  t.same(await walk(d, 'limit=1&sort=-publishedAt'), ['new-story', 'old-story', 'a-draft'])
  t.same(await walk(d, 'limit=1&sort=publishedAt'), ['old-story', 'new-story', 'a-draft'])
  t.same(await walk(d, 'limit=1&sort=-createdAt'), ['a-draft', 'new-story', 'old-story'])
})

t.test('a cursor issued for another sort is refused with a 400', async (t) => {
  const d = await desk(t)
  await stored(d, 'first', { updatedAt: at(2) })
  await stored(d, 'second', { updatedAt: at(1) })
  const cursor = (await list(d, 'limit=1')).json().meta.nextCursor
  const res = await list(d, `limit=1&sort=updatedAt&cursor=${cursor}`)
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'CURSOR_SORT_MISMATCH' })
})

t.test('a cursor edited by hand is refused with a 400, on both engines alike', async (t) => {
  const d = await desk(t)
  const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url')
  const cases = {
    'no time on a sort every article has a time for': ['-updatedAt', forged(['-updatedAt', '', 3])],
    'a year PostgreSQL cannot store': ['-updatedAt', forged(['-updatedAt', '0000-01-01T00:00:00.000Z', 3])],
    'a time that is not one': ['scheduledAt', forged(['scheduledAt', 'soon', 3])],
    'not base64 JSON': ['-updatedAt', 'not-a-cursor']
  }
  for (const [name, [sort, cursor]] of Object.entries(cases)) {
    const res = await list(d, `sort=${sort}&cursor=${cursor}`)
    t.equal(res.statusCode, 400, name)
    t.match(res.json(), { code: 'INVALID_CURSOR' }, name)
  }
})

t.test('total=true adds meta.total, the count of every match whatever the cursor', async (t) => {
  const d = await desk(t)
  for (const minute of [1, 2, 3]) await stored(d, `draft-${minute}`, { state: 'draft', updatedAt: at(minute) })
  await stored(d, 'published', { updatedAt: at(4) })
  const first = await list(d, 'status=draft&limit=2&total=true')
  t.match(first.json().meta, { total: 3, limit: 2 })
  const second = await list(d, `status=draft&limit=2&total=true&cursor=${first.json().meta.nextCursor}`)
  t.match(second.json().meta, { total: 3, nextCursor: null })
})

t.test('without total=true there is no meta.total', async (t) => {
  const d = await desk(t)
  await stored(d, 'a-draft', { state: 'draft' })
  t.notOk('total' in (await list(d, 'status=draft')).json().meta)
  t.notOk('total' in (await list(d, 'status=draft&total=false')).json().meta)
})

t.test('an unknown query parameter is a 400 naming it', async (t) => {
  const d = await desk(t)
  const res = await list(d, 'sectoin=world')
  t.equal(res.statusCode, 400)
  t.match(res.json(), { errors: [{ path: '/querystring/sectoin' }] })
})
