import tap from 'tap'
import { authHeader } from '../../helpers/app.js'
import { createArticle, newsroom, type Headers, type Newsroom } from './newsroom.js'

const CORRECTION = { kind: 'correction', text: 'An earlier version misspelt the name of the port of Baga.' }

async function authorsArticle (room: Newsroom): Promise<{ id: number, slug: string, author: Headers }> {
  const author = await authHeader(room.app, 'author', room.authorId)
  return { ...await createArticle(room, { status: 'published' }, author), author }
}

function remove (room: Newsroom, id: number, headers: Headers) {
  return room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${id}`, headers })
}

tap.test('an author cannot delete their article once an editor has corrected it: 403, and the correction stays public', async (t) => {
  const room = await newsroom(t)
  const article = await authorsArticle(room)
  t.equal((await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/corrections`, headers: room.editor, payload: CORRECTION })).statusCode, 201)
  const res = await remove(room, article.id, article.author)
  t.equal(res.statusCode, 403)
  t.match(res.json(), { status: 403, code: 'PUBLIC_RECORD_PROTECTED', detail: /correction.*editor/ })
  t.match((await room.app.inject({ url: `/v1/articles/${article.slug}` })).json(), { corrections: [{ text: CORRECTION.text }] })
})

tap.test('an author cannot delete, unpublish or send back to draft an article an editor withdrew: the notice stays at its URL', async (t) => {
  const room = await newsroom(t)
  const article = await authorsArticle(room)
  const reason = 'Its central claim could not be verified.'
  t.equal((await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/withdraw`, headers: room.editor, payload: { reason } })).statusCode, 200)
  const attempts = [
    () => remove(room, article.id, article.author),
    () => room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/unpublish`, headers: article.author, payload: {} }),
    () => room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: article.author, payload: { status: 'draft' } })
  ]
  for (const attempt of attempts) {
    const res = await attempt()
    t.equal(res.statusCode, 403)
    t.match(res.json(), { code: 'PUBLIC_RECORD_PROTECTED' })
  }
  t.match((await room.app.inject({ url: `/v1/articles/${article.slug}` })).json(), { withdrawn: { reason } })
})

tap.test('an author cannot rewrite an article an editor withdrew, by PATCH or by restoring a revision: the headline read with the notice stays', async (t) => {
  const room = await newsroom(t)
  const article = await authorsArticle(room)
  const headline = (await room.app.inject({ url: `/v1/articles/${article.slug}` })).json().headline
  const edited = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: article.author, payload: { headline: 'Port of Baga reopens' } })
  t.equal(edited.statusCode, 200)
  t.equal((await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/withdraw`, headers: room.editor, payload: { reason: 'It could not be verified.' } })).statusCode, 200)
  const attempts = [
    () => room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: article.author, payload: { headline: 'Local notes' } }),
    () => room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/revisions/1/restore`, headers: article.author })
  ]
  for (const attempt of attempts) {
    const res = await attempt()
    t.equal(res.statusCode, 403)
    t.match(res.json(), { code: 'PUBLIC_RECORD_PROTECTED', detail: /withdrawn.*editor/ })
  }
  t.match((await room.app.inject({ url: `/v1/articles/${article.slug}` })).json(), { headline: 'Port of Baga reopens', withdrawn: { reason: 'It could not be verified.' } })
  t.equal((await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: room.editor, payload: { headline } })).statusCode, 200, 'an editor still may')
})

tap.test('an editor may still delete a corrected article', async (t) => {
  const room = await newsroom(t)
  const article = await authorsArticle(room)
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/corrections`, headers: room.editor, payload: CORRECTION })
  t.equal((await remove(room, article.id, room.editor)).statusCode, 204)
  t.equal((await room.app.inject({ url: `/v1/articles/${article.slug}` })).statusCode, 404)
})

tap.test('an author still deletes and unpublishes their own articles that carry no correction or withdrawal', async (t) => {
  const room = await newsroom(t)
  const kept = await authorsArticle(room)
  t.equal((await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${kept.id}/unpublish`, headers: kept.author, payload: {} })).statusCode, 200)
  const gone = await authorsArticle(room)
  t.equal((await remove(room, gone.id, gone.author)).statusCode, 204)
})
