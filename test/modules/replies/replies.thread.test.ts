import t from 'tap'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { insertArticle, insertReply, PROBLEM, publicIds, READER, SLUG, submit, thread } from './replies-fixtures.js'

t.test('a pending reply is not in the public thread until an editor approves it', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const { id } = (await submit(app, { ...READER, body: 'First line.\nSecond line.' })).json()
  t.same(await publicIds(app), [])
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${id}`, headers: await authHeader(app, 'editor'), payload: { status: 'approved' } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id, status: 'approved' })
  const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.equal(list.statusCode, 200)
  t.same(list.json(), {
    data: [{
      id,
      parentId: null,
      placeholder: false,
      authorName: READER.authorName,
      body: 'First line.\nSecond line.',
      bodyHtml: '<p>First line.<br>Second line.</p>',
      createdAt: list.json().data[0].createdAt
    }],
    meta: { nextCursor: null, limit: 50, total: 1, repliesEnabled: true }
  })
})

t.test('rejecting or marking an approved reply as spam hides it again', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const articleId = await insertArticle(app)
  for (const status of ['rejected', 'spam'] as const) {
    const id = await insertReply(app, articleId, 'approved')
    t.same(await publicIds(app), [id])
    const res = await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${id}`, headers: editor, payload: { status } })
    t.equal(res.statusCode, 200)
    t.same(await publicIds(app), [], status)
  }
})

t.test('the thread is oldest first and carries parentId, so a frontend can nest it', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const first = await insertReply(app, articleId, 'approved', { createdAt: '2026-03-14T10:00:00.000Z' })
  const second = await insertReply(app, articleId, 'approved', { createdAt: '2026-03-14T10:05:00.000Z' })
  const answer = await insertReply(app, articleId, 'approved', { parentId: first, createdAt: '2026-03-14T10:10:00.000Z' })
  const answerToAnswer = await insertReply(app, articleId, 'approved', { parentId: answer, createdAt: '2026-03-14T10:20:00.000Z' })
  t.match(await thread(app), [
    { id: first, parentId: null },
    { id: second, parentId: null },
    { id: answer, parentId: first },
    { id: answerToAnswer, parentId: answer }
  ])
})

t.test('an approved answer to a rejected or spam reply stays visible under a placeholder', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  for (const status of ['rejected', 'spam'] as const) {
    const parent = await insertReply(app, articleId, status, { authorName: 'Hidden Name', body: 'Hidden text.' })
    const child = await insertReply(app, articleId, 'approved', { parentId: parent })
    const items = (await thread(app)).filter((item) => [parent, child].includes(item.id))
    t.same(items[0], { id: parent, parentId: null, placeholder: true, createdAt: items[0]?.createdAt ?? '' }, status)
    t.match(items[1], { id: child, parentId: parent, placeholder: false })
  }
  const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.notMatch(list.payload, /Hidden/)
  t.equal(list.json().meta.total, 2, 'placeholders are not counted')
})

t.test('a reply hidden after it was answered leaves a placeholder; one without approved answers leaves nothing', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const articleId = await insertArticle(app)
  const answered = await insertReply(app, articleId, 'approved')
  const child = await insertReply(app, articleId, 'approved', { parentId: answered })
  const alone = await insertReply(app, articleId, 'approved')
  const pendingAnswer = await insertReply(app, articleId, 'pending', { parentId: alone })
  for (const id of [answered, alone]) {
    await app.inject({ method: 'PATCH', url: `/v1/admin/replies/${id}`, headers: editor, payload: { status: 'rejected' } })
  }
  t.same((await thread(app)).map(({ id, placeholder }) => ({ id, placeholder })), [
    { id: answered, placeholder: true },
    { id: child, placeholder: false }
  ])
  t.notOk((await publicIds(app)).includes(pendingAnswer))
})

t.test('every hidden reply between an approved answer and the top of its thread becomes a placeholder', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const top = await insertReply(app, articleId, 'approved')
  const spam = await insertReply(app, articleId, 'spam', { parentId: top })
  const removed = await insertReply(app, articleId, 'removed', { parentId: spam, authorName: '', authorEmail: '', body: '' })
  const visible = await insertReply(app, articleId, 'approved', { parentId: removed })
  t.same((await thread(app)).map(({ id, parentId, placeholder }) => ({ id, parentId, placeholder })), [
    { id: top, parentId: null, placeholder: false },
    { id: spam, parentId: top, placeholder: true },
    { id: removed, parentId: spam, placeholder: true },
    { id: visible, parentId: removed, placeholder: false }
  ])
})

t.test('a deleted reply with approved answers stays in the thread as a placeholder', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const parent = await insertReply(app, articleId, 'approved', { authorName: 'Gone Name', body: 'Gone text.' })
  const child = await insertReply(app, articleId, 'approved', { parentId: parent })
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/replies/${parent}`, headers: await authHeader(app, 'editor') })
  t.equal(res.statusCode, 204)
  const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.match(list.json().data, [{ id: parent, placeholder: true }, { id: child, parentId: parent, placeholder: false }])
  t.notMatch(list.payload, /Gone/)
  t.equal(list.json().meta.total, 1)
})

t.test('the public thread is paginated oldest first with a cursor and a Link header, placeholders included', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  const ids = []
  // Two replies share a timestamp, so the id has to break the tie.
  for (const createdAt of ['2026-03-14T10:00:00.000Z', '2026-03-14T09:00:00.000Z', '2026-03-14T11:00:00.000Z', '2026-03-14T11:00:00.000Z']) {
    ids.push(await insertReply(app, articleId, 'approved', { createdAt }))
  }
  const hidden = await insertReply(app, articleId, 'rejected', { createdAt: '2026-03-14T11:30:00.000Z' })
  const answer = await insertReply(app, articleId, 'approved', { parentId: hidden, createdAt: '2026-03-14T12:00:00.000Z' })
  await insertReply(app, articleId, 'pending')
  const expected = [ids[1], ids[0], ids[2], ids[3], hidden, answer]
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
  t.same(third.json().data.map((reply: { placeholder: boolean }) => reply.placeholder), [true, false])
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
  const queue = await app.inject({ url: '/v1/admin/replies?cursor=nonsense', headers: await authHeader(app, 'editor') })
  t.equal(queue.statusCode, 400)
  t.match(queue.json(), { code: 'INVALID_CURSOR' })
})

t.test('the demo article\'s thread nests its replies and hides the pending and spam ones', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.equal(res.statusCode, 200)
  const items = res.json().data as Array<{ id: number, parentId: number | null, placeholder: boolean, authorName: string }>
  t.equal(res.json().meta.total, 6)
  t.ok(items.every((item) => !item.placeholder))
  t.notOk(items.some((item) => ['Pierre-Alain Mbarga', 'Best Deals Online'].includes(item.authorName)))
  t.ok(items.some((item) => item.parentId !== null && items.some((parent) => parent.id === item.parentId)))
})
