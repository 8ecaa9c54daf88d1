// Public lists assembled from stored summaries: every list of articles sends each item as its article's stored summary,
// in the statement that picks the page, and an article whose stored summary is not current is rendered afresh.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp, lastingDatabase, type Teardown } from '../../helpers/app.js'
import { countRows, deleteRows, execute, rows, sql, updateRows } from '../../helpers/db.js'
import { insertAuthor, insertSection, insertStoredArticle, insertTag } from '../../helpers/fixtures.js'
import { createWebAddresses } from '../../../src/shared/web-addresses.js'
import { createRepresentationRefresher } from '../../../src/modules/articles/articles.refresher.js'
import { entitiesOf, resourceOf } from '../../../src/shared/surrogate-keys.js'
import { createArticle, newsroom } from './newsroom.js'

async function refresh (app: FastifyInstance): Promise<number> {
  return createRepresentationRefresher({ store: app.store, links: createWebAddresses(app.config), log: app.log, intervalMs: 0, batchSize: 10 }).refreshStale()
}

async function storedSummaries (app: FastifyInstance): Promise<Map<number, string>> {
  return new Map((await rows(app, 'articleRepresentations')).map((row) => [row.articleId, row.summary]))
}

async function list (app: FastifyInstance, url: string) {
  const res = await app.inject({ url })
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res
}

/** A newsroom with a subsection, and three published articles, the newest first in `ids`. */
async function publishedNewsroom (t: Teardown) {
  const room = await newsroom(t)
  const sahel = await insertSection(room.app, 'sahel', room.sectionId)
  const markets = await insertTag(room.app, 'markets')
  const ids: number[] = []
  for (const [day, fields] of [
    { headline: 'Rains return to the Sahel', sectionId: sahel, tagIds: [room.tagId, markets] },
    { headline: 'Lake Chad rises again', featured: true },
    { headline: 'Ferries resume on the lake', sectionId: sahel }
  ].entries()) {
    ids.unshift((await createArticle(room, { status: 'published', publishedAt: `2026-03-0${day + 1}T08:00:00.000Z`, ...fields })).id)
  }
  return { room, sahel, ids }
}

t.test('a list is its articles\' stored summaries spliced as they are stored, with the meta after them', async (t) => {
  const { room, ids } = await publishedNewsroom(t)
  const summaries = await storedSummaries(room.app)
  const res = await list(room.app, '/v1/articles?limit=2')
  const [first, second] = ids.map((id) => summaries.get(id))
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(res.body, `{"data":[${first},${second}],"meta":{"nextCursor":${JSON.stringify(res.json().meta.nextCursor)},"limit":2}}`)
  t.type(res.json().meta.nextCursor, 'string')
  const total = await list(room.app, '/v1/articles?total=true')
  t.same(total.json().meta, { nextCursor: null, limit: 20, total: 3 })
})

t.test('every list of articles sends what is stored: a summary changed in storage alone shows in each', async (t) => {
  const { room, ids } = await publishedNewsroom(t)
  const [newest] = ids as [number]
  const summaries = await storedSummaries(room.app)
  const altered = { ...JSON.parse(summaries.get(newest) as string), headline: 'As stored' }
  await updateRows(room.app, 'articleRepresentations', { summary: JSON.stringify(altered) }, { articleId: newest })
  const slugOf = async (id: number) => (await room.app.inject({ url: `/v1/admin/articles/${id}`, headers: room.editor })).json().slug
  const urls = [
    '/v1/articles',
    '/v1/articles?section=world',
    '/v1/articles?section=sahel',
    '/v1/articles?author=adrian-ovalle',
    '/v1/articles?tag=climate',
    '/v1/articles?featured=false',
    '/v1/articles?sort=publishedAt',
    '/v1/articles?sort=-updatedAt',
    '/v1/articles?publishedAfter=2026-03-02T00:00:00.000Z',
    '/v1/articles?q=ferries',
    '/v1/articles?q=ferries&sort=-publishedAt',
    `/v1/articles/${await slugOf(ids[1] as number)}/related`
  ]
  for (const url of urls) {
    const item = (await list(room.app, url)).json().data.find((article: { id: number }) => article.id === newest)
    t.equal(item?.headline, 'As stored', url)
  }
  const hit = (await list(room.app, '/v1/articles?q=ferries')).json().data[0]
  t.same(hit, { ...altered, snippet: hit.snippet }, 'a search hit is its summary with its snippet last')
  t.match(hit.snippet, /<mark>Ferries<\/mark>/)
  const [secondPage] = (await list(room.app, `/v1/articles?limit=1&cursor=${(await list(room.app, '/v1/articles?limit=1')).json().meta.nextCursor}`)).json().data
  t.equal(secondPage.id, ids[1], 'a cursor leads to the next page')
})

