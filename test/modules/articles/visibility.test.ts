import tap from 'tap'
import type { FastifyInstance } from 'fastify'
import { FLAGSHIP_SLUG } from '../../../src/modules/articles/articles.schemas.js'
import { authHeader, buildTestApp, type Teardown } from '../../helpers/app.js'
import { countRows, row, rows } from '../../helpers/db.js'

const HIDDEN_STATUSES = ['draft', 'scheduled', 'archived'] as const
type Hidden = typeof HIDDEN_STATUSES[number]

interface Parameter { in: string, name: string, example?: unknown, schema?: { examples?: unknown[] } }
interface Operation { security?: unknown[], parameters?: Parameter[], requestBody?: { content: Record<string, { example?: unknown, examples?: Record<string, { value: unknown }> }> } }

const exampleOf = (parameter: Parameter | undefined) => parameter?.example ?? parameter?.schema?.examples?.[0]

/** Every public operation of the API as it stands, from its own spec, so routes added later are covered too. */
function publicOperations (app: FastifyInstance): Array<{ path: string, method: string, operation: Operation }> {
  const spec = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> }
  return Object.entries(spec.paths)
    .filter(([path]) => path.startsWith('/v1/') && !path.startsWith('/v1/previews/'))
    .flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })))
    .filter(({ operation }) => !operation.security?.length)
}

function exampleBody (operation: Operation | undefined): object | undefined {
  const media = operation?.requestBody?.content['application/json']
  return (media?.example ?? Object.values(media?.examples ?? {})[0]?.value) as object | undefined
}

function fill (path: string, operation: Operation, values: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? String(exampleOf(operation.parameters?.find((p) => p.in === 'path' && p.name === name)))))
}

/**
 * The URLs a reader can GET: each public GET route with its examples, alone and with each query example,
 * and again with the section, author and tag of the articles under test wherever a route or filter names one.
 */
function publicUrls (app: FastifyInstance, home: Record<'section' | 'author' | 'tag', string>): string[] {
  // The change feed is a history by design: an article published and then taken down stays in it as a tombstone.
  // Its own tests show that drafts and schedules never reach it.
  const urls = publicOperations(app).filter(({ method, path }) => method === 'get' && path !== '/v1/changes').flatMap(({ path, operation }) => {
    const resource = /^\/v1\/(section|author|tag)s\/\{slug\}$/.exec(path)?.[1] as keyof typeof home | undefined
    return [fill(path, operation), ...(resource ? [fill(path, operation, { slug: home[resource] })] : [])].flatMap((base) => {
      const queries = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'cursor')
      return [
        base,
        ...queries.filter((p) => exampleOf(p) !== undefined).map((p) => `${base}?${p.name}=${encodeURIComponent(String(exampleOf(p)))}`),
        ...queries.filter((p) => p.name in home).map((p) => `${base}?${p.name}=${home[p.name as keyof typeof home]}`),
        ...(queries.some((p) => p.name === 'limit') ? [`${base}?limit=100`] : [])
      ]
    })
  })
  return [...new Set(urls)]
}

async function snapshot (app: FastifyInstance, urls: string[]): Promise<Map<string, string>> {
  const bodies = new Map<string, string>()
  for (const url of urls) {
    const res = await app.inject({ url })
    bodies.set(url, `${res.statusCode} ${res.body}`)
  }
  return bodies
}

interface Site {
  app: FastifyInstance
  editor: { authorization: string }
  flagship: { id: number, sectionId: number, authorIds: number[], tagIds: number[] }
  /** The slugs of the flagship's section, first author and first tag, where the articles under test appear. */
  home: Record<'section' | 'author' | 'tag', string>
}

async function demoSite (t: Teardown): Promise<Site> {
  const app = await buildTestApp(t, { seedDemo: true })
  const flagship = await row(app, 'articles', { slug: FLAGSHIP_SLUG })
  if (!flagship) throw new Error('the demo site has no flagship article')
  // Link rows come in position order.
  const authorIds = (await rows(app, 'articleAuthors', { articleId: flagship.id })).map((link) => link.authorId)
  const tagIds = (await rows(app, 'articleTags', { articleId: flagship.id })).map((link) => link.tagId)
  const slugOf = async (table: 'sections' | 'authors' | 'tags', id: number | undefined) =>
    (await row(app, table, { id: id ?? 0 }))?.slug ?? ''
  return {
    app,
    editor: await authHeader(app, 'editor'),
    flagship: { id: flagship.id, sectionId: flagship.sectionId, authorIds, tagIds },
    home: { section: await slugOf('sections', flagship.sectionId), author: await slugOf('authors', authorIds[0]), tag: await slugOf('tags', tagIds[0]) }
  }
}

