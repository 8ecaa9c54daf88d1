// The public list as feed items: the same pages as the article list, each item the article's stored item in a feed's format.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
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

/** The JSON Feed items of a page, as objects. */
async function jsonItems (app: FastifyInstance, fields: Partial<ArticleListRequest>) {
  return (await app.store.read.articles.listFeedItems(request(fields), 'jsonFeedItem')).data.map((item) => ({ ...item, item: JSON.parse(item.item) }))
}

t.test('each page holds the same articles, in the same order and with the same cursor, as the summary list', async (t) => {
  const { app } = await shared
  const articles = app.store.read.articles
  let cursor: string | undefined
  const seen: string[] = []
  do {
    const [items, summaries] = await Promise.all([articles.listFeedItems(request({ cursor }), 'rssItem'), articles.listPublished(request({ cursor }))])
    t.same(items.data.map((item) => item.id), summaries.data.map((article) => article.id))
    t.equal(items.nextCursor, summaries.nextCursor)
    seen.push(...summaries.data.map((article) => (JSON.parse(article.json) as { headline: string }).headline))
    cursor = items.nextCursor ?? undefined
  } while (cursor !== undefined)
  t.same(seen, ['Ferries resume on the lake', 'Rains return to the Sahel', 'Markets open', 'Lake Chad rises'], 'every public article once; the withdrawn one never')
})

t.test('each item is the article\'s item in the format asked for, with its last change and its surrogate keys', async (t) => {
  const { app, ids } = await shared
  const lake = await app.store.read.articles.findById(ids[0] as number)
  const item = (await jsonItems(app, { limit: 10 })).find((candidate) => candidate.id === lake?.id)
  t.match(item, { updatedAt: lake?.updatedAt, item: { title: 'Lake Chad rises', url: lake?.url, content_html: lake?.bodyHtml, date_modified: lake?.updatedAt } })
  t.equal(item?.surrogateKeys, `article-${lake?.id} section-${lake?.section.id} section-${lake?.breadcrumb[0]?.id} author-${lake?.authors[0]?.id} tag-${lake?.tags[0]?.id}`)
  const [rss] = (await app.store.read.articles.listFeedItems(request({ limit: 1 }), 'rssItem')).data
  t.match(rss?.item ?? '', /^<item><title>Ferries resume on the lake<\/title>/)
  const [atom] = (await app.store.read.articles.listFeedItems(request({ limit: 1 }), 'atomEntry')).data
  t.match(atom?.item ?? '', /^<entry xml:lang="en"><id>tag:/)
})

t.test('the list query\'s filters and sorts apply', async (t) => {
  const { app } = await shared
  const headlines = async (fields: Partial<ArticleListRequest>) => (await jsonItems(app, { limit: 10, ...fields })).map((item) => item.item.title)
  t.same(await headlines({ section: 'africa' }), ['Rains return to the Sahel', 'Lake Chad rises'])
  t.same(await headlines({ section: 'world' }), ['Ferries resume on the lake', 'Rains return to the Sahel', 'Markets open', 'Lake Chad rises'])
  t.same(await headlines({ tags: ['climate'] }), ['Markets open', 'Lake Chad rises'])
  t.same(await headlines({ sort: 'publishedAt' }), ['Lake Chad rises', 'Markets open', 'Rains return to the Sahel', 'Ferries resume on the lake'])
})