t.test('an article queued by a rename of its author shows the new name in every list before the refresher runs', async (t) => {
  const { room, ids } = await publishedNewsroom(t)
  const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/authors/${room.authorId}`, headers: room.editor, payload: { name: 'Adrian Ovalle-Ruiz' } })
  t.equal(res.statusCode, 200)
  t.equal(await countRows(room.app, 'articleRepresentationQueue'), ids.length, 'every article crediting the author is queued')
  const names = async (url: string) => (await list(room.app, url)).json().data.map((article: { authors: Array<{ name: string }> }) => article.authors[0]?.name)
  for (const url of ['/v1/articles', '/v1/articles?author=adrian-ovalle', '/v1/articles?section=world', '/v1/articles?q=lake']) {
    t.ok((await names(url)).every((name: string) => name === 'Adrian Ovalle-Ruiz'), url)
  }
  const before = (await list(room.app, '/v1/articles')).body
  t.equal(await refresh(room.app), ids.length)
  t.equal((await list(room.app, '/v1/articles')).body, before, 'the refreshed summaries are what the reads rendered')
  t.equal(JSON.parse((await storedSummaries(room.app)).get(ids[0] as number) as string).authors[0].name, 'Adrian Ovalle-Ruiz')
})

t.test('an article rendered afresh is the same item its stored summary gives, when nothing changed', async (t) => {
  const { room, ids } = await publishedNewsroom(t)
  const stored = (await list(room.app, '/v1/articles')).body
  await execute(room.app, {
    sqlite: sql`insert into article_representation_queue (article_id) select id from articles`,
    postgres: sql`insert into article_representation_queue (article_id) select id from articles`
  })
  t.equal((await list(room.app, '/v1/articles')).body, stored, 'every one queued')
  await refresh(room.app)
  await deleteRows(room.app, 'articleRepresentations', { articleId: ids[1] })
  t.equal((await list(room.app, '/v1/articles')).body, stored, 'one not stored at all')
})

t.test('a list names the entities its items show, as the walk of its body would, breadcrumbs aside', async (t) => {
  const { room, ids } = await publishedNewsroom(t)
  await insertStoredArticle(room.app, 'written-by-hand', { sectionId: room.sectionId, authorIds: [await insertAuthor(room.app, 'li-wei')], publishedAt: '2026-03-04T08:00:00.000Z' })
  t.equal(await countRows(room.app, 'articleRepresentationQueue'), 1, 'one item is rendered afresh')
  const resource = resourceOf('/v1/articles')
  for (const url of ['/v1/articles', '/v1/articles?section=sahel', '/v1/articles?fields=headline,section', '/v1/articles?fields=headline']) {
    const res = await list(room.app, url)
    const expected = entitiesOf(res.json(), resource as NonNullable<typeof resource>)
    t.equal(res.headers['surrogate-key'], expected.join(' '), url)
    t.equal(res.headers['cache-tag'], expected.join(','), url)
  }
  t.equal((await list(room.app, '/v1/articles?fields=headline')).headers['surrogate-key'], 'articles')
  const slug = (await room.app.inject({ url: `/v1/admin/articles/${ids[0]}`, headers: room.editor })).json().slug
  const related = await list(room.app, `/v1/articles/${slug}/related`)
  t.equal(related.headers['surrogate-key'], entitiesOf(related.json(), resource as NonNullable<typeof resource>).join(' '))
  const withToken = await room.app.inject({ url: '/v1/articles', headers: await authHeader(room.app, 'partner') })
  t.equal(withToken.headers['surrogate-key'], undefined, 'a private response names nothing')
})

t.test('a list revalidated with its ETag is a 304, and a list that changed is not', async (t) => {
  const { room, ids } = await publishedNewsroom(t)
  const first = await list(room.app, '/v1/articles?section=world')
  const again = await room.app.inject({ url: '/v1/articles?section=world', headers: { 'if-none-match': first.headers.etag as string } })
  t.equal(again.statusCode, 304)
  t.equal(again.body, '')
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${ids[2]}`, headers: room.editor, payload: { headline: 'Rains return early' } })
  const changed = await room.app.inject({ url: '/v1/articles?section=world', headers: { 'if-none-match': first.headers.etag as string } })
  t.equal(changed.statusCode, 200)
  t.ok(changed.json().data.some((article: { headline: string }) => article.headline === 'Rains return early'))
})

t.test('summaries stored under other web addresses are rendered again for lists, never sent', async (t) => {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const first = await buildTestApp(t, database)
  await insertStoredArticle(first, 'moved-site', { sectionId: await insertSection(first) })
  await refresh(first)
  t.match((await list(first, '/v1/articles')).json().data[0].url, /^https:\/\/www\.news\.test\//)
  await first.close()
  const second = await buildTestApp(t, { ...database, siteUrl: 'https://news.example.org' })
  for (const url of ['/v1/articles', '/v1/articles?section=world']) {
    t.match((await list(second, url)).json().data[0].url, /^https:\/\/news\.example\.org\//, url)
  }
})
