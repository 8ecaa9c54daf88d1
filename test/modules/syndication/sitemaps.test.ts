// Sitemaps, the Google News sitemap and robots.txt: what crawlers read, valid by the official schemas.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { XMLParser } from 'fast-xml-parser'
import { buildTestApp, type Teardown } from '../../helpers/app.js'
import { insertRows, updateRows } from '../../helpers/db.js'
import { insertAuthor, insertSection, insertStoredArticle } from '../../helpers/fixtures.js'
import { assertValid } from './sitemap-schemas.js'

const SITE = 'https://www.news.test'
const API = 'http://news.test'
const HOUR = 3600_000

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['sitemap', 'url'].includes(name) })

interface Entry { loc: string, lastmod?: string }

async function read (app: FastifyInstance, url: string) {
  const res = await app.inject({ url })
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString()

interface Newsroom {
  app: FastifyInstance
  world: number
  africa: number
  business: number
  adrian: number
  halima: number
  lake: number
  markets: number
}

/**
 * World > Africa and Business; Adrian's lake story in Africa, changed last on 5 March; Halima's markets story in
 * Business; a draft, a withdrawn story and an author credited on nothing public, none of which a crawler may find.
 */
async function newsroom (t: Teardown, config = {}): Promise<Newsroom> {
  const app = await buildTestApp(t, config)
  const world = await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa', world)
  const business = await insertSection(app, 'business')
  const adrian = await insertAuthor(app, 'adrian-ovalle')
  const halima = await insertAuthor(app, 'halima-dembele')
  const nobody = await insertAuthor(app, 'nadia-farouk')
  const lake = await insertStoredArticle(app, 'lake-chad', { sectionId: africa, authorIds: [adrian], publishedAt: '2026-03-01T08:00:00.000Z' })
  const markets = await insertStoredArticle(app, 'markets-open', { sectionId: business, authorIds: [halima], publishedAt: '2026-03-02T08:00:00.000Z' })
  await insertStoredArticle(app, 'still-a-draft', { sectionId: africa, authorIds: [nobody], state: 'draft' })
  await insertStoredArticle(app, 'retracted', { sectionId: world, authorIds: [nobody], state: 'withdrawn', publishedAt: '2026-03-03T08:00:00.000Z' })
  await updateRows(app, 'articles', { updatedAt: '2026-03-05T10:00:00.000Z' }, { id: lake })
  await updateRows(app, 'articles', { updatedAt: '2026-03-02T09:00:00.000Z' }, { id: markets })
  await updateRows(app, 'sections', { updatedAt: '2026-01-01T00:00:00.000Z' }, {})
  await updateRows(app, 'authors', { updatedAt: '2026-01-01T00:00:00.000Z' }, {})
  return { app, world, africa, business, adrian, halima, lake, markets }
}

const shared = newsroom(t)

const entries = (xml: string, root: 'urlset' | 'sitemapindex'): Entry[] => {
  const document = parser.parse(xml)[root]
  return document[root === 'urlset' ? 'url' : 'sitemap'] ?? []
}

t.test('the sitemap index names the sections, authors and articles sitemaps, each with its last change', async (t) => {
  const { app } = await shared
  const res = await read(app, '/sitemap.xml')
  t.equal(res.headers['content-type'], 'application/xml; charset=utf-8')
  await assertValid(t, res.body, 'siteindex')
  t.same(entries(res.body, 'sitemapindex'), [
    { loc: `${API}/sitemaps/sections.xml`, lastmod: '2026-03-05T10:00:00.000Z' },
    { loc: `${API}/sitemaps/authors.xml`, lastmod: '2026-03-05T10:00:00.000Z' },
    { loc: `${API}/sitemaps/articles-1.xml`, lastmod: '2026-03-05T10:00:00.000Z' }
  ])
})

t.test('the articles sitemap lists the web address of every public article with its last change, and nothing else', async (t) => {
  const { app } = await shared
  const res = await read(app, '/sitemaps/articles-1.xml')
  await assertValid(t, res.body, 'sitemap')
  t.same(entries(res.body, 'urlset'), [
    { loc: `${SITE}/africa/lake-chad`, lastmod: '2026-03-05T10:00:00.000Z' },
    { loc: `${SITE}/business/markets-open`, lastmod: '2026-03-02T09:00:00.000Z' }
  ])
})

t.test('a page of articles past the last is a 404 problem; a page that is not a number is a 400', async (t) => {
  const { app } = await shared
  const missing = await app.inject({ url: '/sitemaps/articles-2.xml' })
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { code: 'SITEMAP_PAGE_NOT_FOUND' })
  for (const page of ['0', 'one', '1.5']) {
    const res = await app.inject({ url: `/sitemaps/articles-${page}.xml` })
    t.equal(res.statusCode, 400, page)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  }
})

