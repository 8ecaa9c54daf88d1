import t from 'tap'
import { eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { apiTokens, articles, replies, REPLY_STATUSES } from '../../../src/db/schema.js'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { insertSection, SIMPLE_BODY } from '../../helpers/fixtures.js'

const PROBLEM = /^application\/problem\+json/
const SLUG = 'lake-chad-fishermen-return-as-waters-rise'
const READER = { authorName: 'Amina Bello', authorEmail: 'amina.bello@example.org', body: 'Good to read that the boats are back.' }

type ArticleStatus = typeof articles.$inferInsert.status
type ReplyStatus = typeof REPLY_STATUSES[number]

/** An article row as the articles module would store it. */
async function insertArticle (app: FastifyInstance, slug = SLUG, status: ArticleStatus = 'published'): Promise<number> {
  const sectionId = app.db.select().from(articles).get()?.sectionId ?? await insertSection(app, 'world')
  return app.db.insert(articles).values({
    slug,
    headline: `Headline of ${slug}`,
    body: [...SIMPLE_BODY],
    bodyHtml: '<p>Fishing crews returned to the northern shore on Monday.</p>',
    bodyText: 'Fishing crews returned to the northern shore on Monday.',
    wordCount: 9,
    readingTime: 1,
    sectionId,
    status,
    publishedAt: status === 'published' ? '2026-03-14T09:30:00.000Z' : null
  }).returning().get().id
}

async function insertReply (app: FastifyInstance, articleId: number, status: ReplyStatus = 'approved', extra: Partial<typeof replies.$inferInsert> = {}): Promise<number> {
  return app.db.insert(replies).values({
    articleId,
    authorName: 'Kofi Mensah',
    authorEmail: 'kofi@example.org',
    body: `A ${status} reply.`,
    status,
    ...extra
  }).returning().get().id
}

const submit = (app: FastifyInstance, payload: object, slug = SLUG) =>
  app.inject({ method: 'POST', url: `/v1/articles/${slug}/replies`, payload })

const publicIds = async (app: FastifyInstance, slug = SLUG): Promise<number[]> =>
  (await app.inject({ url: `/v1/articles/${slug}/replies` })).json().data.map((reply: { id: number }) => reply.id)

t.test('a submitted reply is stored as pending and answered with 202', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const res = await submit(app, READER)
  t.equal(res.statusCode, 202)
  t.match(res.headers['content-type'], /^application\/json/)
  const body = res.json()
  t.same(Object.keys(body).sort(), ['createdAt', 'id', 'status'])
  t.match(body, { id: Number, status: 'pending', createdAt: /^\d{4}-\d\d-\d\dT/ })
  t.match(app.db.select().from(replies).where(eq(replies.id, body.id)).get(), {
    articleId, parentId: null, ...READER, status: 'pending', moderatedAt: null, moderatedBy: null
  })
})

t.test('a submission is trimmed before it is stored', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const res = await submit(app, { authorName: '  Amina Bello ', authorEmail: 'amina.bello@example.org', body: '\n  Good news.  \n' })
  t.equal(res.statusCode, 202)
  t.match(app.db.select().from(replies).get(), { authorName: 'Amina Bello', body: 'Good news.' })
})

t.test('a pending reply is not in the public list until an editor approves it', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const { id } = (await submit(app, READER)).json()
  t.same(await publicIds(app), [])
  const res = await app.inject({ method: 'PATCH', url: `/v1/replies/${id}`, headers: await authHeader(app, 'editor'), payload: { status: 'approved' } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id, status: 'approved' })
  const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.equal(list.statusCode, 200)
  t.same(list.json(), {
    data: [{ id, parentId: null, authorName: READER.authorName, body: READER.body, createdAt: list.json().data[0].createdAt }],
    meta: { nextCursor: null, limit: 50, total: 1 }
  })
})

t.test('rejecting or marking an approved reply as spam hides it again', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const articleId = await insertArticle(app)
  for (const status of ['rejected', 'spam'] as const) {
    const id = await insertReply(app, articleId, 'approved')
    t.same(await publicIds(app), [id])
    const res = await app.inject({ method: 'PATCH', url: `/v1/replies/${id}`, headers: editor, payload: { status } })
    t.equal(res.statusCode, 200)
    t.same(await publicIds(app), [], status)
  }
})

