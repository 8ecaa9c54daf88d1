// Web addresses: every article, section, author and tag the API returns carries its page on the website, made by
// the configured templates, and the pages that list articles announce their feeds.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../src/config.js'
import { createWebAddresses } from '../../src/shared/web-addresses.js'
import { authHeader, buildTestApp, TEST_CONFIG, type Teardown } from '../helpers/app.js'
import { insertAuthor, insertSection, insertStoredArticle, insertTag } from '../helpers/fixtures.js'

const SITE = 'https://www.news.test'
const API = 'http://news.test'

interface Newsroom {
  app: FastifyInstance
  world: number
  africa: number
  author: number
  tag: number
  article: number
}

/** World > Africa, an author, a tag, and one article in Africa published on 1 March 2026. */
async function newsroom (t: Teardown, config: Partial<Config> = {}): Promise<Newsroom> {
  const app = await buildTestApp(t, config)
  const world = await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa', world)
  const author = await insertAuthor(app, 'adrian-ovalle')
  const tag = await insertTag(app, 'climate')
  const article = await insertStoredArticle(app, 'lake-chad', { sectionId: africa, authorIds: [author], tagIds: [tag] })
  return { app, world, africa, author, tag, article }
}

// The tests that read the default addresses share one newsroom, with a second, newer article in Africa.
const shared = newsroom(t).then(async (room) => {
  await insertStoredArticle(room.app, 'lake-chad-again', { sectionId: room.africa, publishedAt: '2026-03-02T08:00:00.000Z' })
  return room
})