t.test('the sections sitemap lists the front page and every section, a section changing when anything below it does', async (t) => {
  const { app } = await shared
  const res = await read(app, '/sitemaps/sections.xml')
  await assertValid(t, res.body, 'sitemap')
  t.same(entries(res.body, 'urlset'), [
    { loc: `${SITE}/`, lastmod: '2026-03-05T10:00:00.000Z' },
    { loc: `${SITE}/africa`, lastmod: '2026-03-05T10:00:00.000Z' },
    { loc: `${SITE}/business`, lastmod: '2026-03-02T09:00:00.000Z' },
    { loc: `${SITE}/world`, lastmod: '2026-03-05T10:00:00.000Z' }
  ])
})

t.test('the authors sitemap lists the authors of public articles, changing with their articles or their profile', async (t) => {
  const room = await newsroom(t)
  await updateRows(room.app, 'authors', { updatedAt: '2026-04-01T00:00:00.000Z' }, { id: room.halima })
  const res = await read(room.app, '/sitemaps/authors.xml')
  await assertValid(t, res.body, 'sitemap')
  t.same(entries(res.body, 'urlset'), [
    { loc: `${SITE}/authors/adrian-ovalle`, lastmod: '2026-03-05T10:00:00.000Z' },
    { loc: `${SITE}/authors/halima-dembele`, lastmod: '2026-04-01T00:00:00.000Z' }
  ])
})

t.test('a newsroom with nothing published yet has a valid index: the front page and sections, no empty sitemap', async (t) => {
  const app = await buildTestApp(t)
  const index = (await read(app, '/sitemap.xml')).body
  await assertValid(t, index, 'siteindex')
  t.same(entries(index, 'sitemapindex').map((entry) => entry.loc), [`${API}/sitemaps/sections.xml`])
  const sections = (await read(app, '/sitemaps/sections.xml')).body
  await assertValid(t, sections, 'sitemap')
  t.same(entries(sections, 'urlset'), [{ loc: `${SITE}/` }])
  t.equal((await app.inject({ url: '/sitemaps/articles-1.xml' })).statusCode, 404)
})

t.test('the news sitemap lists articles of the last 48 hours, newest first, in the Google News format', async (t) => {
  const room = await newsroom(t, { publicationName: 'The Weekly & Co' })
  const fresh = await insertStoredArticle(room.app, 'fresh', { sectionId: room.africa, publishedAt: hoursAgo(1) })
  await updateRows(room.app, 'articles', { headline: 'Rates fall <again> & "soon" 🌊', language: 'pt-BR' }, { id: fresh })
  await insertStoredArticle(room.app, 'yesterday', { sectionId: room.business, publishedAt: hoursAgo(30) })
  await insertStoredArticle(room.app, 'three-days-old', { sectionId: room.business, publishedAt: hoursAgo(72) })
  await insertStoredArticle(room.app, 'fresh-but-withdrawn', { sectionId: room.africa, publishedAt: hoursAgo(2), state: 'withdrawn' })
  const res = await read(room.app, '/news-sitemap.xml')
  t.equal(res.headers['content-type'], 'application/xml; charset=utf-8')
  await assertValid(t, res.body, 'news')
  const urls = parser.parse(res.body).urlset.url
  t.same(urls.map((url: Entry) => url.loc), [`${SITE}/africa/fresh`, `${SITE}/business/yesterday`])
  t.same(urls[0]['news:news'], {
    'news:publication': { 'news:name': 'The Weekly & Co', 'news:language': 'pt' },
    'news:publication_date': (await read(room.app, '/v1/articles/fresh')).json().publishedAt,
    'news:title': 'Rates fall <again> & "soon" 🌊'
  })
})

