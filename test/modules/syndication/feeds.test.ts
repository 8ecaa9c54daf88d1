// Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest public articles, read back by a real feed parser.
import t, { type Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { XMLValidator } from 'fast-xml-parser'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { authHeader } from '../../helpers/app.js'
import { insertRows } from '../../helpers/db.js'
import { filingDesk, publishAtDesk, SIMPLE_BODY } from '../../helpers/fixtures.js'

const SITE = 'https://www.news.test'
const API = 'http://news.test'

const newsroom = filingDesk
const publish = publishAtDesk

const FEATURED_IMAGE = { url: 'https://images.news.test/lake.jpg', alt: 'Boats on the lake', caption: 'The morning catch at Bol.', credit: 'Photo: A. Photographer' }

// One newsroom for the tests that only read: in Africa, Adrian's lake story (tagged, with an image) and Halima's
// water story; in Business, a story by both; a draft and a withdrawn story that no feed may show.
const shared = newsroom(t).then(async (room) => {
  const lake = await publish(room, {
    headline: 'Fishermen return to Lake Chad',
    tagIds: [room.climate, room.water],
    featuredImage: FEATURED_IMAGE,
    publishedAt: '2026-03-01T08:00:00.000Z'
  })
  const tanks = await publish(room, { headline: 'Rooftop tanks carry the wet season', authorIds: [room.halima], tagIds: [room.water], publishedAt: '2026-03-02T08:00:00.000Z' })
  const markets = await publish(room, { headline: 'Markets open higher', sectionId: room.business, authorIds: [room.adrian, room.halima], publishedAt: '2026-03-03T08:00:00.000Z' })
  await publish(room, { headline: 'Still a draft', status: 'draft' })
  const retracted = await publish(room, { headline: 'A claim that did not hold', publishedAt: '2026-03-04T08:00:00.000Z' })
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${retracted.id}/withdraw`, headers: room.editor, payload: { reason: 'Not verified.' } })
  return { ...room, lake, tanks, markets }
})

async function read (app: FastifyInstance, url: string) {
  const res = await app.inject({ url })
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res
}

/** The document, checked well-formed first: a parser that recovers from errors would hide them. */
function wellFormed (t: Test, xml: string): string {
  t.equal(XMLValidator.validate(xml), true, 'the document is well-formed XML')
  return xml
}

t.test('RSS 2.0: each item has its web address, a stable guid, its date, excerpt, full body, credits, categories and image', async (t) => {
  const { app, lake, markets } = await shared
  const res = await read(app, '/feeds/rss.xml')
  t.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8')
  const feed = parseRssFeed(wellFormed(t, res.body))
  t.match(feed, {
    title: 'World Weekly News',
    link: SITE,
    description: 'The newest articles of World Weekly News.',
    atom: { links: [{ href: `${API}/feeds/rss.xml`, rel: 'self', type: 'application/rss+xml' }] }
  })
  t.same(feed.items?.map((item) => item.title), ['Markets open higher', 'Rooftop tanks carry the wet season', 'Fishermen return to Lake Chad'], 'newest first, no draft, nothing withdrawn')
  const item = feed.items?.[2]
  t.match(item, {
    link: `${SITE}/africa/${lake.slug}`,
    guid: { value: `tag:www.news.test,${lake.createdAt.slice(0, 10)}:article:${lake.id}`, isPermaLink: false },
    pubDate: 'Sun, 01 Mar 2026 08:00:00 GMT',
    description: lake.excerpt,
    content: { encoded: lake.bodyHtml },
    dc: { creators: ['Adrian Ovalle'] },
    media: { contents: [{ url: FEATURED_IMAGE.url, medium: 'image', description: { value: FEATURED_IMAGE.caption }, credits: [{ value: FEATURED_IMAGE.credit }] }] }
  })
  t.same(item?.categories?.map((category) => category.name), ['Africa', 'climate', 'water'])
  t.same(feed.items?.[0]?.dc?.creators, ['Adrian Ovalle', 'Halima Dembele'], 'every author, in byline order')
  t.equal(feed.lastBuildDate, new Date(markets.updatedAt).toUTCString(), 'built when its last changed item changed')
})

t.test('Atom 1.0: entries with ids, RFC 3339 times, authors with their pages, categories, summary and HTML content', async (t) => {
  const { app, lake } = await shared
  const res = await read(app, '/feeds/atom.xml')
  t.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8')
  const feed = parseAtomFeed(wellFormed(t, res.body))
  t.match(feed, {
    id: `${API}/feeds/atom.xml`,
    title: { value: 'World Weekly News' },
    links: [{ rel: 'self', href: `${API}/feeds/atom.xml` }, { rel: 'alternate', href: SITE }],
    authors: [{ name: 'World Weekly News', uri: SITE }]
  })
  const entry = feed.entries?.find((candidate) => candidate.title?.value === 'Fishermen return to Lake Chad')
  t.match(entry, {
    id: `tag:www.news.test,${lake.createdAt.slice(0, 10)}:article:${lake.id}`,
    links: [{ rel: 'alternate', type: 'text/html', href: `${SITE}/africa/${lake.slug}` }],
    published: '2026-03-01T08:00:00.000Z',
    updated: lake.updatedAt,
    authors: [{ name: 'Adrian Ovalle', uri: `${SITE}/authors/adrian-ovalle` }],
    summary: { value: lake.excerpt, type: 'text' },
    content: { value: lake.bodyHtml, type: 'html' },
    xml: { lang: 'en' }
  })
  t.same(entry?.categories, [{ term: 'africa', label: 'Africa' }, { term: 'climate', label: 'climate' }, { term: 'water', label: 'water' }])
  t.equal(feed.updated, feed.entries?.map((candidate) => candidate.updated as string).sort().at(-1), 'the feed changed when its newest entry did')
})

t.test('JSON Feed 1.1: items with id, url, HTML and text content, dates, authors, tags and image', async (t) => {
  const { app, lake } = await shared
  const res = await read(app, '/feeds/feed.json')
  t.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8')
  t.equal(res.json().version, 'https://jsonfeed.org/version/1.1')
  const feed = parseJsonFeed(res.json())
  t.match(feed, { title: 'World Weekly News', home_page_url: SITE, feed_url: `${API}/feeds/feed.json` })
  t.same(feed.items?.find((item) => item.title === 'Fishermen return to Lake Chad'), {
    id: `tag:www.news.test,${lake.createdAt.slice(0, 10)}:article:${lake.id}`,
    url: `${SITE}/africa/${lake.slug}`,
    title: 'Fishermen return to Lake Chad',
    content_html: lake.bodyHtml,
    content_text: lake.bodyText,
    summary: lake.excerpt,
    image: FEATURED_IMAGE.url,
    date_published: '2026-03-01T08:00:00.000Z',
    date_modified: lake.updatedAt,
    authors: [{ name: 'Adrian Ovalle', url: `${SITE}/authors/adrian-ovalle` }],
    tags: ['Africa', 'climate', 'water'],
    language: 'en'
  })
})

t.test('a headline with & < > " \' ]]>, a control character and emoji survives every format', async (t) => {
  const room = await newsroom(t)
  const headline = 'Q&A: <b>"Rates" won\'t fall]]> soon\u0007 🌊🇸🇳'
  const readable = headline.replace('\u0007', '')
  await publish(room, { headline, byline: 'By our correspondent in <Bamako> & Dakar' })
  const rss = parseRssFeed(wellFormed(t, (await read(room.app, '/feeds/rss.xml')).body))
  t.equal(rss.items?.[0]?.title, readable, 'RSS keeps all but the control character, which XML 1.0 cannot hold')
  t.same(rss.items?.[0]?.dc?.creators, ['By our correspondent in <Bamako> & Dakar'], 'a byline stands in for the authors')
  const atom = parseAtomFeed(wellFormed(t, (await read(room.app, '/feeds/atom.xml')).body))
  t.equal(atom.entries?.[0]?.title?.value, readable)
  const json = (await read(room.app, '/feeds/feed.json')).json()
  t.equal(json.items[0].title, headline, 'JSON holds the control character as it was written')
})

t.test('section, author and tag filter as the article list does, and name the feed after what they select', async (t) => {
  const { app } = await shared
  const titles = async (query: string) => parseRssFeed((await read(app, `/feeds/rss.xml?${query}`)).body).items?.map((item) => item.title) ?? []
  t.same(await titles('section=world'), ['Rooftop tanks carry the wet season', 'Fishermen return to Lake Chad'], 'a section includes its subsections')
  t.same(await titles('section=business'), ['Markets open higher'])
  t.same(await titles('author=halima-dembele'), ['Markets open higher', 'Rooftop tanks carry the wet season'])
  t.same(await titles('tag=climate'), ['Fishermen return to Lake Chad'])
  t.same(await titles('tag=water&author=adrian-ovalle'), ['Fishermen return to Lake Chad'], 'filters combine with AND')
  t.same(await titles('section=nowhere'), [], 'an unknown slug matches nothing')
  const africa = parseAtomFeed((await read(app, '/feeds/atom.xml?section=africa')).body)
  t.match(africa, { id: `${API}/feeds/atom.xml?section=africa`, title: { value: 'World Weekly News: Africa' }, links: [{ rel: 'self' }, { rel: 'alternate', href: `${SITE}/africa` }] })
  const author = parseJsonFeed((await read(app, '/feeds/feed.json?author=halima-dembele')).json())
  t.match(author, { title: 'World Weekly News: Halima Dembele', home_page_url: `${SITE}/authors/halima-dembele` })
  const tags = parseRssFeed((await read(app, '/feeds/rss.xml?tag=climate,water')).body)
  t.match(tags, { title: 'World Weekly News: climate, water', link: SITE })
})

t.test('the newest 50 by default, up to limit, which is 1 to 100', async (t) => {
  const room = await newsroom(t)
  await insertRows(room.app, 'articles', Array.from({ length: 51 }, (_, i) => ({
    slug: `story-${i}`,
    headline: `Story ${i}`,
    body: [...SIMPLE_BODY],
    bodyHtml: '<p>Text.</p>',
    bodyText: 'Text.',
    wordCount: 1,
    readingTime: 1,
    sectionId: room.world,
    status: 'published' as const,
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
  })))
  const all = parseJsonFeed((await read(room.app, '/feeds/feed.json')).json())
  t.equal(all.items?.length, 50)
  t.equal(all.items?.[0]?.title, 'Story 50')
  t.equal(parseRssFeed((await read(room.app, '/feeds/rss.xml?limit=3')).body).items?.length, 3)
  t.equal(parseAtomFeed((await read(room.app, '/feeds/atom.xml?limit=100')).body).entries?.length, 51)
})

t.test('a bad or unknown parameter is a 400 problem, on every feed', async (t) => {
  const { app } = await shared
  for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) {
    for (const [query, path] of [['limit=0', '/querystring/limit'], ['limit=101', '/querystring/limit'], ['q=lake', '/querystring/q'], ['utm_source=x', '/querystring/utm_source'],
      [Array.from({ length: 21 }, (_, i) => `tag=t${i}`).join('&'), '/querystring/tag']]) {
      const res = await app.inject({ url: `/feeds/${feed}?${query}` })
      t.equal(res.statusCode, 400, `${feed}?${query.slice(0, 30)}`)
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
      t.match(res.json().errors, [{ path }])
    }
  }
})

t.test('feeds are cached like the JSON routes: ETag, Last-Modified, 304, and public Cache-Control', async (t) => {
  const { app } = await shared
  for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) {
    const first = await read(app, `/feeds/${feed}`)
    t.match(first.headers, { etag: /^W\/"/, 'last-modified': /GMT$/, 'cache-control': 'public, max-age=60, stale-while-revalidate=300' })
    const again = await app.inject({ url: `/feeds/${feed}`, headers: { 'if-none-match': first.headers.etag as string } })
    t.equal(again.statusCode, 304, `${feed} answers 304 to its ETag`)
    t.equal(again.body, '')
    const since = await app.inject({ url: `/feeds/${feed}`, headers: { 'if-modified-since': first.headers['last-modified'] as string } })
    t.equal(since.statusCode, 304, `${feed} answers 304 to its Last-Modified`)
    const withToken = await app.inject({ url: `/feeds/${feed}`, headers: await authHeader(app, 'partner') })
    t.match(withToken.headers['cache-control'], /^private, max-age=\d+$/, `${feed} read with a token keeps private caching`)
    t.equal(withToken.headers.etag, first.headers.etag, `${feed} read with a token keeps its ETag`)
  }
})

t.test('a feed names every article in it and what they embed, so purging one article purges every feed it is in', async (t) => {
  const { app, lake, tanks, markets, world, africa, business, adrian, halima, climate, water } = await shared
  const keys = (await read(app, '/feeds/rss.xml')).headers['surrogate-key']
  t.equal(keys, ['articles', `article-${markets.id}`, `article-${tanks.id}`, `article-${lake.id}`, `section-${business}`, `section-${africa}`,
    `section-${world}`, `author-${adrian}`, `author-${halima}`, `tag-${water}`, `tag-${climate}`].join(' '))
  const africaKeys = ((await read(app, '/feeds/feed.json?section=africa')).headers['surrogate-key'] as string).split(' ')
  t.ok(africaKeys.includes(`article-${lake.id}`) && !africaKeys.includes(`article-${markets.id}`), 'a filtered feed names only its own articles')
})

t.test('an article edited, or withdrawn, changes every feed it is in', async (t) => {
  const room = await newsroom(t)
  const article = await publish(room, { headline: 'First words' })
  const before = await read(room.app, '/feeds/atom.xml')
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: room.editor, payload: { headline: 'Better words' } })
  const stale = await room.app.inject({ url: '/feeds/atom.xml', headers: { 'if-none-match': before.headers.etag as string } })
  t.equal(stale.statusCode, 200)
  t.equal(parseAtomFeed(stale.body).entries?.[0]?.title?.value, 'Better words')
  t.equal(parseAtomFeed(stale.body).entries?.[0]?.id, parseAtomFeed(before.body).entries?.[0]?.id, 'the entry keeps its id')
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/withdraw`, headers: room.editor, payload: { reason: 'Not verified.' } })
  t.same((await read(room.app, '/feeds/feed.json')).json().items, [])
})