t.test('the email address never appears in public output', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  await insertReply(app, articleId, 'approved', { authorEmail: 'secret.reader@example.org' })
  const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.equal(list.statusCode, 200)
  t.notMatch(list.payload, /secret\.reader|authorEmail|@/)
  const submitted = await submit(app, { ...READER, authorEmail: 'another.secret@example.org' })
  t.notMatch(submitted.payload, /another\.secret|authorEmail/)
})

t.test('markup in a reply is stored and returned as literal text', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const body = '<script>alert("x")</script> <b>bold</b> &amp;'
  const { id } = (await submit(app, { ...READER, authorName: '<i>Amina</i>', body })).json()
  await app.inject({ method: 'PATCH', url: `/v1/replies/${id}`, headers: await authHeader(app, 'editor'), payload: { status: 'approved' } })
  const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.match(list.json().data[0], { authorName: '<i>Amina</i>', body })
  t.match(app.db.select().from(replies).get(), { body })
})

t.test('invalid submissions are refused field by field and nothing is stored', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  for (const [payload, path] of [
    [{ ...READER, authorName: '' }, '/body/authorName'],
    [{ ...READER, authorName: '   ' }, '/body/authorName'],
    [{ ...READER, authorName: 'x'.repeat(81) }, '/body/authorName'],
    [{ ...READER, authorEmail: 'not-an-email' }, '/body/authorEmail'],
    [{ ...READER, authorEmail: `${'x'.repeat(250)}@example.org` }, '/body/authorEmail'],
    [{ ...READER, body: 'x'.repeat(5001) }, '/body/body'],
    [{ ...READER, body: ' \n\t ' }, '/body/body'],
    [{ ...READER, parentId: 0 }, '/body/parentId'],
    [{ ...READER, parentId: 'one' }, '/body/parentId'],
    [{ ...READER, website: 'https://spam.example' }, '/body/website'],
    [{ authorName: 'Amina', body: 'Hello' }, '/body/authorEmail']
  ] as const) {
    const res = await submit(app, payload)
    t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80))
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path }] })
  }
  t.equal(app.db.select().from(replies).all().length, 0)
})

t.test('the longest allowed name and body are accepted', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  t.equal((await submit(app, { ...READER, authorName: 'x'.repeat(80), body: 'y'.repeat(5000) })).statusCode, 202)
})

t.test('a reply may answer an approved reply to the same article', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const parentId = await insertReply(app, articleId, 'approved')
  const res = await submit(app, { ...READER, parentId })
  t.equal(res.statusCode, 202)
  t.match(app.db.select().from(replies).where(eq(replies.id, res.json().id)).get(), { parentId, status: 'pending' })
})

t.test('a parentId of another article, of a hidden reply or of no reply answers 422', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const otherId = await insertArticle(app, 'maradi-opens-its-grain-reserve')
  const parents = {
    'another article': await insertReply(app, otherId, 'approved'),
    pending: await insertReply(app, articleId, 'pending'),
    spam: await insertReply(app, articleId, 'spam'),
    missing: 999
  }
  for (const [why, parentId] of Object.entries(parents)) {
    const res = await submit(app, { ...READER, parentId })
    t.equal(res.statusCode, 422, why)
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'INVALID_PARENT_REPLY', errors: [{ path: '/body/parentId' }] })
  }
  t.equal(app.db.select().from(replies).all().length, 3)
})

t.test('replies to a draft or unknown article answer 404 for both list and submit', async (t) => {
  const app = await buildTestApp(t)
  const draftId = await insertArticle(app, 'embargoed-budget-story', 'draft')
  await insertReply(app, draftId, 'approved')
  for (const slug of ['embargoed-budget-story', 'no-such-story']) {
    const list = await app.inject({ url: `/v1/articles/${slug}/replies` })
    t.equal(list.statusCode, 404)
    t.match(list.headers['content-type'], PROBLEM)
    t.match(list.json(), { code: 'ARTICLE_NOT_FOUND' })
    const res = await submit(app, READER, slug)
    t.equal(res.statusCode, 404)
    t.match(res.json(), { code: 'ARTICLE_NOT_FOUND' })
  }
  t.equal(app.db.select().from(replies).all().length, 1)
})