t.test('a news sitemap holds at most 1,000 articles', async (t) => {
  const room = await newsroom(t)
  const base = Date.now() - HOUR
  await insertRows(room.app, 'articles', Array.from({ length: 1001 }, (_, i) => ({
    slug: `story-${i}`,
    headline: `Story ${i}`,
    body: [],
    bodyHtml: '',
    bodyText: '',
    wordCount: 0,
    readingTime: 1,
    sectionId: room.world,
    status: 'published' as const,
    publishedAt: new Date(base + i * 1000).toISOString()
  })))
  const urls = parser.parse((await read(room.app, '/news-sitemap.xml')).body).urlset.url
  t.equal(urls.length, 1000)
  t.equal(urls[0].loc, `${SITE}/world/story-1000`)
})

t.test('Chinese keeps its script in the news sitemap; every other language is its ISO 639 code', async (t) => {
  const room = await newsroom(t)
  for (const [slug, language] of [['hans', 'zh-Hans'], ['hant', 'zh-Hant-TW'], ['taiwan', 'zh-TW'], ['french', 'fr-CA'], ['asturian', 'ast']]) {
    const id = await insertStoredArticle(room.app, slug, { sectionId: room.world, publishedAt: hoursAgo(1) })
    await updateRows(room.app, 'articles', { language }, { id })
  }
  const body = (await read(room.app, '/news-sitemap.xml')).body
  await assertValid(t, body, 'news')
  const languages = Object.fromEntries(parser.parse(body).urlset.url.map((url: { loc: string, 'news:news': { 'news:publication': { 'news:language': string } } }) =>
    [url.loc.split('/').at(-1), url['news:news']['news:publication']['news:language']]))
  t.same(languages, { hans: 'zh-cn', hant: 'zh-tw', taiwan: 'zh-tw', french: 'fr', asturian: 'ast' })
})

t.test('robots.txt names the sitemap index and the news sitemap, and keeps crawlers out of the Admin API and previews', async (t) => {
  const { app } = await shared
  const res = await read(app, '/robots.txt')
  t.equal(res.headers['content-type'], 'text/plain; charset=utf-8')
  t.equal(res.body, ['User-agent: *', 'Disallow: /v1/admin/', 'Disallow: /v1/previews/', '',
    `Sitemap: ${API}/sitemap.xml`, `Sitemap: ${API}/news-sitemap.xml`, ''].join('\n'))
})

t.test('sitemaps and robots.txt are cached as the Content API is, and name the collections they list', async (t) => {
  const { app } = await shared
  for (const [url, keys] of [['/sitemap.xml', 'articles sections authors'], ['/sitemaps/articles-1.xml', 'articles'], ['/sitemaps/sections.xml', 'sections articles'],
    ['/sitemaps/authors.xml', 'authors articles'], ['/news-sitemap.xml', 'articles'], ['/robots.txt', undefined]] as const) {
    const res = await read(app, url)
    t.match(res.headers, { 'cache-control': 'public, max-age=60, stale-while-revalidate=300', etag: /^W\//, 'last-modified': /GMT$/ }, url)
    t.equal(res.headers['surrogate-key'], keys, url)
    const again = await app.inject({ url, headers: { 'if-none-match': res.headers.etag as string } })
    t.equal(again.statusCode, 304, `${url} answers 304 to its ETag`)
  }
})

t.test('a sitemap follows the configured templates', async (t) => {
  const room = await newsroom(t, { articleUrlTemplate: '{site}/{year}/{month}/{day}/{slug}', sectionUrlTemplate: '{site}/s/{section}', authorUrlTemplate: '{site}/by/{slug}' })
  t.same(entries((await read(room.app, '/sitemaps/articles-1.xml')).body, 'urlset').map((entry) => entry.loc), [`${SITE}/2026/03/01/lake-chad`, `${SITE}/2026/03/02/markets-open`])
  t.same(entries((await read(room.app, '/sitemaps/sections.xml')).body, 'urlset').map((entry) => entry.loc), [`${SITE}/`, `${SITE}/s/africa`, `${SITE}/s/business`, `${SITE}/s/world`])
  t.same(entries((await read(room.app, '/sitemaps/authors.xml')).body, 'urlset').map((entry) => entry.loc), [`${SITE}/by/adrian-ovalle`, `${SITE}/by/halima-dembele`])
})
