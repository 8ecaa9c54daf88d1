import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { FLAGSHIP_SLUG } from '../../src/modules/articles/articles.schemas.js'
import { SYNDICATION_PATHS } from '../../src/modules/syndication/syndication.routes.js'
import { authHeader, buildTestApp } from '../helpers/app.js'
import { row, updateRows } from '../helpers/db.js'
import { CONTENT_CLOCKS } from '../../src/db/settings.js'

const ARTICLE_URL = `/v1/articles/${FLAGSHIP_SLUG}`
const PUBLIC = 'public, max-age=60, stale-while-revalidate=300'

interface Ref { id: number }

async function read (app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  return app.inject({ url, headers })
}

function keysOf (header: unknown): string[] {
  return String(header).split(' ').sort()
}

function sorted (keys: string[]): string[] {
  return [...new Set(keys)].sort()
}

/**
 * Moves the content clocks (the public's and the partners') back, as if the last change were long ago, so a change now
 * is in a later second; and the dates of stored representations before them, as they were stored before that change.
 */
async function rewindContentClock (app: FastifyInstance): Promise<void> {
  for (const key of CONTENT_CLOCKS) await updateRows(app, 'settings', { value: '2026-01-05T08:00:00.000Z' }, { key })
  await updateRows(app, 'articleRepresentations', { lastModified: '2026-01-04T08:00:00.000Z' })
}

t.test('a public article carries a weak ETag, the date of its stored representation as Last-Modified, and the configured Cache-Control', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, ARTICLE_URL)
  t.equal(res.statusCode, 200)
  t.match(res.headers.etag, /^W\/"[\w-]+"$/)
  const stored = await row(app, 'articleRepresentations', { articleId: res.json().id })
  t.equal(res.headers['last-modified'], new Date(stored?.lastModified as string).toUTCString())
  t.equal(res.headers['cache-control'], PUBLIC)
  t.match(res.headers.vary, /accept-encoding/i)
})

t.test('the same article read twice has the same ETag', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const first = await read(app, ARTICLE_URL)
  const second = await read(app, ARTICLE_URL)
  t.equal(first.statusCode, 200)
  t.equal(second.headers.etag, first.headers.etag)
})

t.test('If-None-Match with the current ETag answers 304 with no body, no Content-Type and the same validators', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const first = await read(app, ARTICLE_URL)
  const res = await read(app, ARTICLE_URL, { 'if-none-match': first.headers.etag as string })
  t.equal(res.statusCode, 304)
  t.equal(res.body, '')
  t.equal(res.headers['content-length'], undefined)
  t.equal(res.headers['content-type'], undefined)
  t.equal(res.headers['content-encoding'], undefined)
  t.equal(res.headers.etag, first.headers.etag)
  t.equal(res.headers['last-modified'], first.headers['last-modified'])
  t.equal(res.headers['cache-control'], PUBLIC)
  t.equal(res.headers['surrogate-key'], first.headers['surrogate-key'])
})

t.test('If-None-Match matches the strong form of the tag, any tag of a list, and *', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const etag = (await read(app, ARTICLE_URL)).headers.etag as string
  for (const ifNoneMatch of [etag.slice(2), `"stale", ${etag}`, '*']) {
    const res = await read(app, ARTICLE_URL, { 'if-none-match': ifNoneMatch })
    t.equal(res.statusCode, 304, ifNoneMatch)
  }
})

t.test('an ETag that does not match gets the full article', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, ARTICLE_URL, { 'if-none-match': 'W/"stale"' })
  t.equal(res.statusCode, 200)
  t.equal(res.json().slug, FLAGSHIP_SLUG)
})

t.test('If-Modified-Since at or after Last-Modified answers 304, before it 200', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  await rewindContentClock(app)
  const lastModified = (await read(app, ARTICLE_URL)).headers['last-modified'] as string
  t.equal((await read(app, ARTICLE_URL, { 'if-modified-since': lastModified })).statusCode, 304)
  const later = new Date(Date.parse(lastModified) + 60_000).toUTCString()
  t.equal((await read(app, ARTICLE_URL, { 'if-modified-since': later })).statusCode, 304)
  const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString()
  t.equal((await read(app, ARTICLE_URL, { 'if-modified-since': earlier })).statusCode, 200)
})

t.test('an If-Modified-Since in the future is no validator: the full response comes back', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, ARTICLE_URL, { 'if-modified-since': 'Sat, 01 Jan 2100 00:00:00 GMT' })
  t.equal(res.statusCode, 200)
})