t.test('the public list is paginated oldest first with a cursor and a Link header', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const ids = []
  // Two replies share a timestamp, so the id has to break the tie.
  for (const createdAt of ['2026-03-14T10:00:00.000Z', '2026-03-14T09:00:00.000Z', '2026-03-14T11:00:00.000Z', '2026-03-14T11:00:00.000Z', '2026-03-14T12:00:00.000Z']) {
    ids.push(await insertReply(app, articleId, 'approved', { createdAt }))
  }
  await insertReply(app, articleId, 'pending')
  const expected = [ids[1], ids[0], ids[2], ids[3], ids[4]]
  const first = await app.inject({ url: `/v1/articles/${SLUG}/replies?limit=2` })
  t.same(first.json().data.map((reply: { id: number }) => reply.id), expected.slice(0, 2))
  t.match(first.json().meta, { limit: 2, total: 5, nextCursor: String })
  let cursor = first.json().meta.nextCursor
  t.equal(first.headers.link, `<http://news.test/v1/articles/${SLUG}/replies?limit=2&cursor=${cursor}>; rel="next"`)
  const second = await app.inject({ url: `/v1/articles/${SLUG}/replies?limit=2&cursor=${cursor}` })
  t.same(second.json().data.map((reply: { id: number }) => reply.id), expected.slice(2, 4))
  cursor = second.json().meta.nextCursor
  const third = await app.inject({ url: `/v1/articles/${SLUG}/replies?limit=2&cursor=${cursor}` })
  t.same(third.json().data.map((reply: { id: number }) => reply.id), expected.slice(4))
  t.equal(third.json().meta.nextCursor, null)
  t.equal(third.headers.link, undefined)
})

