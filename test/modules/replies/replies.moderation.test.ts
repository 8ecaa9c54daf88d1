import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { row, rows } from '../../helpers/db.js'
import { insertAuthor } from '../../helpers/fixtures.js'
import { insertArticle, insertReply, PROBLEM, publicIds, SLUG } from './replies-fixtures.js'

const tokenIdOf = async (app: FastifyInstance) => (await row(app, 'apiTokens'))?.id

const bulk = async (app: FastifyInstance, payload: object) =>
  app.inject({ method: 'POST', url: '/v1/admin/replies/moderation', headers: await authHeader(app, 'editor'), payload })

t.test('the moderation queue lists pending replies oldest first, with emails and the article', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const late = await insertReply(app, articleId, 'pending', { createdAt: '2026-03-15T08:00:00.000Z' })
  const early = await insertReply(app, articleId, 'pending', { createdAt: '2026-03-14T08:00:00.000Z' })
  await insertReply(app, articleId, 'approved')
  await insertReply(app, articleId, 'removed', { parentId: early })
  const res = await app.inject({ url: '/v1/admin/replies', headers: await authHeader(app, 'editor') })
  t.equal(res.statusCode, 200)
  t.same(res.json().data.map((reply: { id: number }) => reply.id), [early, late])
  t.match(res.json().data[0], {
    id: early,
    articleId,
    article: { slug: SLUG, headline: `Headline of ${SLUG}` },
    authorEmail: 'kofi@example.org',
    ipHash: null,
    status: 'pending',
    moderatedAt: null,
    moderatedBy: null
  })
  t.same(res.json().meta, { nextCursor: null, limit: 50, total: 2 })
})

t.test('the moderation queue filters by status and article and pages with a cursor', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const articleId = await insertArticle(app)
  const otherId = await insertArticle(app, 'maradi-opens-its-grain-reserve', { status: 'draft' })
  const spam = [await insertReply(app, articleId, 'spam'), await insertReply(app, otherId, 'spam'), await insertReply(app, articleId, 'spam')]
  await insertReply(app, articleId, 'pending')
  const bySpam = await app.inject({ url: '/v1/admin/replies?status=spam&limit=2', headers: editor })
  t.same(bySpam.json().data.map((reply: { id: number }) => reply.id), spam.slice(0, 2))
  t.match(bySpam.json().meta, { total: 3, limit: 2, nextCursor: String })
  t.match(bySpam.headers.link, /rel="next"/)
  const rest = await app.inject({ url: `/v1/admin/replies?status=spam&limit=2&cursor=${bySpam.json().meta.nextCursor}`, headers: editor })
  t.same(rest.json().data.map((reply: { id: number }) => reply.id), spam.slice(2))
  const byArticle = await app.inject({ url: `/v1/admin/replies?status=spam&articleId=${otherId}`, headers: editor })
  t.same(byArticle.json().data.map((reply: { id: number }) => reply.id), [spam[1]])
  t.equal(byArticle.json().meta.total, 1)
  for (const status of ['deleted', 'removed']) {
    t.equal((await app.inject({ url: `/v1/admin/replies?status=${status}`, headers: editor })).statusCode, 400, status)
  }
})

t.test('moderation records when and by which token', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const tokenId = await tokenIdOf(app)
  const id = await insertReply(app, await insertArticle(app), 'pending')
  const before = new Date().toISOString()
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${id}`, headers: editor, payload: { status: 'approved' } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id, status: 'approved', moderatedBy: tokenId, moderatedAt: String, authorEmail: 'kofi@example.org' })
  const stored = await row(app, 'replies', { id })
  t.match(stored, { status: 'approved', moderatedBy: tokenId })
  t.ok((stored?.moderatedAt ?? '') >= before)
  const got = await app.inject({ url: `/v1/admin/replies/${id}`, headers: editor })
  t.equal(got.statusCode, 200)
  t.same(got.json(), res.json())
})

t.test('a moderation decision is approved, rejected or spam; anything else is a 400', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const id = await insertReply(app, await insertArticle(app), 'spam')
  for (const payload of [{}, { status: 'deleted' }, { status: 'pending' }, { status: 'removed' }, { status: 'approved', note: 'ok' }]) {
    const res = await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${id}`, headers: editor, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json(), { code: 'VALIDATION_FAILED' })
  }
  t.match(await row(app, 'replies'), { status: 'spam', moderatedAt: null })
})

