// The public list with whole articles: the same pages as the article list, each item with its body, for feeds and bulk syndication.
import t from 'tap'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { insertAuthor, insertSection, insertTag, SIMPLE_BODY } from '../../helpers/fixtures.js'
import type { ArticleListRequest } from '../../../src/modules/articles/articles.listing.js'

const shared = (async () => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const world = await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa', world)
  const author = await insertAuthor(app, 'adrian-ovalle')
  const tag = await insertTag(app, 'climate')
  const ids: number[] = []
  for (const [i, headline] of ['Lake Chad rises', 'Markets open', 'Rains return to the Sahel', 'Ferries resume on the lake', 'A claim withdrawn'].entries()) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/admin/articles',
      headers: editor,
      payload: { headline, body: SIMPLE_BODY, sectionId: i % 2 === 0 ? africa : world, authorIds: [author], tagIds: i < 2 ? [tag] : [], status: 'published', publishedAt: `2026-03-0${i + 1}T08:00:00.000Z` }
    })
    ids.push(res.json().id)
  }
  await app.inject({ method: 'POST', url: `/v1/admin/articles/${ids[4]}/withdraw`, headers: editor, payload: { reason: 'Not verified.' } })
  return { app, ids }
})()

const request = (fields: Partial<ArticleListRequest> = {}): ArticleListRequest => ({ limit: 2, sort: '-publishedAt', ...fields })

t.test('each page holds the same articles, in the same order and with the same cursor, as the summary list', async (t) => {
  const { app } = await shared
  const articles = app.store.read.articles
  let cursor: string | undefined
  const seen: string[] = []
  do {
    const [withBodies, summaries] = await Promise.all([articles.listPublishedWithBodies(request({ cursor })), articles.listPublished(request({ cursor }))])
    t.same(withBodies.data.map((article) => article.id), summaries.data.map((article) => article.id))
    t.equal(withBodies.nextCursor, summaries.nextCursor)
    seen.push(...withBodies.data.map((article) => article.headline))
    cursor = withBodies.nextCursor ?? undefined
  } while (cursor !== undefined)
  t.same(seen, ['Ferries resume on the lake', 'Rains return to the Sahel', 'Markets open', 'Lake Chad rises'], 'every public article once; the withdrawn one never')
})

t.test('each item is the whole public article: body, section with breadcrumb, authors, tags and web address', async (t) => {
  const { app, ids } = await shared
  const { data } = await app.store.read.articles.listPublishedWithBodies(request({ limit: 10 }))
  const lake = data.find((article) => article.id === ids[0])
  const res = await app.inject({ url: `/v1/articles/${lake?.slug}?formats=blocks,html,text` })
  t.same(lake, res.json(), 'the article as GET /v1/articles/{slug} serves it')
  t.ok((lake?.bodyHtml.length ?? 0) > 0 && (lake?.bodyText.length ?? 0) > 0)
})

t.test('the list query\'s filters, sorts and search apply, and a search hit carries its snippet', async (t) => {
  const { app } = await shared
  const articles = app.store.read.articles
  const headlines = async (fields: Partial<ArticleListRequest>) => (await articles.listPublishedWithBodies(request({ limit: 10, ...fields }))).data.map((article) => article.headline)
  t.same(await headlines({ section: 'africa' }), ['Rains return to the Sahel', 'Lake Chad rises'])
  t.same(await headlines({ section: 'world' }), ['Ferries resume on the lake', 'Rains return to the Sahel', 'Markets open', 'Lake Chad rises'])
  t.same(await headlines({ tags: ['climate'] }), ['Markets open', 'Lake Chad rises'])
  t.same(await headlines({ sort: 'publishedAt' }), ['Lake Chad rises', 'Markets open', 'Rains return to the Sahel', 'Ferries resume on the lake'])
  const [hit] = (await articles.listPublishedWithBodies(request({ q: 'sahel', sort: 'relevance' }))).data
  t.equal(hit?.headline, 'Rains return to the Sahel')
  t.match(hit?.snippet, /<mark>Sahel<\/mark>/)
})
