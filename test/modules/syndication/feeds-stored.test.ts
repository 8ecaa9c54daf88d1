// Feeds from stored items: each article's item in every format is stored with its representation, and a feed of
// articles the refresher has not reached yet shows them as they are now.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { parseRssFeed } from 'feedsmith'
import { insertRows, rows } from '../../helpers/db.js'
import { filingDesk, publishAtDesk } from '../../helpers/fixtures.js'

const FEEDS = ['/feeds/rss.xml', '/feeds/atom.xml', '/feeds/feed.json', '/feeds/rss.xml?section=world', '/feeds/feed.json?author=halima-dembele']

const publish = publishAtDesk

async function read (app: FastifyInstance, url: string) {
  const res = await app.inject({ url })
  return { status: res.statusCode, body: res.body, etag: res.headers.etag, keys: res.headers['surrogate-key'] }
}

t.test('every feed from stored items is, byte for byte, the feed its articles give rendered afresh', async (t) => {
  const room = await filingDesk(t)
  const articles = [
    await publish(room, {
      headline: 'Q&A: <b>"Rates" won\'t fall]]> soon 🌊',
      tagIds: [room.climate, room.water],
      featuredImage: { url: 'https://images.news.test/lake.jpg', alt: 'Boats & nets', credit: 'A & B' },
      publishedAt: '2026-03-01T08:00:00.000Z'
    }),
    await publish(room, { headline: 'Markets open higher', sectionId: room.business, authorIds: [room.adrian, room.halima], publishedAt: '2026-03-02T08:00:00.000Z' }),
    await publish(room, { headline: 'By our correspondent', byline: 'Our <correspondent>', authorIds: [], publishedAt: '2026-03-03T08:00:00.000Z' })
  ]
  t.equal((await rows(room.app, 'articleRepresentations')).filter((row) => row.rssBefore !== '' && row.atomBefore !== '' && row.jsonFeedBefore !== '').length, 3, 'each write stored its items')
  const stored = await Promise.all(FEEDS.map(async (url) => read(room.app, url)))
  await insertRows(room.app, 'articleRepresentationQueue', articles.map((article) => ({ articleId: article.id })))
  for (const [i, url] of FEEDS.entries()) t.same(await read(room.app, url), stored[i], url)
})

t.test('a renamed author is in the feed at once, before the refresher stores the articles that credit them', async (t) => {
  const room = await filingDesk(t)
  const article = await publish(room, { headline: 'Fishermen return to Lake Chad' })
  const before = await read(room.app, '/feeds/rss.xml')
  const renamed = await room.app.inject({ method: 'PATCH', url: `/v1/admin/authors/${room.adrian}`, headers: room.editor, payload: { name: 'Adrian Ovalle-Ruiz' } })
  t.equal(renamed.statusCode, 200)
  t.same((await rows(room.app, 'articleRepresentationQueue')).map((row) => row.articleId), [article.id], 'the article waits for the refresher')
  const after = await read(room.app, '/feeds/rss.xml')
  t.same(parseRssFeed(after.body).items?.[0]?.dc?.creators, ['Adrian Ovalle-Ruiz'])
  t.not(after.etag, before.etag, 'a cache holding the old feed revalidates to the new one')
})
