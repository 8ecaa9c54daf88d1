import tap from 'tap'
import { authHeader } from '../../helpers/app.js'
import { countRows, row } from '../../helpers/db.js'
import { createArticle, newsroom, type Headers, type Newsroom } from './newsroom.js'

async function correct (room: Newsroom, id: number, payload: Record<string, unknown>, headers: Headers = room.editor) {
  return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${id}/corrections`, headers, payload })
}

tap.test('an editor appends corrections: the public JSON lists them in order, updatedAt moves and publishedAt stays', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published', publishedAt: '2026-03-01T06:00:00.000Z' })

  const first = await correct(room, article.id, { kind: 'correction', text: 'An earlier version misspelt the name of the port of Baga.' })
  t.equal(first.statusCode, 201)
  t.match(first.json(), { id: Number, kind: 'correction', text: 'An earlier version misspelt the name of the port of Baga.', createdAt: String })
  await correct(room, article.id, { kind: 'update', text: 'The ministry has since confirmed the figures.' })

  const res = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  const shown = res.json()
  t.same(shown.corrections.map((c: { kind: string }) => c.kind), ['correction', 'update'])
  t.same(Object.keys(shown.corrections[0]).sort(), ['createdAt', 'id', 'kind', 'text'])
  t.equal(shown.publishedAt, '2026-03-01T06:00:00.000Z')
  t.ok(shown.updatedAt > article.updatedAt, 'updatedAt moved')
  t.ok(shown.updatedAt >= first.json().createdAt)
})

tap.test('a correction is kept as plain text, as written', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const text = 'We wrote <b>10%</b> & meant 1%.'
  t.equal((await correct(room, article.id, { kind: 'clarification', text })).json().text, text)
  t.equal((await row(room.app, 'articleCorrections'))?.text, text)
})

tap.test('only a published article can be corrected: a draft answers 409', async (t) => {
  const room = await newsroom(t)
  const draft = await createArticle(room)
  const res = await correct(room, draft.id, { kind: 'correction', text: 'Too early.' })
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'ARTICLE_NOT_PUBLISHED', detail: /this one is draft/ })
  t.equal(await countRows(room.app, 'articleCorrections'), 0)
})

tap.test('corrections are for editors: an author gets 403, an unknown article 404', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const author = await correct(room, article.id, { kind: 'correction', text: 'Mine.' }, await authHeader(room.app, 'author', room.authorId))
  t.equal(author.statusCode, 403)
  t.match(author.json(), { code: 'ROLE_TOO_WEAK' })
  t.equal((await correct(room, 4242, { kind: 'correction', text: 'Nobody.' })).statusCode, 404)
})

tap.test('an unknown kind, an empty or blank text and a text over 2,000 characters are 400 problems', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  for (const payload of [
    { kind: 'erratum', text: 'Wrong kind.' },
    { kind: 'correction', text: '' },
    { kind: 'correction', text: '   ' },
    { kind: 'correction', text: 'x'.repeat(2001) },
    { kind: 'correction' }
  ]) {
    const res = await correct(room, article.id, payload)
    t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 40))
  }
  t.equal(await countRows(room.app, 'articleCorrections'), 0)
})

tap.test('a correction with a stale If-Match is a 412 and is not stored', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: room.editor, payload: { subtitle: 'Meanwhile' } })
  const res = await correct(room, article.id, { kind: 'correction', text: 'Based on version 1.' }, { ...room.editor, 'if-match': '"1"' })
  t.equal(res.statusCode, 412)
  t.equal(await countRows(room.app, 'articleCorrections'), 0)
  t.equal((await row(room.app, 'articles', { id: article.id }))?.version, 2)
})
