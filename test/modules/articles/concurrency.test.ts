import tap from 'tap'
import { authHeader } from '../../helpers/app.js'
import { countRows, row } from '../../helpers/db.js'
import { createArticle, newsroom, patchArticle, type Newsroom } from './newsroom.js'

async function stored (room: Newsroom, id: number) {
  return await row(room.app, 'articles', { id })
}

tap.test('writers get the version as a strong ETag and in the JSON, and every write moves it', async (t) => {
  const room = await newsroom(t)
  const created = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: room.editor,
    payload: { headline: 'Fishermen return', body: [{ type: 'paragraph', text: 'Text.' }], sectionId: room.sectionId, authorIds: [room.authorId] }
  })
  t.equal(created.headers.etag, '"1"')
  t.equal(created.json().version, 1)

  const read = await room.app.inject({ url: `/v1/admin/articles/${created.json().id}`, headers: room.editor })
  t.equal(read.headers.etag, '"1"')
  const patched = await patchArticle(room, created.json().id, { subtitle: 'A new season' })
  t.equal(patched.headers.etag, '"2"')
  t.equal(patched.json().version, 2)
})

tap.test('two editors read the same version: the first PATCH wins, the second gets 412 and the first change stays', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  const bea = await authHeader(room.app, 'editor')
  const etag = (await room.app.inject({ url: `/v1/admin/articles/${article.id}`, headers: room.editor })).headers.etag as string
  t.equal((await room.app.inject({ url: `/v1/admin/articles/${article.id}`, headers: bea })).headers.etag, etag, 'both hold the same version')

  const first = await patchArticle(room, article.id, { headline: 'Ada\'s headline' }, { ...room.editor, 'if-match': etag })
  t.equal(first.statusCode, 200)
  const second = await patchArticle(room, article.id, { headline: 'Bea\'s headline' }, { ...bea, 'if-match': etag })
  t.equal(second.statusCode, 412)
  t.equal(second.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(second.json(), { status: 412, code: 'VERSION_MISMATCH', detail: /someone else saved it/ })

  t.match(await stored(room, article.id), { headline: 'Ada\'s headline', version: 2 })
  t.equal(await countRows(room.app, 'articleRevisions', { articleId: article.id }), 2, 'the refused save left no revision')
})

tap.test('two saves of the same version sent at once cannot both pass', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  const saves = await Promise.all(['One', 'Two', 'Three'].map((headline) =>
    patchArticle(room, article.id, { headline }, { ...room.editor, 'if-match': '"1"' })))
  t.same(saves.map((res) => res.statusCode).sort(), [200, 412, 412])
  const winner = saves.find((res) => res.statusCode === 200)?.json().headline
  t.match(await stored(room, article.id), { headline: winner, version: 2 })
})

tap.test('without If-Match a PATCH is written whatever changed meanwhile', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  await patchArticle(room, article.id, { headline: 'Someone else saved' })
  const res = await patchArticle(room, article.id, { headline: 'Last write wins' })
  t.equal(res.statusCode, 200)
  t.equal((await stored(room, article.id))?.headline, 'Last write wins')
})

tap.test('If-Match accepts *, and a list that names the current version', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  const star = await patchArticle(room, article.id, { headline: 'Any version' }, { ...room.editor, 'if-match': '*' })
  t.equal(star.statusCode, 200)
  const list = await patchArticle(room, article.id, { headline: 'Listed' }, { ...room.editor, 'if-match': '"1", "2"' })
  t.equal(list.statusCode, 200)
  t.equal(list.headers.etag, '"3"')
})

tap.test('a weak or foreign ETag never matches (412); an If-Match that is no ETag list is a 400', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  for (const header of ['W/"1"', '"v1"']) {
    const res = await patchArticle(room, article.id, { headline: 'x' }, { ...room.editor, 'if-match': header })
    t.equal(res.statusCode, 412, header)
  }
  const bare = await patchArticle(room, article.id, { headline: 'x' }, { ...room.editor, 'if-match': '1' })
  t.equal(bare.statusCode, 400)
  t.match(bare.json(), { code: 'INVALID_IF_MATCH' })
  t.equal((await stored(room, article.id))?.version, 1)
})

tap.test('writers see who created and last changed an article; the public never sees tokens', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  t.match(article, { createdBy: { name: 'editor test token' }, updatedBy: { name: 'editor test token' } })
  const author = await authHeader(room.app, 'author', room.authorId)
  await patchArticle(room, article.id, { subtitle: 'Edited by the author' }, author)

  const writer = (await room.app.inject({ url: `/v1/admin/articles/${article.id}`, headers: room.editor })).json()
  t.match(writer, { createdBy: { id: article.createdBy.id, name: 'editor test token' }, updatedBy: { name: 'author test token' } })

  const publicView = (await room.app.inject({ url: `/v1/articles/${article.slug}` })).json()
  for (const key of ['createdBy', 'updatedBy', 'version']) t.notOk(key in publicView, `no ${key} in public JSON`)
})
