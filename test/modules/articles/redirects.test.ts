import tap from 'tap'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp, type Teardown } from '../../helpers/app.js'
import { insertAuthor, insertSection, SIMPLE_BODY } from '../../helpers/fixtures.js'

interface Newsroom {
  app: FastifyInstance
  editor: { authorization: string }
  sectionId: number
  authorId: number
}

async function newsroom (t: Teardown, publicBaseUrl = 'http://news.test'): Promise<Newsroom> {
  const app = await buildTestApp(t, { publicBaseUrl })
  return { app, editor: await authHeader(app, 'editor'), sectionId: await insertSection(app), authorId: await insertAuthor(app) }
}

async function publish (room: Newsroom, slug: string, status = 'published') {
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: room.editor,
    payload: { headline: 'Fishermen return', slug, body: SIMPLE_BODY, sectionId: room.sectionId, authorIds: [room.authorId], status }
  })
  return res.json() as { id: number, slug: string }
}

async function rename (room: Newsroom, id: number, slug: string) {
  const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: room.editor, payload: { slug } })
  if (res.statusCode !== 200) throw new Error(res.body)
}

tap.test('an old slug answers 301 with the absolute URL of the current one', async (t) => {
  const room = await newsroom(t)
  const article = await publish(room, 'fishermen-return')
  await rename(room, article.id, 'lake-chad-fishermen-return')
  const res = await room.app.inject({ url: '/v1/articles/fishermen-return' })
  t.equal(res.statusCode, 301)
  t.equal(res.headers.location, 'http://news.test/v1/articles/lake-chad-fishermen-return')
  t.same(res.json(), { location: 'http://news.test/v1/articles/lake-chad-fishermen-return' })
  t.equal((await room.app.inject({ url: '/v1/articles/lake-chad-fishermen-return' })).statusCode, 200)
})

tap.test('every earlier slug redirects straight to the current one, with the query kept', async (t) => {
  const room = await newsroom(t, 'https://example.com/api')
  const article = await publish(room, 'first-slug')
  await rename(room, article.id, 'second-slug')
  await rename(room, article.id, 'third-slug')
  for (const old of ['first-slug', 'second-slug']) {
    const res = await room.app.inject({ url: `/v1/articles/${old}/related?limit=3` })
    t.equal(res.statusCode, 301)
    t.equal(res.headers.location, 'https://example.com/api/v1/articles/third-slug/related?limit=3')
  }
})

tap.test('an old slug taken by a new article serves that article, not a redirect', async (t) => {
  const room = await newsroom(t)
  const first = await publish(room, 'fishermen-return')
  await rename(room, first.id, 'fishermen-return-2025')
  const second = await publish(room, 'fishermen-return')
  const res = await room.app.inject({ url: '/v1/articles/fishermen-return' })
  t.equal(res.statusCode, 200)
  t.equal(res.json().id, second.id)
})

tap.test('an old slug of an article that is not published is a 404', async (t) => {
  const room = await newsroom(t)
  const draft = await publish(room, 'draft-slug', 'draft')
  await rename(room, draft.id, 'renamed-draft')
  const res = await room.app.inject({ url: '/v1/articles/draft-slug' })
  t.equal(res.statusCode, 404)
  t.match(res.json(), { code: 'ARTICLE_NOT_FOUND' })
})

tap.test('a percent-encoded old slug redirects to the current one, not to itself', async (t) => {
  const room = await newsroom(t)
  const article = await publish(room, 'fishermen-return')
  await rename(room, article.id, 'lake-chad-fishermen-return')
  for (const [url, location] of [
    ['/v1/articles/%66ishermen-return', 'http://news.test/v1/articles/lake-chad-fishermen-return'],
    ['/v1/articles/%66ishermen-return/related?limit=3', 'http://news.test/v1/articles/lake-chad-fishermen-return/related?limit=3']
  ]) {
    const res = await room.app.inject({ url })
    t.equal(res.statusCode, 301, url)
    t.equal(res.headers.location, location, url)
  }
})

tap.test('a slug the public never read never redirects: one given up as a draft, under embargo or while taken down', async (t) => {
  const room = await newsroom(t)
  const publishNow = async (id: number, fields: object = { status: 'published' }) => {
    const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: room.editor, payload: fields })
    if (res.statusCode !== 200) throw new Error(res.body)
  }
  const drafted = await publish(room, 'acme-layoffs', 'draft')
  await rename(room, drafted.id, 'quiet-quarter')
  await publishNow(drafted.id)

  const embargoed = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: room.editor,
    payload: { headline: 'Results', slug: 'results-leak', body: SIMPLE_BODY, sectionId: room.sectionId, authorIds: [room.authorId], status: 'published', embargoedUntil: new Date(Date.now() + 3600_000).toISOString() }
  })
  await rename(room, embargoed.json().id, 'results')
  await publishNow(embargoed.json().id, { embargoedUntil: null })

  const republished = await publish(room, 'port-reopens')
  await publishNow(republished.id, { status: 'draft' })
  await rename(room, republished.id, 'port-closure-plan')
  await rename(room, republished.id, 'port-reopens-again')
  await publishNow(republished.id)

  for (const slug of ['acme-layoffs', 'results-leak', 'port-closure-plan']) {
    const res = await room.app.inject({ url: `/v1/articles/${slug}` })
    t.equal(res.statusCode, 404, slug)
    t.notOk(res.headers.location, slug)
  }
  t.equal((await room.app.inject({ url: '/v1/articles/port-reopens' })).headers.location, 'http://news.test/v1/articles/port-reopens-again', 'a slug once public still redirects')
})