t.test('after an article is taken down, a list revalidated with If-Modified-Since comes back without it', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  await rewindContentClock(app)
  const before = await read(app, '/v1/articles?limit=3')
  const top = before.json().data[0] as Ref
  await app.inject({ method: 'POST', url: `/v1/admin/articles/${top.id}/unpublish`, headers: await authHeader(app, 'editor'), payload: {} })
  const res = await read(app, '/v1/articles?limit=3', { 'if-modified-since': before.headers['last-modified'] as string })
  t.equal(res.statusCode, 200)
  t.notOk(res.json().data.some((article: Ref) => article.id === top.id))
  t.ok(Date.parse(res.headers['last-modified'] as string) > Date.parse(before.headers['last-modified'] as string))
})

t.test('renaming a section moves the Last-Modified of an article in it', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  await rewindContentClock(app)
  const before = await read(app, ARTICLE_URL)
  const section = before.json().section as Ref
  await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${section.id}`, headers: await authHeader(app, 'admin'), payload: { name: 'Africa and the Sahel' } })
  const res = await read(app, ARTICLE_URL, { 'if-modified-since': before.headers['last-modified'] as string })
  t.equal(res.statusCode, 200)
  t.equal(res.json().section.name, 'Africa and the Sahel')
})

t.test('an unreadable If-Modified-Since is ignored', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, ARTICLE_URL, { 'if-modified-since': 'last tuesday' })
  t.equal(res.statusCode, 200)
})

t.test('If-None-Match takes precedence over If-Modified-Since', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const lastModified = (await read(app, ARTICLE_URL)).headers['last-modified'] as string
  const res = await read(app, ARTICLE_URL, { 'if-none-match': 'W/"stale"', 'if-modified-since': lastModified })
  t.equal(res.statusCode, 200)
})

t.test('HEAD answers 304 to a matching If-None-Match too', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const etag = (await read(app, ARTICLE_URL)).headers.etag as string
  const res = await app.inject({ method: 'HEAD', url: ARTICLE_URL, headers: { 'if-none-match': etag } })
  t.equal(res.statusCode, 304)
  t.equal(res.body, '')
  t.equal(res.headers['content-type'], undefined)
  t.equal(res.headers.etag, etag)
})

t.test('after an edit the article has a new ETag and a newer Last-Modified, and the old ETag gets the new article', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const before = await read(app, ARTICLE_URL)
  const edit = await app.inject({
    method: 'PATCH',
    url: `/v1/admin/articles/${before.json().id}`,
    headers: await authHeader(app, 'editor'),
    payload: { subtitle: 'The boats are back on Lake Chad' }
  })
  t.equal(edit.statusCode, 200)
  const after = await read(app, ARTICLE_URL, { 'if-none-match': before.headers.etag as string })
  t.equal(after.statusCode, 200)
  t.equal(after.json().subtitle, 'The boats are back on Lake Chad')
  t.not(after.headers.etag, before.headers.etag)
  t.ok(Date.parse(after.headers['last-modified'] as string) >= Date.parse(before.headers['last-modified'] as string))
  t.equal((await read(app, ARTICLE_URL, { 'if-none-match': after.headers.etag as string })).statusCode, 304)
})

t.test('Cache-Control takes max-age and stale-while-revalidate from the configuration', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true, cacheMaxAge: 120, cacheStaleWhileRevalidate: 30 })
  const res = await read(app, '/v1/sections')
  t.equal(res.headers['cache-control'], 'public, max-age=120, stale-while-revalidate=30')
})

t.test('a token is never worse than none', async (t) => {
  // One demo newsroom for these reads; the one test that writes comes last.
  const app = await buildTestApp(t, { seedDemo: true })
  const partner = await authHeader(app, 'partner')

  t.test('a public route read with a token keeps its validators, is private to the client, and names no entities for a CDN', async (t) => {
    const anonymous = await read(app, ARTICLE_URL)
    const res = await read(app, ARTICLE_URL, partner)
    t.equal(res.statusCode, 200)
    t.equal(res.headers['cache-control'], 'private, max-age=60')
    t.equal(res.headers.etag, anonymous.headers.etag, 'the same article, the same ETag')
    t.equal(res.headers['last-modified'], anonymous.headers['last-modified'])
    t.equal(res.headers['surrogate-key'], undefined)
    t.equal(res.headers['cache-tag'], undefined)
  })

  t.test('a partner revalidating with its token gets a 304, private', async (t) => {
    const first = await read(app, ARTICLE_URL, partner)
    const res = await read(app, ARTICLE_URL, { ...partner, 'if-none-match': first.headers.etag as string })
    t.equal(res.statusCode, 304)
    t.equal(res.body, '')
    t.equal(res.headers.etag, first.headers.etag)
    t.equal(res.headers['cache-control'], 'private, max-age=60')
  })

  t.test('an editor\'s token on a public route is no worse than a partner\'s: the same validators and 304', async (t) => {
    const editor = await authHeader(app, 'editor')
    const first = await read(app, '/v1/sections', editor)
    t.equal(first.headers['cache-control'], 'private, max-age=60')
    t.equal((await read(app, '/v1/sections', { ...editor, 'if-none-match': first.headers.etag as string })).statusCode, 304)
  })

  t.test('a missing article read with a token is private, for a few seconds only', async (t) => {
    const res = await read(app, '/v1/articles/no-such-article', partner)
    t.equal(res.statusCode, 404)
    t.equal(res.headers['cache-control'], 'private, max-age=10')
  })

  t.test('a revoked or unknown token on a public route is a 401 no one keeps', async (t) => {
    const res = await read(app, ARTICLE_URL, { authorization: 'Bearer not-a-token' })
    t.equal(res.statusCode, 401)
    t.equal(res.headers['cache-control'], 'no-store')
    t.equal(res.headers.etag, undefined)
  })

  t.test('If-Modified-Since with a token answers 304 until content changes, as it does without one', async (t) => {
    await rewindContentClock(app)
    const lastModified = (await read(app, '/v1/articles?limit=3', partner)).headers['last-modified'] as string
    t.equal((await read(app, '/v1/articles?limit=3', { ...partner, 'if-modified-since': lastModified })).statusCode, 304)
    const id = (await read(app, ARTICLE_URL)).json().id
    await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: await authHeader(app, 'editor'), payload: { featured: false } })
    t.equal((await read(app, '/v1/articles?limit=3', { ...partner, 'if-modified-since': lastModified })).statusCode, 200)
  })
})

t.test('a route that needs a token is private, and keeps the version ETag it sets itself', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const id = (await read(app, ARTICLE_URL)).json().id
  const res = await read(app, `/v1/admin/articles/${id}`, await authHeader(app, 'editor'))
  t.equal(res.statusCode, 200)
  t.equal(res.headers['cache-control'], 'private, no-store')
  t.equal(res.headers.etag, `"${res.json().version}"`)
  t.equal(res.headers['surrogate-key'], undefined)
})

t.test('a refused token on a route that needs one is private too', async (t) => {
  const app = await buildTestApp(t)
  const res = await read(app, '/v1/admin/tokens')
  t.equal(res.statusCode, 401)
  t.equal(res.headers['cache-control'], 'private, no-store')
})

t.test('a missing article is cacheable for a few seconds only', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, '/v1/articles/no-such-article')
  t.equal(res.statusCode, 404)
  t.equal(res.headers['cache-control'], 'public, max-age=10')
  t.equal(res.headers.etag, undefined)
})

t.test('a redirect from an old slug is cached like a page', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const id = (await read(app, ARTICLE_URL)).json().id
  await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: await authHeader(app, 'editor'), payload: { slug: 'lake-chad-boats-return' } })
  const res = await read(app, ARTICLE_URL)
  t.equal(res.statusCode, 301)
  t.equal(res.headers['cache-control'], PUBLIC)
})

t.test('a request the API refuses is never stored', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, '/v1/articles?limit=1000')
  t.equal(res.statusCode, 400)
  t.equal(res.headers['cache-control'], 'no-store')
})

t.test('an article names itself, its section and breadcrumb, its authors and its tags for a CDN', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, ARTICLE_URL)
  const article = res.json() as { id: number, section: Ref, breadcrumb: Ref[], authors: Ref[], tags: Ref[] }
  const expected = sorted([
    `article-${article.id}`,
    `section-${article.section.id}`,
    ...article.breadcrumb.map((s) => `section-${s.id}`),
    ...article.authors.map((a) => `author-${a.id}`),
    ...article.tags.map((tag) => `tag-${tag.id}`)
  ])
  t.same(keysOf(res.headers['surrogate-key']), expected)
  t.same(String(res.headers['cache-tag']).split(',').sort(), expected)
  t.ok(article.tags.length > 0 && article.authors.length > 0, 'the flagship has tags and authors to name')
})

t.test('a list of articles names the collection and every article with what it embeds', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, '/v1/articles?limit=5')
  const { data } = res.json() as { data: Array<{ id: number, section: Ref, authors: Ref[], tags: Ref[] }> }
  const expected = sorted(['articles', ...data.flatMap((a) => [
    `article-${a.id}`,
    `section-${a.section.id}`,
    ...a.authors.map((author) => `author-${author.id}`),
    ...a.tags.map((tag) => `tag-${tag.id}`)
  ])])
  t.same(keysOf(res.headers['surrogate-key']), expected)
  t.equal(String(res.headers['surrogate-key']).split(' ')[0], 'articles')
})

t.test('a section page names the section, its breadcrumb, its subsections, and the articles it counts', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, '/v1/sections/world')
  const section = res.json() as { id: number, breadcrumb: Ref[], children: Ref[] }
  t.ok(section.children.length > 0, 'World has subsections')
  const expected = sorted(['articles', `section-${section.id}`, ...section.breadcrumb.map((s) => `section-${s.id}`), ...section.children.map((s) => `section-${s.id}`)])
  t.same(keysOf(res.headers['surrogate-key']), expected)
})

t.test('the section tree names every section in it, nested ones included', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, '/v1/sections')
  interface Node { id: number, children: Node[] }
  const flatten = (nodes: Node[]): string[] => nodes.flatMap((node) => [`section-${node.id}`, ...flatten(node.children)])
  t.same(keysOf(res.headers['surrogate-key']), sorted(['sections', ...flatten(res.json().data)]))
})

t.test('an author page names the author and the latest articles it shows', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, '/v1/authors/adrian-ovalle')
  const author = res.json() as { id: number, latestArticles: Array<{ id: number, section?: Ref }> }
  t.ok(author.latestArticles.length > 0, 'the author has articles')
  const keys = keysOf(res.headers['surrogate-key'])
  t.ok(keys.includes(`author-${author.id}`))
  for (const article of author.latestArticles) t.ok(keys.includes(`article-${article.id}`), `names article-${article.id}`)
})

t.test('the replies under an article name each reply and the replies collection', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await read(app, `${ARTICLE_URL}/replies`)
  const { data } = res.json() as { data: Ref[] }
  t.ok(data.length > 0, 'the flagship has replies')
  t.same(keysOf(res.headers['surrogate-key']), sorted(['replies', ...data.map((reply) => `reply-${reply.id}`)]))
})

const CACHE_HEADERS = ['Cache-Control', 'Cache-Tag', 'ETag', 'Last-Modified', 'Surrogate-Key']

t.test('the spec documents the validators, the cache headers and the 304 on every public read, and on no write', async (t) => {
  const app = await buildTestApp(t)
  interface Operation { security?: unknown[], parameters?: Array<{ in: string, name: string }>, responses: Record<string, { headers?: Record<string, unknown> }> }
  const paths = (app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> }).paths
  let publicReads = 0
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`
      // A preview link is public but secret: it opts out with config.publicCache false. Feeds, sitemaps and robots.txt
      // are public reads outside /v1.
      const syndication = SYNDICATION_PATHS.some((prefix) => path.startsWith(prefix))
      const cached = method === 'get' && (path.startsWith('/v1/') || syndication) && !operation.security?.length && !path.startsWith('/v1/previews/')
      if (!cached) {
        t.notOk(operation.responses['304'], `${name} documents no 304`)
        continue
      }
      publicReads++
      t.ok(operation.responses['304'], `${name} documents 304`)
      const documented = Object.keys(operation.responses['200']?.headers ?? {})
      t.same(CACHE_HEADERS.filter((header) => !documented.includes(header)), [], `${name} documents the cache headers`)
      const headers = (operation.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name.toLowerCase())
      t.ok(headers.includes('if-none-match') && headers.includes('if-modified-since'), `${name} documents the conditional headers`)
    }
  }
  t.ok(publicReads >= 8, 'articles, sections, authors, tags and replies are covered')
})

t.test('author and tag pages carry the articles key, so publishing an article purges their counts', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  for (const url of ['/v1/authors/adrian-ovalle', '/v1/tags/climate']) {
    t.ok(keysOf((await read(app, url)).headers['surrogate-key']).includes('articles'), url)
  }
})
