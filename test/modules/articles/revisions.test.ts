import tap from 'tap'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { deleteRows, row, rows } from '../../helpers/db.js'
import { insertAuthor, insertSection, insertTag, SIMPLE_BODY } from '../../helpers/fixtures.js'
import { createArticle, newsroom, patchArticle } from './newsroom.js'

tap.test('every write stores a numbered revision: the list is newest first, with who made each and its headline', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  await patchArticle(room, article.id, { headline: 'Fishermen return as the waters rise' })

  const res = await room.app.inject({ url: `/v1/admin/articles/${article.id}/revisions`, headers: room.editor })
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.match(data, [
    { number: 2, headline: 'Fishermen return as the waters rise', status: 'draft', createdBy: { name: 'editor test token' } },
    { number: 1, headline: 'Fishermen return to Lake Chad', status: 'draft', createdBy: { name: 'editor test token' } }
  ])
  t.equal(data.length, 2)
  t.same(meta, { nextCursor: null, limit: 20 })
})

tap.test('the revision list pages by cursor and ends with a null cursor', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  for (const headline of ['Second', 'Third', 'Fourth', 'Fifth']) await patchArticle(room, article.id, { headline })

  const numbers: number[] = []
  let url = `/v1/admin/articles/${article.id}/revisions?limit=2`
  for (;;) {
    const res = await room.app.inject({ url, headers: room.editor })
    const { data, meta } = res.json()
    numbers.push(...data.map((revision: { number: number }) => revision.number))
    if (meta.nextCursor === null) break
    t.match(res.headers.link, /rel="next"/)
    url = `/v1/admin/articles/${article.id}/revisions?limit=2&cursor=${meta.nextCursor}`
  }
  t.same(numbers, [5, 4, 3, 2, 1])
})

tap.test('one revision is the full article as it was after that change', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { byline: 'By our correspondent in N\'Djamena' })
  await patchArticle(room, article.id, { headline: 'Changed', body: [{ type: 'paragraph', text: 'New text.' }] })

  const res = await room.app.inject({ url: `/v1/admin/articles/${article.id}/revisions/1`, headers: room.editor })
  t.equal(res.statusCode, 200)
  t.match(res.json(), {
    number: 1,
    createdBy: { name: 'editor test token' },
    article: {
      slug: article.slug,
      headline: 'Fishermen return to Lake Chad',
      body: SIMPLE_BODY,
      bodyText: article.bodyText,
      status: 'draft',
      sectionId: room.sectionId,
      authorIds: [room.authorId],
      tagIds: [room.tagId],
      byline: 'By our correspondent in N\'Djamena'
    }
  })
})

tap.test('an unknown revision number is a 404 problem', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  const res = await room.app.inject({ url: `/v1/admin/articles/${article.id}/revisions/7`, headers: room.editor })
  t.equal(res.statusCode, 404)
  t.match(res.json(), { code: 'REVISION_NOT_FOUND' })
  const restore = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/revisions/7/restore`, headers: room.editor })
  t.equal(restore.statusCode, 404)
})

tap.test('restoring a revision puts its content back as a new revision, keeping status and publication time', async (t) => {
  const room = await newsroom(t)
  const otherTag = await insertTag(room.app, 'water')
  const article = await createArticle(room, { status: 'published', publishedAt: '2026-03-01T06:00:00.000Z' })
  await patchArticle(room, article.id, {
    headline: 'A wrong headline',
    body: [{ type: 'paragraph', text: 'A botched rewrite.' }],
    tagIds: [otherTag],
    byline: 'By a stranger'
  })

  const res = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/revisions/1/restore`, headers: room.editor })
  t.equal(res.statusCode, 200)
  t.match(res.json(), {
    headline: 'Fishermen return to Lake Chad',
    body: SIMPLE_BODY,
    bodyHtml: article.bodyHtml,
    excerpt: article.excerpt,
    tags: [{ id: room.tagId }],
    byline: null,
    status: 'published',
    publishedAt: '2026-03-01T06:00:00.000Z',
    version: 3
  })
  t.equal(res.headers.etag, '"3"')
  const stored = await rows(room.app, 'articleRevisions', { articleId: article.id })
  t.same(stored.map((revision) => revision.number), [1, 2, 3], 'the restore is itself a revision, so it can be undone')
  t.equal((await room.app.inject({ url: `/v1/articles/${article.slug}` })).json().headline, 'Fishermen return to Lake Chad')
})

tap.test('restoring is refused with 422 when the revision\'s section, author or tag no longer exists', async (t) => {
  const room = await newsroom(t)
  const [oldSection, oldAuthor, oldTag] = [await insertSection(room.app, 'europe'), await insertAuthor(room.app, 'bea-okafor'), await insertTag(room.app, 'water')]
  const article = await createArticle(room, { sectionId: oldSection, authorIds: [oldAuthor], tagIds: [oldTag] })
  await patchArticle(room, article.id, { sectionId: room.sectionId, authorIds: [room.authorId], tagIds: [room.tagId] })
  await deleteRows(room.app, 'sections', { id: oldSection })
  await deleteRows(room.app, 'authors', { id: oldAuthor })
  await deleteRows(room.app, 'tags', { id: oldTag })

  const res = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/revisions/1/restore`, headers: room.editor })
  t.equal(res.statusCode, 422)
  t.match(res.json(), {
    code: 'REVISION_REFERENCES_GONE',
    errors: [{ path: '/article/sectionId' }, { path: '/article/authorIds/0' }, { path: '/article/tagIds/0' }]
  })
  t.equal((await row(room.app, 'articles', { id: article.id }))?.version, 2, 'nothing was written')
})

tap.test('authors read and restore the revisions of their own articles only', async (t) => {
  const room = await newsroom(t)
  const colleague = await insertAuthor(room.app, 'bea-okafor')
  const author = await authHeader(room.app, 'author', room.authorId)
  const own = await createArticle(room, {}, author)
  const theirs = await createArticle(room, { authorIds: [colleague] })

  t.equal((await room.app.inject({ url: `/v1/admin/articles/${own.id}/revisions`, headers: author })).statusCode, 200)
  for (const [method, path] of [['GET', 'revisions'], ['GET', 'revisions/1'], ['POST', 'revisions/1/restore']] as const) {
    const res = await room.app.inject({ method, url: `/v1/admin/articles/${theirs.id}/${path}`, headers: author })
    t.equal(res.statusCode, 403, `${method} ${path}`)
    t.match(res.json(), { code: 'NOT_YOUR_ARTICLE' })
  }
  const anonymous = await room.app.inject({ url: `/v1/admin/articles/${own.id}/revisions` })
  t.equal(anonymous.statusCode, 401)
})

tap.test('a restore with a stale If-Match is a 412 and writes nothing', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room)
  await patchArticle(room, article.id, { headline: 'Second' })
  const res = await room.app.inject({
    method: 'POST',
    url: `/v1/admin/articles/${article.id}/revisions/1/restore`,
    headers: { ...room.editor, 'if-match': '"1"' }
  })
  t.equal(res.statusCode, 412)
  t.match(res.json(), { code: 'VERSION_MISMATCH' })
  t.equal((await row(room.app, 'articles', { id: article.id }))?.headline, 'Second')
})

tap.test('the demo articles start with revision 1, made by the system', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await app.inject({ url: '/v1/admin/articles/1/revisions', headers: await authHeader(app, 'editor') })
  t.equal(res.statusCode, 200)
  t.match(res.json().data, [{ number: 1, createdBy: null }])
  t.equal(res.json().data.length, 1)
})
