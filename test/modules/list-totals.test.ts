import t from 'tap'
import { authHeader, buildTestApp } from '../helpers/app.js'
import { insertRows } from '../helpers/db.js'
import { insertAuthor, insertSection, insertStoredArticle, insertTag, SIMPLE_BODY } from '../helpers/fixtures.js'
import { SEARCH_WINDOW } from '../../src/modules/articles/articles.listing.js'
import { insertArticle, insertReply, SLUG } from './replies/replies-fixtures.js'

t.test('the public article list counts every public match on request, whatever the cursor', async (t) => {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  const business = await insertSection(app, 'business')
  for (const day of [1, 2, 3]) await insertStoredArticle(app, `world-${day}`, { sectionId: world, publishedAt: `2026-03-0${day}T08:00:00.000Z` })
  await insertStoredArticle(app, 'world-draft', { sectionId: world, state: 'draft' })
  await insertStoredArticle(app, 'world-withdrawn', { sectionId: world, state: 'withdrawn' })
  await insertStoredArticle(app, 'in-business', { sectionId: business })
  const first = await app.inject({ url: '/v1/articles?section=world&limit=2&total=true' })
  t.equal(first.statusCode, 200)
  t.match(first.json().meta, { total: 3, limit: 2 })
  const second = await app.inject({ url: `/v1/articles?section=world&limit=2&total=true&cursor=${first.json().meta.nextCursor}` })
  t.match(second.json().meta, { total: 3, nextCursor: null })
})

t.test('a public search counts the public matches only, whichever the sort', async (t) => {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  await insertStoredArticle(app, 'published-one', { sectionId: world })
  await insertStoredArticle(app, 'published-two', { sectionId: world })
  await insertStoredArticle(app, 'a-draft', { sectionId: world, state: 'draft' })
  for (const sort of ['relevance', '-publishedAt']) {
    const res = await app.inject({ url: `/v1/articles?q=fishing&sort=${sort}&total=true` })
    t.equal(res.json().meta.total, 2, sort)
  }
  t.equal((await app.inject({ url: '/v1/articles?q=nowhere-to-be-found&total=true' })).json().meta.total, 0)
})

t.test('relevance counts only the window of newest matches it ranks', async (t) => {
  const app = await buildTestApp(t)
  const sectionId = await insertSection(app, 'world')
  await insertRows(app, 'articles', Array.from({ length: SEARCH_WINDOW + 1 }, (_, index) => ({
    slug: `story-${index}`,
    headline: `Story ${index}`,
    body: [...SIMPLE_BODY],
    bodyHtml: '',
    bodyText: 'Fishing crews returned to the northern shore on Monday.',
    wordCount: 9,
    readingTime: 1,
    sectionId,
    status: 'published' as const,
    publishedAt: '2026-03-01T08:00:00.000Z'
  })))
  t.equal((await app.inject({ url: '/v1/articles?q=fishing&sort=relevance&limit=1&total=true' })).json().meta.total, SEARCH_WINDOW)
  t.equal((await app.inject({ url: '/v1/articles?q=fishing&sort=-publishedAt&limit=1&total=true' })).json().meta.total, SEARCH_WINDOW + 1)
})

t.test('the public article list has no meta.total unless asked', async (t) => {
  const app = await buildTestApp(t)
  await insertStoredArticle(app, 'published-one', { sectionId: await insertSection(app, 'world') })
  const res = await app.inject({ url: '/v1/articles' })
  t.same(res.json().meta, { nextCursor: null, limit: 20 })
})

t.test('sparse fieldsets keep meta.total', async (t) => {
  const app = await buildTestApp(t)
  await insertStoredArticle(app, 'published-one', { sectionId: await insertSection(app, 'world') })
  const res = await app.inject({ url: '/v1/articles?fields=slug&total=true' })
  t.same(res.json(), { data: [{ slug: 'published-one' }], meta: { nextCursor: null, limit: 20, total: 1 } })
})

t.test('the author list counts every author a public article credits on request', async (t) => {
  const app = await buildTestApp(t)
  const authorIds: number[] = []
  for (const slug of ['adrian-ovalle', 'halima-dembele', 'jonah-achterberg']) authorIds.push(await insertAuthor(app, slug))
  await insertAuthor(app, 'new-hire')
  await insertStoredArticle(app, 'credited', { sectionId: await insertSection(app, 'credits'), authorIds })
  const res = await app.inject({ url: '/v1/authors?limit=1&total=true' })
  t.match(res.json().meta, { total: 3, limit: 1 })
  t.notOk('total' in (await app.inject({ url: '/v1/authors?limit=1' })).json().meta)
})

t.test('the tag list counts every tag a public article carries on request', async (t) => {
  const app = await buildTestApp(t)
  const tagIds = [await insertTag(app, 'climate'), await insertTag(app, 'water')]
  await insertTag(app, 'on-no-article')
  await insertStoredArticle(app, 'tagged', { sectionId: await insertSection(app), tagIds })
  const res = await app.inject({ url: '/v1/tags?limit=1&total=true' })
  t.match(res.json().meta, { total: 2, limit: 1 })
  t.notOk('total' in (await app.inject({ url: '/v1/tags?limit=1' })).json().meta)
})

t.test('the revisions of an article are counted on request', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const created = await app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: editor,
    payload: { headline: 'Grain reserve opens early', body: SIMPLE_BODY, sectionId: await insertSection(app, 'world'), authorIds: [await insertAuthor(app)] }
  })
  const id = created.json().id
  for (const headline of ['Grain reserve opens', 'Grain reserve opens three weeks early']) {
    await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: editor, payload: { headline } })
  }
  const res = await app.inject({ url: `/v1/admin/articles/${id}/revisions?limit=1&total=true`, headers: editor })
  t.equal(res.statusCode, 200)
  t.match(res.json().meta, { total: 3, limit: 1 })
})

t.test('reply lists, which always count, accept total=true too', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  await insertReply(app, articleId, 'approved')
  await insertReply(app, articleId, 'pending')
  const thread = await app.inject({ url: `/v1/articles/${SLUG}/replies?total=true` })
  t.equal(thread.statusCode, 200)
  t.match(thread.json().meta, { total: 1 })
  const queue = await app.inject({ url: '/v1/admin/replies?total=true', headers: await authHeader(app, 'editor') })
  t.equal(queue.statusCode, 200)
  t.match(queue.json().meta, { total: 1 })
})