const json = async (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => {
  const res = await app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

t.test('by default an article lives at {site}/{section}/{slug}, and its section, authors and tags at theirs', async (t) => {
  const { app } = await shared
  const article = await json(app, '/v1/articles/lake-chad')
  t.equal(article.url, `${SITE}/africa/lake-chad`)
  t.equal(article.section.url, `${SITE}/africa`)
  t.same(article.breadcrumb.map((link: { url: string }) => link.url), [`${SITE}/world`, `${SITE}/africa`])
  t.equal(article.authors[0].url, `${SITE}/authors/adrian-ovalle`)
  t.equal(article.tags[0].url, `${SITE}/tags/climate`)
})

t.test('lists and related articles carry the same addresses as the article itself', async (t) => {
  const { app } = await shared
  const [newest, older] = (await json(app, '/v1/articles')).data
  t.equal(newest.url, `${SITE}/africa/lake-chad-again`)
  t.match(older, { url: `${SITE}/africa/lake-chad`, section: { url: `${SITE}/africa` }, authors: [{ url: `${SITE}/authors/adrian-ovalle` }], tags: [{ url: `${SITE}/tags/climate` }] })
  t.equal((await json(app, '/v1/articles/lake-chad/related')).data[0].url, `${SITE}/africa/lake-chad-again`)
  t.same((await json(app, '/v1/articles?fields=slug,url')).data[1], { slug: 'lake-chad', url: `${SITE}/africa/lake-chad` }, 'url is a field a sparse list may ask for')
})

t.test('sections, authors and tags carry their addresses on their own pages, in lists and in the tree', async (t) => {
  const { app } = await shared
  const section = await json(app, '/v1/sections/africa')
  t.equal(section.url, `${SITE}/africa`)
  t.equal(section.parent.url, `${SITE}/world`)
  t.same(section.breadcrumb.map((link: { url: string }) => link.url), [`${SITE}/world`, `${SITE}/africa`])
  t.equal((await json(app, '/v1/sections/world')).children[0].url, `${SITE}/africa`)
  const [world] = (await json(app, '/v1/sections')).data
  t.match(world, { url: `${SITE}/world`, children: [{ url: `${SITE}/africa` }] })
  const author = await json(app, '/v1/authors/adrian-ovalle')
  t.equal(author.url, `${SITE}/authors/adrian-ovalle`)
  t.match(author.latestArticles, [{ url: `${SITE}/africa/lake-chad`, section: { url: `${SITE}/africa` } }])
  t.equal((await json(app, '/v1/authors')).data[0].url, `${SITE}/authors/adrian-ovalle`)
  t.equal((await json(app, '/v1/tags/climate')).url, `${SITE}/tags/climate`)
  t.equal((await json(app, '/v1/tags')).data[0].url, `${SITE}/tags/climate`)
})

t.test('section, author and tag pages, and an article, announce their feeds on this service', async (t) => {
  const { app } = await shared
  t.same((await json(app, '/v1/sections/africa')).feeds, {
    rss: `${API}/feeds/rss.xml?section=africa`,
    atom: `${API}/feeds/atom.xml?section=africa`,
    json: `${API}/feeds/feed.json?section=africa`
  })
  t.same((await json(app, '/v1/articles/lake-chad')).feeds, (await json(app, '/v1/sections/africa')).feeds, 'an article announces its section\'s feeds')
  t.equal((await json(app, '/v1/authors/adrian-ovalle')).feeds.atom, `${API}/feeds/atom.xml?author=adrian-ovalle`)
  t.equal((await json(app, '/v1/tags/climate')).feeds.json, `${API}/feeds/feed.json?tag=climate`)
})

t.test('templates may date the address, name the id, and point at another host', async (t) => {
  const { app, article, author } = await newsroom(t, {
    articleUrlTemplate: '{site}/{year}/{month}/{day}/{id}-{slug}',
    sectionUrlTemplate: 'https://sections.news.test/s/{id}/{slug}',
    authorUrlTemplate: '{site}/people/{id}',
    tagUrlTemplate: '{site}/topics?t={slug}'
  })
  const res = await json(app, '/v1/articles/lake-chad')
  t.equal(res.url, `${SITE}/2026/03/01/${article}-lake-chad`)
  t.equal(res.section.url, `https://sections.news.test/s/${res.section.id}/africa`)
  t.equal(res.authors[0].url, `${SITE}/people/${author}`)
  t.equal(res.tags[0].url, `${SITE}/topics?t=climate`)
})

t.test('the date in an address is the UTC day of publication', async (t) => {
  const { app, africa } = await newsroom(t, { articleUrlTemplate: '{site}/{year}/{month}/{day}/{slug}' })
  await insertStoredArticle(app, 'new-year', { sectionId: africa, publishedAt: '2026-12-31T23:30:00.000Z' })
  t.equal((await json(app, '/v1/articles/new-year')).url, `${SITE}/2026/12/31/new-year`)
})

t.test('a value put into an address is percent-encoded, so no slug can break out of its path segment or query value', async (t) => {
  const links = createWebAddresses({ ...TEST_CONFIG, tagUrlTemplate: '{site}/topics?t={slug}' })
  t.equal(links.section({ id: 1, slug: 'm&a/news?' }), `${SITE}/m%26a%2Fnews%3F`)
  t.equal(links.tag({ id: 1, slug: 'a&b=c#d' }), `${SITE}/topics?t=a%26b%3Dc%23d`)
})

t.test('without SITE_URL the website is taken to be at PUBLIC_BASE_URL', async (t) => {
  const { app } = await newsroom(t, { siteUrl: null })
  t.equal((await json(app, '/v1/articles/lake-chad')).url, `${API}/africa/lake-chad`)
})

t.test('writers see where an article is, or will be: a draft is dated by its schedule', async (t) => {
  const { app, africa } = await newsroom(t, { articleUrlTemplate: '{site}/{year}/{slug}' })
  const editor = await authHeader(app, 'editor')
  const created = await app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: editor,
    payload: { headline: 'Next year', body: [{ type: 'paragraph', text: 'Soon.' }], sectionId: africa, status: 'scheduled', scheduledAt: '2099-01-01T00:00:00Z' }
  })
  t.equal(created.json().url, `${SITE}/2099/next-year`)
  t.equal(created.json().section.url, `${SITE}/africa`)
  const listed = (await json(app, '/v1/admin/articles?status=scheduled', editor)).data[0]
  t.equal(listed.url, `${SITE}/2099/next-year`)
  t.equal((await json(app, '/v1/admin/articles/1', editor)).url, `${SITE}/2026/lake-chad`)
})

t.test('a preview link points at this API, or at the frontend\'s preview page when PREVIEW_URL_TEMPLATE is set', async (t) => {
  for (const [template, expected] of [[null, `${API}/v1/previews/`], ['{site}/preview?token={token}', `${SITE}/preview?token=`]] as const) {
    const { app, article } = await newsroom(t, { previewUrlTemplate: template })
    const res = await app.inject({ method: 'POST', url: `/v1/admin/articles/${article}/preview`, headers: await authHeader(app, 'editor'), payload: {} })
    t.equal(res.json().url, `${expected}${res.json().token}`)
  }
})