t.test('deleting an unanswered reply removes it for good: 204, then 404', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const id = await insertReply(app, await insertArticle(app), 'approved')
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${id}`, headers: editor })
  t.equal(res.statusCode, 204)
  t.equal(res.payload, '')
  t.same(await rows(app, 'replies'), [])
  const again = await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${id}`, headers: editor })
  t.equal(again.statusCode, 404)
  t.match(again.json(), { code: 'REPLY_NOT_FOUND' })
})

t.test('deleting an answered reply erases what it said and who said it, keeping its answers in place', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const tokenId = await tokenIdOf(app)
  const articleId = await insertArticle(app)
  const parent = await insertReply(app, articleId, 'approved', { ipHash: 'some-hash' })
  const child = await insertReply(app, articleId, 'pending', { parentId: parent })
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${parent}`, headers: editor })).statusCode, 204)
  t.match(await row(app, 'replies', { id: parent }), {
    status: 'removed', authorName: '', authorEmail: '', body: '', ipHash: null, moderatedBy: tokenId, moderatedAt: String
  })
  t.match(await row(app, 'replies', { id: child }), { parentId: parent })
  for (const request of [
    { method: 'GET' as const, url: `/v1/admin/replies/${parent}` },
    { method: 'PATCH' as const, url: `/v1/admin/replies/${parent}`, payload: { status: 'approved' } },
    { method: 'DELETE' as const, url: `/v1/admin/replies/${parent}` }
  ]) {
    const res = await app.inject({ ...request, headers: editor })
    t.equal(res.statusCode, 404, `${request.method} a deleted reply`)
    t.match(res.json(), { code: 'REPLY_NOT_FOUND' })
  }
  t.same((await bulk(app, { ids: [parent], status: 'approved' })).json().notFound, [parent])
})

t.test('deleting the last answer of a deleted reply takes the emptied reply with it', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const articleId = await insertArticle(app)
  const top = await insertReply(app, articleId, 'approved')
  const middle = await insertReply(app, articleId, 'approved', { parentId: top })
  const leaf = await insertReply(app, articleId, 'approved', { parentId: middle })
  const sibling = await insertReply(app, articleId, 'approved', { parentId: top })
  for (const id of [top, middle]) await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${id}`, headers: editor })
  t.same(await publicIds(app), [top, middle, leaf, sibling])
  await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${leaf}`, headers: editor })
  t.same((await rows(app, 'replies')).map((reply) => reply.id), [top, sibling], 'top still has an answer')
  await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${sibling}`, headers: editor })
  t.same(await rows(app, 'replies'), [])
})

t.test('an unknown reply id is a 404 for reading and moderating', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const get = await app.inject({ url: '/v1/admin/replies/99', headers: editor })
  t.equal(get.statusCode, 404)
  t.match(get.headers['content-type'], PROBLEM)
  t.match(get.json(), { code: 'REPLY_NOT_FOUND', detail: 'No reply was found for 99.' })
  const patch = await app.inject({ method: 'PATCH', url: '/v1/admin/replies/99', headers: editor, payload: { status: 'approved' } })
  t.equal(patch.statusCode, 404)
  t.match(patch.json(), { code: 'REPLY_NOT_FOUND' })
  t.equal((await app.inject({ url: '/v1/admin/replies/abc', headers: editor })).statusCode, 400)
})

t.test('bulk moderation decides on many replies at once and names the ids it did not find', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const ids = [await insertReply(app, articleId, 'pending'), await insertReply(app, articleId, 'pending'), await insertReply(app, articleId, 'approved')]
  const untouched = await insertReply(app, articleId, 'pending')
  const before = new Date().toISOString()
  const res = await bulk(app, { ids: [ids[2], 404, ids[0], ids[1]], status: 'spam' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'spam', updated: [ids[2], ids[0], ids[1]], notFound: [404] })
  const tokenId = await tokenIdOf(app)
  for (const id of ids) {
    const stored = await row(app, 'replies', { id })
    t.match(stored, { status: 'spam', moderatedBy: tokenId })
    t.ok((stored?.moderatedAt ?? '') >= before)
  }
  t.match(await row(app, 'replies', { id: untouched }), { status: 'pending', moderatedAt: null })
  t.same(await publicIds(app), [])
})