t.test('an empty feed is still a valid feed, dated by the last change to public content', async (t) => {
  const room = await newsroom(t)
  const rss = (await read(room.app, '/feeds/rss.xml')).body
  t.match(parseRssFeed(wellFormed(t, rss)), { title: 'World Weekly News', lastBuildDate: /GMT$/ })
  t.match(parseAtomFeed(wellFormed(t, (await read(room.app, '/feeds/atom.xml')).body)), { updated: /^\d{4}-\d\d-\d\dT/ })
  const json = (await read(room.app, '/feeds/feed.json')).json()
  t.match(parseJsonFeed(json), { title: 'World Weekly News' })
  t.same(json.items, [])
})

t.test('feeds also answer HEAD, with the headers of GET', async (t) => {
  const { app } = await shared
  const res = await app.inject({ method: 'HEAD', url: '/feeds/rss.xml' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8')
  t.equal(res.body, '')
})

t.test('a feed of a tag only unpublished work carries is named as one of an unknown tag: it does not name the tag', async (t) => {
  const room = await newsroom(t)
  const scoop = await room.app.inject({ method: 'POST', url: '/v1/admin/tags', headers: room.editor, payload: { name: 'Acme merger' } })
  await publish(room, { headline: 'Acme to buy its rival', status: 'draft', tagIds: [scoop.json().id] })
  await publish(room, { headline: 'Acme and Zenith sign', tagIds: [scoop.json().id], embargoedUntil: '2099-01-01T00:00:00.000Z' })
  const scoopFeed = parseRssFeed((await read(room.app, '/feeds/rss.xml?tag=acme-merger')).body)
  const unknownFeed = parseRssFeed((await read(room.app, '/feeds/rss.xml?tag=no-such-tag')).body)
  t.equal(scoopFeed.title, unknownFeed.title)
  t.equal(scoopFeed.link, unknownFeed.link)
  t.same(scoopFeed.items ?? [], [])
  t.notMatch((await read(room.app, '/feeds/feed.json?tag=acme-merger')).body, /Acme/)
})
