import t from 'tap'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { countRows, row, updateRows } from '../../helpers/db.js'
import { insertSection } from '../../helpers/fixtures.js'
import { insertArticle, insertReply, PROBLEM, publicIds, READER, SLUG, submit } from './replies-fixtures.js'

// For tests of other rules that submit more often than the rate limit of the test configuration allows.
const MANY_PER_MINUTE = { repliesPerMinute: 100 }

t.test('a submitted reply is stored as pending and answered with 202', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const res = await submit(app, READER)
  t.equal(res.statusCode, 202)
  t.match(res.headers['content-type'], /^application\/json/)
  const body = res.json()
  t.same(Object.keys(body).sort(), ['createdAt', 'id', 'status'])
  t.match(body, { id: Number, status: 'pending', createdAt: /^\d{4}-\d\d-\d\dT/ })
  t.match(await row(app, 'replies', { id: body.id }), {
    articleId, parentId: null, ...READER, status: 'pending', createdAt: body.createdAt, moderatedAt: null, moderatedBy: null
  })
})

t.test('a submission is trimmed before it is stored', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const res = await submit(app, { authorName: '  Amina Bello ', authorEmail: 'amina.bello@example.org', body: '\n  Good news.  \n' })
  t.equal(res.statusCode, 202)
  t.match(await row(app, 'replies'), { authorName: 'Amina Bello', body: 'Good news.' })
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
    [{ ...READER, body: '' }, '/body/body'],
    [{ ...READER, body: 'x'.repeat(5001) }, '/body/body'],
    [{ ...READER, body: ' \n\t ' }, '/body/body'],
    [{ ...READER, parentId: 0 }, '/body/parentId'],
    [{ ...READER, parentId: 'one' }, '/body/parentId'],
    [{ ...READER, website: 'x'.repeat(2049) }, '/body/website'],
    [{ ...READER, status: 'approved' }, '/body/status'],
    [{ authorName: 'Amina', body: 'Hello' }, '/body/authorEmail']
  ] as const) {
    const res = await submit(app, payload)
    t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80))
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path }] })
  }
  t.equal(await countRows(app, 'replies'), 0)
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
  t.match(await row(app, 'replies', { id: res.json().id }), { parentId, status: 'pending' })
})

t.test('a parentId of another article, of a reply not approved or of no reply answers 422', async (t) => {
  const app = await buildTestApp(t, MANY_PER_MINUTE)
  const articleId = await insertArticle(app)
  const otherId = await insertArticle(app, 'maradi-opens-its-grain-reserve')
  const parents = {
    'another article': await insertReply(app, otherId, 'approved'),
    pending: await insertReply(app, articleId, 'pending'),
    spam: await insertReply(app, articleId, 'spam'),
    rejected: await insertReply(app, articleId, 'rejected'),
    removed: await insertReply(app, articleId, 'removed'),
    missing: 999
  }
  for (const [why, parentId] of Object.entries(parents)) {
    const res = await submit(app, { ...READER, parentId })
    t.equal(res.statusCode, 422, why)
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'INVALID_PARENT_REPLY', detail: `Reply ${parentId} is not an approved reply to this article, so it cannot be answered.`, errors: [{ path: '/body/parentId' }] })
  }
  t.equal(await countRows(app, 'replies'), 5)
})

t.test('threads go five replies deep: a reply to a reply at depth 5 answers 422', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  let parentId = await insertReply(app, articleId, 'approved')
  for (let depth = 2; depth <= 4; depth++) parentId = await insertReply(app, articleId, 'approved', { parentId })
  const fifth = await submit(app, { ...READER, parentId })
  t.equal(fifth.statusCode, 202, 'depth 5 is allowed')
  await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${fifth.json().id}`, headers: await authHeader(app, 'editor'), payload: { status: 'approved' } })
  const sixth = await submit(app, { ...READER, body: 'One level too deep.', parentId: fifth.json().id })
  t.equal(sixth.statusCode, 422)
  t.match(sixth.headers['content-type'], PROBLEM)
  t.match(sixth.json(), {
    code: 'THREAD_TOO_DEEP',
    detail: /already 5 replies deep, the deepest a thread goes\. Answer a reply higher up the thread, or start a new one without parentId\./,
    errors: [{ path: '/body/parentId', message: 'is 5 replies deep already' }]
  })
  t.equal(await countRows(app, 'replies'), 5)
})

t.test('the depth counts replies above the parent even when they were hidden later', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  let parentId = await insertReply(app, articleId, 'rejected')
  for (let depth = 2; depth <= 5; depth++) parentId = await insertReply(app, articleId, 'approved', { parentId })
  const res = await submit(app, { ...READER, parentId })
  t.equal(res.statusCode, 422)
  t.match(res.json(), { code: 'THREAD_TOO_DEEP' })
})

t.test('replies to an article in a section that approves replies automatically are public at once', async (t) => {
  const app = await buildTestApp(t)
  const sectionId = await insertSection(app, 'letters')
  await updateRows(app, 'sections', { repliesAutoApprove: true }, { id: sectionId })
  await insertArticle(app, SLUG, { sectionId })
  await insertArticle(app, 'maradi-opens-its-grain-reserve', { sectionId: await insertSection(app, 'world') })
  const res = await submit(app, READER)
  t.equal(res.statusCode, 202)
  t.match(res.json(), { status: 'approved' })
  t.same(await publicIds(app), [res.json().id])
  const elsewhere = await submit(app, READER, 'maradi-opens-its-grain-reserve')
  t.match(elsewhere.json(), { status: 'pending' }, 'other sections still moderate')
  t.same(await publicIds(app, 'maradi-opens-its-grain-reserve'), [])
})

t.test('with REPLIES_AUTO_APPROVE every reply is public at once', async (t) => {
  const app = await buildTestApp(t, { repliesAutoApprove: true })
  await insertArticle(app)
  const res = await submit(app, READER)
  t.equal(res.statusCode, 202)
  t.match(res.json(), { status: 'approved' })
  t.match(await row(app, 'replies'), { status: 'approved', moderatedAt: null, moderatedBy: null })
  t.same(await publicIds(app), [res.json().id])
})

t.test('replies to an article the public cannot see answer 404 for both list and submit, like an unknown article', async (t) => {
  const app = await buildTestApp(t, MANY_PER_MINUTE)
  const hidden = {
    'draft-budget-story': { status: 'draft' as const },
    'scheduled-budget-story': { status: 'scheduled' as const, scheduledAt: '2099-01-01T00:00:00.000Z' },
    'archived-budget-story': { status: 'archived' as const },
    'withdrawn-budget-story': { withdrawnAt: '2026-03-15T00:00:00.000Z', withdrawnReason: 'The main source recanted.' }
  }
  for (const [slug, extra] of Object.entries(hidden)) {
    await insertReply(app, await insertArticle(app, slug, extra), 'approved')
  }
  for (const slug of [...Object.keys(hidden), 'no-such-story']) {
    const list = await app.inject({ url: `/v1/articles/${slug}/replies` })
    t.equal(list.statusCode, 404, `list ${slug}`)
    t.match(list.headers['content-type'], PROBLEM)
    t.match(list.json(), { code: 'ARTICLE_NOT_FOUND', detail: `No article was found for "${slug}".` })
    const res = await submit(app, READER, slug)
    t.equal(res.statusCode, 404, `submit ${slug}`)
    t.match(res.json(), { code: 'ARTICLE_NOT_FOUND', detail: `No article was found for "${slug}".` })
  }
  t.equal(await countRows(app, 'replies'), 4)
})