t.test('bulk moderation takes 1 to 100 distinct ids and a decision', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertReply(app, await insertArticle(app), 'pending')
  const hundred = Array.from({ length: 100 }, (_, n) => n + 1000)
  t.same((await bulk(app, { ids: hundred, status: 'rejected' })).json().notFound, hundred)
  for (const [payload, path] of [
    [{ ids: [], status: 'approved' }, '/body/ids'],
    [{ ids: [...hundred, 1100], status: 'approved' }, '/body/ids'],
    [{ ids: [id, id], status: 'approved' }, '/body/ids'],
    [{ ids: [0], status: 'approved' }, '/body/ids/0'],
    [{ ids: [id], status: 'pending' }, '/body/status'],
    [{ ids: [id] }, '/body/status']
  ] as const) {
    const res = await bulk(app, payload)
    t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 60))
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path }] })
  }
  t.match(await row(app, 'replies'), { status: 'pending', moderatedAt: null })
})

t.test('the public count follows every moderation decision', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const articleId = await insertArticle(app)
  const [a, b, c] = [await insertReply(app, articleId, 'pending'), await insertReply(app, articleId, 'pending'), await insertReply(app, articleId, 'pending')]
  const total = async () => (await app.inject({ url: `/v1/articles/${SLUG}/replies` })).json().meta.total
  t.equal(await total(), 0)
  await bulk(app, { ids: [a, b, c], status: 'approved' })
  t.equal(await total(), 3)
  await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${a}`, headers: editor, payload: { status: 'spam' } })
  t.equal(await total(), 2)
  await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${b}`, headers: editor })
  t.equal(await total(), 1)
  await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${a}`, headers: editor, payload: { status: 'approved' } })
  t.equal(await total(), 2)
})

t.test('moderation needs an editor token', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertReply(app, await insertArticle(app), 'pending')
  const requests = [
    { method: 'GET' as const, url: '/v1/admin/replies' },
    { method: 'GET' as const, url: `/v1/admin/replies/${id}` },
    { method: 'PATCH' as const, url: `/v1/admin/replies/${id}`, payload: { status: 'approved' } },
    { method: 'POST' as const, url: '/v1/admin/replies/moderation', payload: { ids: [id], status: 'approved' } },
    { method: 'DELETE' as const, url: `/v1/admin/replies/${id}` }
  ]
  const author = await authHeader(app, 'author', await insertAuthor(app))
  for (const request of requests) {
    const anonymous = await app.inject(request)
    t.equal(anonymous.statusCode, 401, `${request.method} ${request.url} without a token`)
    t.match(anonymous.json(), { code: 'TOKEN_REQUIRED' })
    const weak = await app.inject({ ...request, headers: author })
    t.equal(weak.statusCode, 403, `${request.method} ${request.url} as an author`)
    t.match(weak.json(), { code: 'ROLE_TOO_WEAK' })
  }
  t.match(await rows(app, 'replies'), [{ id, status: 'pending', moderatedAt: null }])
})

t.test('the article\'s replyCount follows moderation', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const articleId = await insertArticle(app)
  const [a, b] = [await insertReply(app, articleId, 'pending'), await insertReply(app, articleId, 'pending')]
  await insertReply(app, articleId, 'spam')
  const replyCount = async () => {
    const res = await app.inject({ url: `/v1/articles/${SLUG}` })
    t.equal(res.statusCode, 200)
    return res.json().replyCount
  }
  t.equal(await replyCount(), 0)
  await bulk(app, { ids: [a, b], status: 'approved' })
  t.equal(await replyCount(), 2)
  await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${a}`, headers: editor, payload: { status: 'rejected' } })
  t.equal(await replyCount(), 1)
  await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${b}`, headers: editor })
  t.equal(await replyCount(), 0)
})