t.test('a bad limit or cursor is a 400, never a 500', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  for (const query of ['limit=0', 'limit=101', 'limit=ten', 'cursor=nonsense', `cursor=${Buffer.from('["x",-1]').toString('base64url')}`]) {
    const res = await app.inject({ url: `/v1/articles/${SLUG}/replies?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.headers['content-type'], PROBLEM)
  }
  const queue = await app.inject({ url: '/v1/replies?cursor=nonsense', headers: await authHeader(app, 'editor') })
  t.equal(queue.statusCode, 400)
  t.match(queue.json(), { code: 'INVALID_CURSOR' })
})

t.test('the moderation queue lists pending replies oldest first, with emails and the article', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const late = await insertReply(app, articleId, 'pending', { createdAt: '2026-03-15T08:00:00.000Z' })
  const early = await insertReply(app, articleId, 'pending', { createdAt: '2026-03-14T08:00:00.000Z' })
  await insertReply(app, articleId, 'approved')
  const res = await app.inject({ url: '/v1/replies', headers: await authHeader(app, 'editor') })
  t.equal(res.statusCode, 200)
  t.same(res.json().data.map((reply: { id: number }) => reply.id), [early, late])
  t.match(res.json().data[0], {
    id: early,
    articleId,
    article: { slug: SLUG, headline: `Headline of ${SLUG}` },
    authorEmail: 'kofi@example.org',
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
  const otherId = await insertArticle(app, 'maradi-opens-its-grain-reserve', 'draft')
  const spam = [await insertReply(app, articleId, 'spam'), await insertReply(app, otherId, 'spam'), await insertReply(app, articleId, 'spam')]
  await insertReply(app, articleId, 'pending')
  const bySpam = await app.inject({ url: '/v1/replies?status=spam&limit=2', headers: editor })
  t.same(bySpam.json().data.map((reply: { id: number }) => reply.id), spam.slice(0, 2))
  t.match(bySpam.json().meta, { total: 3, limit: 2, nextCursor: String })
  t.match(bySpam.headers.link, /rel="next"/)
  const rest = await app.inject({ url: `/v1/replies?status=spam&limit=2&cursor=${bySpam.json().meta.nextCursor}`, headers: editor })
  t.same(rest.json().data.map((reply: { id: number }) => reply.id), spam.slice(2))
  const byArticle = await app.inject({ url: `/v1/replies?status=spam&articleId=${otherId}`, headers: editor })
  t.same(byArticle.json().data.map((reply: { id: number }) => reply.id), [spam[1]])
  t.equal(byArticle.json().meta.total, 1)
  const badStatus = await app.inject({ url: '/v1/replies?status=deleted', headers: editor })
  t.equal(badStatus.statusCode, 400)
})

t.test('moderation records when and by which token', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const tokenId = app.db.select().from(apiTokens).get()?.id
  const id = await insertReply(app, await insertArticle(app), 'pending')
  const before = new Date().toISOString()
  const res = await app.inject({ method: 'PATCH', url: `/v1/replies/${id}`, headers: editor, payload: { status: 'approved' } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id, status: 'approved', moderatedBy: tokenId, moderatedAt: String, authorEmail: 'kofi@example.org' })
  const row = app.db.select().from(replies).where(eq(replies.id, id)).get()
  t.match(row, { status: 'approved', moderatedBy: tokenId })
  t.ok((row?.moderatedAt ?? '') >= before)
  const got = await app.inject({ url: `/v1/replies/${id}`, headers: editor })
  t.equal(got.statusCode, 200)
  t.same(got.json(), res.json())
})

t.test('an invalid moderation body is a 400', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const id = await insertReply(app, await insertArticle(app), 'pending')
  for (const payload of [{}, { status: 'deleted' }, { status: 'approved', note: 'ok' }]) {
    const res = await app.inject({ method: 'PATCH', url: `/v1/replies/${id}`, headers: editor, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json(), { code: 'VALIDATION_FAILED' })
  }
  t.match(app.db.select().from(replies).get(), { status: 'pending', moderatedAt: null })
})

t.test('deleting a reply answers 204, keeps its answers as top-level replies, then 404', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const articleId = await insertArticle(app)
  const parentId = await insertReply(app, articleId, 'approved')
  const childId = await insertReply(app, articleId, 'approved', { parentId })
  const res = await app.inject({ method: 'DELETE', url: `/v1/replies/${parentId}`, headers: editor })
  t.equal(res.statusCode, 204)
  t.equal(res.payload, '')
  t.same(app.db.select({ id: replies.id, parentId: replies.parentId }).from(replies).all(), [{ id: childId, parentId: null }])
  const again = await app.inject({ method: 'DELETE', url: `/v1/replies/${parentId}`, headers: editor })
  t.equal(again.statusCode, 404)
  t.match(again.json(), { code: 'REPLY_NOT_FOUND' })
})

t.test('an unknown reply id is a 404 for reading and moderating', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const get = await app.inject({ url: '/v1/replies/99', headers: editor })
  t.equal(get.statusCode, 404)
  t.match(get.headers['content-type'], PROBLEM)
  t.match(get.json(), { code: 'REPLY_NOT_FOUND', detail: 'No reply was found for 99.' })
  const patch = await app.inject({ method: 'PATCH', url: '/v1/replies/99', headers: editor, payload: { status: 'approved' } })
  t.equal(patch.statusCode, 404)
  t.match(patch.json(), { code: 'REPLY_NOT_FOUND' })
  t.equal((await app.inject({ url: '/v1/replies/abc', headers: editor })).statusCode, 400)
})

t.test('moderation needs an editor token', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertReply(app, await insertArticle(app), 'pending')
  const requests = [
    { method: 'GET' as const, url: '/v1/replies' },
    { method: 'GET' as const, url: `/v1/replies/${id}` },
    { method: 'PATCH' as const, url: `/v1/replies/${id}`, payload: { status: 'approved' } },
    { method: 'DELETE' as const, url: `/v1/replies/${id}` }
  ]
  const author = await authHeader(app, 'author')
  for (const request of requests) {
    const anonymous = await app.inject(request)
    t.equal(anonymous.statusCode, 401, `${request.method} ${request.url} without a token`)
    t.match(anonymous.json(), { code: 'TOKEN_REQUIRED' })
    const weak = await app.inject({ ...request, headers: author })
    t.equal(weak.statusCode, 403, `${request.method} ${request.url} as an author`)
    t.match(weak.json(), { code: 'ROLE_TOO_WEAK' })
  }
  t.match(app.db.select().from(replies).all(), [{ id, status: 'pending', moderatedAt: null }])
})