/** An article in the flagship's section, by its authors, with its tags, so every section, author and tag page could show it. */
async function articleIn (site: Site, status: Hidden | 'published', word: string): Promise<{ id: number, slug: string }> {
  const res = await site.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: site.editor,
    payload: {
      headline: `Lake Chad ${word} fishermen return`,
      body: [{ type: 'paragraph', text: `Fishermen on Lake Chad talk about the ${word} season and the rising water.` }],
      sectionId: site.flagship.sectionId,
      authorIds: site.flagship.authorIds,
      tagIds: site.flagship.tagIds,
      status: status === 'archived' ? 'published' : status,
      ...(status === 'scheduled' && { scheduledAt: '2099-01-01T06:00:00.000Z' })
    }
  })
  if (res.statusCode !== 201) throw new Error(`creating an article failed: ${res.body}`)
  const article = res.json()
  if (status === 'archived') {
    const taken = await site.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/unpublish`, headers: site.editor, payload: {} })
    if (taken.statusCode !== 200) throw new Error(`unpublishing failed: ${taken.body}`)
  }
  return article
}

tap.test('drafts, scheduled and archived articles are 404 by slug, not 403, even with a token', async (t) => {
  const site = await demoSite(t)
  for (const status of HIDDEN_STATUSES) {
    const article = await articleIn(site, status, status)
    for (const headers of [{}, site.editor]) {
      const res = await site.app.inject({ url: `/v1/articles/${article.slug}`, headers })
      t.equal(res.statusCode, 404, `${status}: ${res.statusCode}`)
      t.match(res.json(), { code: 'ARTICLE_NOT_FOUND' })
    }
  }
})

tap.test('the old slug of a renamed unpublished article is 404 too, never a redirect that reveals the new one', async (t) => {
  const site = await demoSite(t)
  for (const status of HIDDEN_STATUSES) {
    const article = await articleIn(site, status, `renamed-${status}`)
    const renamed = await site.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: site.editor, payload: { slug: `${article.slug}-2` } })
    t.equal(renamed.statusCode, 200, `${status}: renamed`)
    for (const slug of [article.slug, `${article.slug}-2`]) {
      const res = await site.app.inject({ url: `/v1/articles/${slug}` })
      t.equal(res.statusCode, 404, `${status}: /v1/articles/${slug}`)
      t.notOk(res.headers.location, 'no Location header')
    }
  }
})

tap.test('the public article list never shows them, on any page', async (t) => {
  const site = await demoSite(t)
  const hidden = await Promise.all(HIDDEN_STATUSES.map((status) => articleIn(site, status, status)))
  const seen: string[] = []
  for (let url: string | null = '/v1/articles?limit=10'; url;) {
    const { data, meta } = (await site.app.inject({ url })).json() as { data: Array<{ slug: string }>, meta: { nextCursor: string | null } }
    seen.push(...data.map((article) => article.slug))
    url = meta.nextCursor ? `/v1/articles?limit=10&cursor=${meta.nextCursor}` : null
  }
  t.equal(seen.length, await countRows(site.app, 'articles', { status: 'published' }))
  for (const article of hidden) t.notOk(seen.includes(article.slug), article.slug)
})

tap.test('their replies cannot be read or written: 404', async (t) => {
  const site = await demoSite(t)
  const submit = publicOperations(site.app).find(({ path, method }) => path === '/v1/articles/{slug}/replies' && method === 'post')
  const replyExample = exampleBody(submit?.operation)
  t.ok(replyExample, 'the reply form has an example that works on a published article')
  for (const status of HIDDEN_STATUSES) {
    const article = await articleIn(site, status, status)
    const list = await site.app.inject({ url: `/v1/articles/${article.slug}/replies` })
    t.equal(list.statusCode, 404, `${status}: listing replies`)
    const post = await site.app.inject({ method: 'POST', url: `/v1/articles/${article.slug}/replies`, payload: replyExample })
    t.equal(post.statusCode, 404, `${status}: posting a reply (${post.body})`)
  }
})

tap.test('every public route under an article\'s slug answers 404 for a hidden article', async (t) => {
  const site = await demoSite(t)
  const hidden = await Promise.all(HIDDEN_STATUSES.map((status) => articleIn(site, status, status)))
  const routes = publicOperations(site.app).filter(({ path }) => path.startsWith('/v1/articles/{slug}'))
  t.ok(routes.length >= 3, routes.map(({ method, path }) => `${method} ${path}`).join(', '))
  for (const { path, method, operation } of routes) {
    const payload = exampleBody(operation)
    for (const article of hidden) {
      const url = fill(path, operation, { slug: article.slug })
      const res = await site.app.inject({ method: method.toUpperCase() as 'GET', url, ...(payload && { payload }) })
      t.equal(res.statusCode, 404, `${method.toUpperCase()} ${url}: ${res.statusCode}`)
    }
  }
})

tap.test('every public GET route reads the same before and after unpublished articles are added, and after one is taken down', async (t) => {
  const site = await demoSite(t)
  const urls = publicUrls(site.app, site.home)
  t.ok(urls.length >= 10, `${urls.length} public URLs: ${urls.join(' ')}`)
  const before = await snapshot(site.app, urls)

  for (const status of HIDDEN_STATUSES) await articleIn(site, status, 'hidden')
  const withHidden = await snapshot(site.app, urls)
  for (const url of urls) t.equal(withHidden.get(url), before.get(url), `${url} shows nothing of the unpublished articles`)

  // The same sweep sees a published article: it is sensitive enough to catch a leak.
  const live = await articleIn(site, 'published', 'live')
  const withLive = await snapshot(site.app, urls)
  const changed = urls.filter((url) => withLive.get(url) !== before.get(url))
  for (const page of ['/v1/articles', `/v1/sections/${site.home.section}`, `/v1/authors/${site.home.author}`, `/v1/tags/${site.home.tag}`]) {
    t.ok(changed.includes(page), `publishing an article changes ${page}`)
  }
  t.comment(`publishing changed ${changed.length} of ${urls.length} public URLs: ${changed.join(' ')}`)

  await site.app.inject({ method: 'POST', url: `/v1/admin/articles/${live.id}/unpublish`, headers: site.editor, payload: {} })
  const afterTakedown = await snapshot(site.app, urls)
  for (const url of urls) t.equal(afterTakedown.get(url), before.get(url), `${url} forgets the article taken down`)
})
