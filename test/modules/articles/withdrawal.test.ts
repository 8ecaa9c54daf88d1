import tap from 'tap'
import { authHeader } from '../../helpers/app.js'
import { row } from '../../helpers/db.js'
import { SIMPLE_BODY } from '../../helpers/fixtures.js'
import { createArticle, newsroom, type Headers, type Newsroom } from './newsroom.js'

const REASON = 'This article has been withdrawn: its central claim could not be verified.'

async function withdraw (room: Newsroom, id: number, headers: Headers = room.editor) {
  return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${id}/withdraw`, headers, payload: { reason: REASON } })
}

tap.test('a withdrawn article stays at its URL with the notice and its headline, without its body or excerpt', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const res = await withdraw(room, article.id)
  t.equal(res.statusCode, 200)
  t.equal(res.headers.etag, '"2"')

  const shown = await room.app.inject({ url: `/v1/articles/${article.slug}?formats=blocks,html,text` })
  t.equal(shown.statusCode, 200)
  t.match(shown.json(), {
    headline: article.headline,
    status: 'published',
    withdrawn: { at: String, reason: REASON },
    excerpt: '',
    body: [],
    bodyHtml: '',
    bodyText: '',
    wordCount: 0
  })
  t.notMatch(shown.body, /Fishing crews/, 'no trace of the retracted text')
})

tap.test('an article that is not withdrawn says so with withdrawn: null', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  t.equal((await room.app.inject({ url: `/v1/articles/${article.slug}` })).json().withdrawn, null)
})

tap.test('a withdrawn article leaves the public list', async (t) => {
  const room = await newsroom(t)
  const kept = await createArticle(room, { headline: 'Still standing', status: 'published' })
  const retracted = await createArticle(room, { headline: 'Retracted', status: 'published' })
  await withdraw(room, retracted.id)
  const { data } = (await room.app.inject({ url: '/v1/articles' })).json()
  t.same(data.map((a: { id: number }) => a.id), [kept.id])
})

tap.test('writers still read the body of a withdrawn article by id, and its revision records the withdrawal', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await withdraw(room, article.id)
  const writer = (await room.app.inject({ url: `/v1/admin/articles/${article.id}`, headers: room.editor })).json()
  t.match(writer, { body: SIMPLE_BODY, withdrawn: { reason: REASON }, version: 2, updatedBy: { name: 'editor test token' } })
  const revision = await row(room.app, 'articleRevisions', { number: 2 })
  t.match(revision?.snapshot, { withdrawnReason: REASON })
})

tap.test('only a published article can be withdrawn, and only once', async (t) => {
  const room = await newsroom(t)
  const draft = await createArticle(room)
  const early = await withdraw(room, draft.id)
  t.equal(early.statusCode, 409)
  t.match(early.json(), { code: 'ARTICLE_NOT_PUBLISHED' })

  const published = await createArticle(room, { status: 'published' })
  await withdraw(room, published.id)
  const again = await withdraw(room, published.id)
  t.equal(again.statusCode, 409)
  t.match(again.json(), { code: 'ALREADY_WITHDRAWN' })
})

tap.test('withdrawing is for editors: an author gets 403 and the article stays', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const res = await withdraw(room, article.id, await authHeader(room.app, 'author', room.authorId))
  t.equal(res.statusCode, 403)
  t.equal((await row(room.app, 'articles', { id: article.id }))?.withdrawnAt, null)
})

tap.test('a withdrawal without a reason is a 400 problem', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  for (const payload of [{}, { reason: '' }, { reason: 'x'.repeat(2001) }]) {
    const res = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/withdraw`, headers: room.editor, payload })
    t.equal(res.statusCode, 400)
  }
})

tap.test('a withdrawal with a stale If-Match is a 412', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: room.editor, payload: { subtitle: 'Meanwhile' } })
  const res = await room.app.inject({
    method: 'POST',
    url: `/v1/admin/articles/${article.id}/withdraw`,
    headers: { ...room.editor, 'if-match': '"1"' },
    payload: { reason: REASON }
  })
  t.equal(res.statusCode, 412)
  t.equal((await row(room.app, 'articles', { id: article.id }))?.withdrawnAt, null)
})

tap.test('reinstating brings the body back; reinstating an article that is not withdrawn changes nothing', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await withdraw(room, article.id)
  const res = await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${article.id}/withdrawal`, headers: room.editor })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { withdrawn: null, version: 3 })
  t.match((await room.app.inject({ url: `/v1/articles/${article.slug}?formats=blocks` })).json(), { withdrawn: null, body: SIMPLE_BODY })

  const again = await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${article.id}/withdrawal`, headers: room.editor })
  t.equal(again.statusCode, 200)
  t.equal(again.json().version, 3, 'no new revision')
})
