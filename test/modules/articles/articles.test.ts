import tap from 'tap'
import type { InjectOptions } from 'fastify'
import { authHeader } from '../../helpers/app.js'
import { countRows, deleteRows, row, rows } from '../../helpers/db.js'
import { insertAuthor, SIMPLE_BODY } from '../../helpers/fixtures.js'
import { newsroom, type Newsroom } from './newsroom.js'

async function createArticle (room: Newsroom, fields: Record<string, unknown> = {}, headers = room.editor) {
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers,
    payload: { headline: 'Fishermen return to Lake Chad', body: SIMPLE_BODY, sectionId: room.sectionId, authorIds: [room.authorId], tagIds: [room.tagId], ...fields }
  })
  return res
}

async function publish (room: Newsroom, headline: string, publishedAt: string) {
  const res = await createArticle(room, { headline, status: 'published', publishedAt })
  return res.json() as { id: number, slug: string }
}

tap.test('the public list shows published articles only, newest first, with section, authors and tags embedded', async (t) => {
  const room = await newsroom(t)
  await publish(room, 'Older story', '2026-01-01T10:00:00.000Z')
  await publish(room, 'Newer story', '2026-02-01T10:00:00.000Z')
  await createArticle(room, { headline: 'Unfinished draft' })

  const res = await room.app.inject({ url: '/v1/articles' })
  t.equal(res.statusCode, 200)
  const { data, meta } = res.json()
  t.same(data.map((a: { headline: string }) => a.headline), ['Newer story', 'Older story'])
  t.match(data[0], {
    section: { id: room.sectionId, slug: 'world' },
    authors: [{ id: room.authorId, slug: 'adrian-ovalle', name: 'Adrian Ovalle' }],
    tags: [{ id: room.tagId, slug: 'climate' }]
  })
  t.notOk('body' in data[0], 'lists carry no body')
  t.same(meta, { nextCursor: null, limit: 20 })
})

tap.test('paging with the cursor walks every published article once and ends with a null cursor', async (t) => {
  const room = await newsroom(t)
  // Two share a publication time: the id breaks the tie so neither is skipped nor repeated.
  for (const [i, at] of ['2026-01-01', '2026-01-02', '2026-01-02', '2026-01-03', '2026-01-04'].entries()) {
    await publish(room, `Story ${i}`, `${at}T08:00:00.000Z`)
  }
  const seen: string[] = []
  let url = '/v1/articles?limit=2'
  for (let pages = 1; ; pages++) {
    const res = await room.app.inject({ url })
    const { data, meta } = res.json()
    seen.push(...data.map((a: { headline: string }) => a.headline))
    if (meta.nextCursor === null) {
      t.equal(pages, 3)
      t.notOk(res.headers.link, 'the last page has no next link')
      break
    }
    t.equal(res.headers.link, `<http://news.test/v1/articles?limit=2&cursor=${meta.nextCursor}>; rel="next"`)
    url = `/v1/articles?limit=2&cursor=${meta.nextCursor}`
  }
  t.same(seen, ['Story 4', 'Story 3', 'Story 2', 'Story 1', 'Story 0'])
})

tap.test('a cursor the API did not issue is a 400 problem', async (t) => {
  const room = await newsroom(t)
  for (const cursor of ['garbage', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["x",-1]').toString('base64url')]) {
    const res = await room.app.inject({ url: `/v1/articles?cursor=${cursor}` })
    t.equal(res.statusCode, 400, cursor)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(res.json(), { status: 400, code: 'INVALID_CURSOR' })
  }
})

tap.test('a limit outside 1..100 is a validation problem naming the field', async (t) => {
  const room = await newsroom(t)
  for (const limit of ['0', '101', 'ten']) {
    const res = await room.app.inject({ url: `/v1/articles?limit=${limit}` })
    t.equal(res.statusCode, 400)
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/limit' }] })
  }
})

tap.test('a published article is served by slug with everything its page renders', async (t) => {
  const room = await newsroom(t)
  const { slug } = await publish(room, 'Fishermen return', '2026-03-01T06:00:00.000Z')
  const res = await room.app.inject({ url: `/v1/articles/${slug}?formats=blocks,html,text` })
  t.equal(res.statusCode, 200)
  t.match(res.json(), {
    slug: 'fishermen-return',
    status: 'published',
    publishedAt: '2026-03-01T06:00:00.000Z',
    body: SIMPLE_BODY,
    bodyHtml: '<p>Fishing crews returned to the northern shore on Monday.</p>\n<h2>A longer season</h2>\n<p>The water has risen for a third year in a row.</p>',
    bodyText: 'Fishing crews returned to the northern shore on Monday.\n\nA longer season\n\nThe water has risen for a third year in a row.',
    wordCount: 23,
    readingTime: 1,
    excerpt: 'Fishing crews returned to the northern shore on Monday.',
    section: { slug: 'world' },
    authors: [{ slug: 'adrian-ovalle', jobTitle: 'Reporter' }]
  })
})

tap.test('a draft is invisible to the public', async (t) => {
  const room = await newsroom(t)
  const draft = (await createArticle(room)).json()
  const res = await room.app.inject({ url: `/v1/articles/${draft.slug}` })
  t.equal(res.statusCode, 404)
  t.match(res.json(), { status: 404, code: 'ARTICLE_NOT_FOUND', detail: `No article was found for "${draft.slug}".` })
})

tap.test('an editor creates a draft: slug from the headline, derived body fields, rows in the database', async (t) => {
  const room = await newsroom(t)
  const res = await createArticle(room, { headline: 'Élections au Sénégal : cinq leçons' })
  t.equal(res.statusCode, 201)
  const article = res.json()
  t.match(article, { slug: 'elections-au-senegal-cinq-lecons', status: 'draft', publishedAt: null, readingTime: 1 })
  const stored = await row(room.app, 'articles', { id: article.id })
  t.match(stored, { headline: 'Élections au Sénégal : cinq leçons', status: 'draft', sectionId: room.sectionId })
  t.same(await rows(room.app, 'articleAuthors', { articleId: article.id }), [{ articleId: article.id, authorId: room.authorId, position: 0 }])
})

tap.test('two articles with the same headline get distinct slugs', async (t) => {
  const room = await newsroom(t)
  const first = (await createArticle(room)).json()
  const second = (await createArticle(room)).json()
  t.equal(first.slug, 'fishermen-return-to-lake-chad')
  t.equal(second.slug, 'fishermen-return-to-lake-chad-2')
})

tap.test('a slug that is taken answers 409 and stores nothing', async (t) => {
  const room = await newsroom(t)
  await createArticle(room, { slug: 'lake-chad' })
  const res = await createArticle(room, { slug: 'lake-chad', headline: 'Another story' })
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'SLUG_TAKEN' })
  t.equal(await countRows(room.app, 'articles'), 1)
})

tap.test('unknown section, author and tag ids answer 422 naming each', async (t) => {
  const room = await newsroom(t)
  const res = await createArticle(room, { sectionId: 99, authorIds: [room.authorId, 98], tagIds: [97] })
  t.equal(res.statusCode, 422)
  t.match(res.json(), {
    code: 'UNKNOWN_REFERENCE',
    errors: [{ path: '/body/sectionId' }, { path: '/body/authorIds/1' }, { path: '/body/tagIds/0' }]
  })
  t.equal(await countRows(room.app, 'articles'), 0)
})

tap.test('an invalid article lists every failing field', async (t) => {
  const room = await newsroom(t)
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: room.editor,
    payload: { body: [{ type: 'heading', level: 5, text: 'Too deep' }], sectionId: 'world', colour: 'red' }
  })
  t.equal(res.statusCode, 400)
  const problem = res.json()
  t.equal(problem.code, 'VALIDATION_FAILED')
  const paths = problem.errors.map((e: { path: string }) => e.path)
  for (const path of ['/body/headline', '/body/sectionId', '/body/colour']) t.ok(paths.includes(path), path)
  t.ok(paths.some((p: string) => p.startsWith('/body/body/0')), 'the bad block is named')
})

tap.test('unknown block types and unsafe URLs in blocks are refused', async (t) => {
  const room = await newsroom(t)
  for (const block of [
    { type: 'script', text: 'alert(1)' },
    { type: 'image', url: 'javascript:alert(1)', alt: 'x' },
    { type: 'embed', url: 'data:text/html,hi' }
  ]) {
    const res = await createArticle(room, { body: [block] })
    t.equal(res.statusCode, 400, block.type)
  }
  t.equal(await countRows(room.app, 'articles'), 0)
})

tap.test('inline markup keeps bold, italic and http links and escapes everything else', async (t) => {
  const room = await newsroom(t)
  const text = 'A <b>bold</b> and <i>quiet</i> <a href="https://example.org/x">link</a>; <script>alert(1)</script> <a href="javascript:alert(1)">bad</a> <img src=x onerror=alert(1)>'
  const res = await createArticle(room, { body: [{ type: 'paragraph', text }] })
  t.equal(res.json().bodyHtml, '<p>A <strong>bold</strong> and <em>quiet</em> <a href="https://example.org/x" rel="noopener">link</a>; ' +
    '&lt;script&gt;alert(1)&lt;/script&gt; &lt;a href=&quot;javascript:alert(1)&quot;&gt;bad &lt;img src=x onerror=alert(1)&gt;</p>')
  t.equal(res.json().bodyText, 'A bold and quiet link; <script>alert(1)</script> <a href="javascript:alert(1)">bad <img src=x onerror=alert(1)>')
})

tap.test('writing without a token answers 401, with a bad or revoked token 401, with a partner token 403', async (t) => {
  const room = await newsroom(t)
  const none = await room.app.inject({ method: 'POST', url: '/v1/admin/articles', payload: {} })
  t.equal(none.statusCode, 401)
  t.match(none.json(), { code: 'TOKEN_REQUIRED' })

  const bad = await createArticle(room, {}, { authorization: 'Bearer nca_not-a-real-token' })
  t.equal(bad.statusCode, 401)
  t.match(bad.json(), { code: 'INVALID_TOKEN' })

  const admin = await authHeader(room.app, 'admin')
  const list = (await room.app.inject({ url: '/v1/admin/tokens', headers: admin })).json()
  const editorTokenId = list.data.find((token: { role: string }) => token.role === 'editor').id
  await room.app.inject({ method: 'DELETE', url: `/v1/admin/tokens/${editorTokenId}`, headers: admin })
  const revoked = await createArticle(room)
  t.equal(revoked.statusCode, 401, 'a revoked token stops working at once')

  const partner = await createArticle(room, {}, await authHeader(room.app, 'partner'))
  t.equal(partner.statusCode, 403)
  t.match(partner.json(), { code: 'ROLE_TOO_WEAK' })
  t.equal(await countRows(room.app, 'articles'), 0)
})

tap.test('a contributor writes a draft credited to their own author', async (t) => {
  const room = await newsroom(t)
  const res = await createArticle(room, { authorIds: undefined }, await authHeader(room.app, 'contributor', room.authorId))
  t.equal(res.statusCode, 201)
  t.match(res.json(), { status: 'draft', authors: [{ id: room.authorId }] })
})

tap.test('a contributor cannot publish', async (t) => {
  const room = await newsroom(t)
  const contributor = await authHeader(room.app, 'contributor', room.authorId)
  const res = await createArticle(room, { status: 'published' }, contributor)
  t.equal(res.statusCode, 403)
  t.match(res.json(), { code: 'CONTRIBUTORS_WRITE_DRAFTS' })
  const draft = (await createArticle(room, {}, contributor)).json()
  const patch = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${draft.id}`, headers: contributor, payload: { status: 'published' } })
  t.equal(patch.statusCode, 403)
  t.equal((await row(room.app, 'articles', { id: draft.id }))?.status, 'draft')
})

tap.test('a contributor token left without an author, its author deleted, cannot write', async (t) => {
  const room = await newsroom(t)
  const authorId = await insertAuthor(room.app, 'left-the-paper')
  const contributor = await authHeader(room.app, 'contributor', authorId)
  await deleteRows(room.app, 'authors', { id: authorId })
  const res = await createArticle(room, {}, contributor)
  t.equal(res.statusCode, 403)
  t.match(res.json(), { code: 'TOKEN_HAS_NO_AUTHOR' })
})

tap.test('an author publishes their own article but cannot touch a colleague\'s', async (t) => {
  const room = await newsroom(t)
  const colleague = await insertAuthor(room.app, 'bea-okafor')
  const author = await authHeader(room.app, 'author', room.authorId)
  const own = await createArticle(room, { status: 'published' }, author)
  t.equal(own.statusCode, 201)
  t.equal(own.json().status, 'published')

  const theirs = (await createArticle(room, { authorIds: [colleague] })).json()
  for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
    const res = await room.app.inject({ method, url: `/v1/admin/articles/${theirs.id}`, headers: author, ...(method === 'PATCH' ? { payload: { headline: 'Mine now' } } : {}) })
    t.equal(res.statusCode, 403, method)
    t.match(res.json(), { code: 'NOT_YOUR_ARTICLE' })
  }
})

tap.test('an author cannot drop themselves from a byline', async (t) => {
  const room = await newsroom(t)
  const colleague = await insertAuthor(room.app, 'bea-okafor')
  const author = await authHeader(room.app, 'author', room.authorId)
  const own = (await createArticle(room, {}, author)).json()
  const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${own.id}`, headers: author, payload: { authorIds: [colleague] } })
  t.equal(res.statusCode, 403)
  t.match(res.json(), { code: 'MUST_STAY_CREDITED' })
})

tap.test('writers read any article by id, drafts included', async (t) => {
  const room = await newsroom(t)
  const draft = (await createArticle(room)).json()
  const res = await room.app.inject({ url: `/v1/admin/articles/${draft.id}`, headers: room.editor })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id: draft.id, status: 'draft' })
  const anonymous = await room.app.inject({ url: `/v1/admin/articles/${draft.id}` })
  t.equal(anonymous.statusCode, 401, 'a numeric segment is an id, never a slug')
})

tap.test('an unknown article id is a 404 problem', async (t) => {
  const room = await newsroom(t)
  for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
    const res = await room.app.inject({ method, url: '/v1/admin/articles/4242', headers: room.editor, ...(method === 'PATCH' ? { payload: { headline: 'x' } } : {}) })
    t.equal(res.statusCode, 404, method)
    t.match(res.json(), { code: 'ARTICLE_NOT_FOUND' })
  }
})

tap.test('patching changes only the fields sent and re-renders the body', async (t) => {
  const room = await newsroom(t)
  const draft = (await createArticle(room, { subtitle: 'Before' })).json()
  const res = await room.app.inject({
    method: 'PATCH',
    url: `/v1/admin/articles/${draft.id}`,
    headers: room.editor,
    payload: { body: [{ type: 'paragraph', text: 'Rewritten <em>entirely</em>.' }], subtitle: null }
  })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { headline: draft.headline, slug: draft.slug, subtitle: null, bodyHtml: '<p>Rewritten <em>entirely</em>.</p>', excerpt: 'Rewritten entirely.' })
  t.ok(res.json().updatedAt >= draft.updatedAt)
})

tap.test('publishing a draft stamps publishedAt and shows it to the public', async (t) => {
  const room = await newsroom(t)
  const draft = (await createArticle(room)).json()
  const before = new Date().toISOString()
  const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${draft.id}`, headers: room.editor, payload: { status: 'published' } })
  t.equal(res.statusCode, 200)
  t.ok(res.json().publishedAt >= before)
  t.equal((await room.app.inject({ url: `/v1/articles/${draft.slug}` })).statusCode, 200)
})

tap.test('scheduling needs a future scheduledAt', async (t) => {
  const room = await newsroom(t)
  const missing = await createArticle(room, { status: 'scheduled' })
  t.equal(missing.statusCode, 422)
  t.match(missing.json(), { code: 'SCHEDULE_REQUIRED' })
  const past = await createArticle(room, { status: 'scheduled', scheduledAt: '2020-01-01T00:00:00Z' })
  t.match(past.json(), { code: 'SCHEDULE_IN_PAST' })
  const stray = await createArticle(room, { scheduledAt: '2099-01-01T00:00:00Z' })
  t.match(stray.json(), { code: 'SCHEDULE_NEEDS_STATUS' })
  const ok = await createArticle(room, { status: 'scheduled', scheduledAt: '2099-01-01T09:00:00+02:00' })
  t.equal(ok.statusCode, 201)
  t.match(ok.json(), { status: 'scheduled', scheduledAt: '2099-01-01T07:00:00.000Z', publishedAt: null })
})

tap.test('renaming a slug to one in use answers 409', async (t) => {
  const room = await newsroom(t)
  await createArticle(room, { slug: 'taken' })
  const other = (await createArticle(room)).json()
  const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${other.id}`, headers: room.editor, payload: { slug: 'taken' } })
  t.equal(res.statusCode, 409)
  t.equal((await row(room.app, 'articles', { id: other.id }))?.slug, other.slug)
})

tap.test('an empty patch is a validation problem', async (t) => {
  const room = await newsroom(t)
  const draft = (await createArticle(room)).json()
  const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${draft.id}`, headers: room.editor, payload: {} })
  t.equal(res.statusCode, 400)
})

tap.test('deleting an article removes it and its links', async (t) => {
  const room = await newsroom(t)
  const draft = (await createArticle(room)).json()
  const res = await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${draft.id}`, headers: room.editor })
  t.equal(res.statusCode, 204)
  t.equal(res.body, '')
  t.equal(await countRows(room.app, 'articles'), 0)
  t.equal(await countRows(room.app, 'articleAuthors'), 0)
  const again = await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${draft.id}`, headers: room.editor })
  t.equal(again.statusCode, 404)
})

tap.test('a contributor cannot delete their article once it is published', async (t) => {
  const room = await newsroom(t)
  const published = (await createArticle(room, { status: 'published' })).json()
  const res = await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${published.id}`, headers: await authHeader(room.app, 'contributor', room.authorId) })
  t.equal(res.statusCode, 403)
  t.equal(await countRows(room.app, 'articles'), 1)
})

tap.test('malformed requests never cause a 500', async (t) => {
  const room = await newsroom(t)
  const attempts: InjectOptions[] = [
    { method: 'GET', url: '/v1/admin/articles/99999999999999999999999' },
    { method: 'GET', url: '/v1/articles/NOT_A_SLUG' },
    { method: 'GET', url: '/v1/articles?limit=1e3&cursor=%00' },
    { method: 'POST', url: '/v1/admin/articles', headers: { ...room.editor, 'content-type': 'application/json' }, payload: '{"headline": ' },
    { method: 'POST', url: '/v1/admin/articles', headers: { ...room.editor, 'content-type': 'text/plain' }, payload: 'hello' },
    { method: 'POST', url: '/v1/admin/articles', headers: room.editor, payload: [] },
    { method: 'PATCH', url: '/v1/admin/articles/1', headers: room.editor, payload: { body: 'not blocks' } },
    { method: 'GET', url: '/v1/articles', headers: { authorization: 'Basic dXNlcjpwYXNz' } }
  ]
  for (const attempt of attempts) {
    const res = await room.app.inject(attempt)
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${attempt.method} ${attempt.url} -> ${res.statusCode}`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
  }
})

tap.test('an editor closes an article to new replies with PATCH, and readers are told so', async (t) => {
  const room = await newsroom(t)
  const { id, slug } = await publish(room, 'Fishermen return to Lake Chad', '2026-03-01T08:00:00.000Z')
  const closed = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: room.editor, payload: { repliesEnabled: false } })
  t.equal(closed.statusCode, 200)
  t.equal(closed.json().repliesEnabled, false)
  t.equal((await room.app.inject({ url: `/v1/articles/${slug}` })).json().repliesEnabled, false)
  const reply = await room.app.inject({
    method: 'POST',
    url: `/v1/articles/${slug}/replies`,
    payload: { authorName: 'Amina', authorEmail: 'amina@example.org', body: 'Good to read.' }
  })
  t.equal(reply.statusCode, 409)
  t.equal(reply.json().code, 'REPLIES_CLOSED')
})

tap.test('a new article takes replies unless it says otherwise', async (t) => {
  const room = await newsroom(t)
  t.equal((await createArticle(room)).json().repliesEnabled, true)
  t.equal((await createArticle(room, { headline: 'Quiet please', repliesEnabled: false })).json().repliesEnabled, false)
})

tap.test('a leap second, valid RFC 3339 but not storable, is a 422 problem, not a 500', async (t) => {
  const room = await newsroom(t)
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ status: 'published', publishedAt: '2016-12-31T23:59:60Z' }, '/body/publishedAt'],
    [{ status: 'scheduled', scheduledAt: '2030-06-30T23:59:60Z' }, '/body/scheduledAt']
  ]
  for (const [fields, path] of cases) {
    const res = await createArticle(room, fields)
    t.equal(res.statusCode, 422, path)
    t.match(res.json(), { code: 'UNSUPPORTED_TIME', errors: [{ path }] })
  }
  const draft = (await createArticle(room)).json()
  const publish = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/publish`, headers: room.editor, payload: { at: '2030-06-30T23:59:60Z' } })
  t.equal(publish.statusCode, 422)
  t.match(publish.json(), { code: 'UNSUPPORTED_TIME', errors: [{ path: '/body/at' }] })
  t.equal(await countRows(room.app, 'articles'), 1)
})

tap.test('a publication time in the future is refused: that is what scheduling is for', async (t) => {
  const room = await newsroom(t)
  const res = await createArticle(room, { status: 'published', publishedAt: '2099-01-01T00:00:00Z' })
  t.equal(res.statusCode, 422)
  t.match(res.json(), { code: 'PUBLISHED_IN_FUTURE', errors: [{ path: '/body/publishedAt' }] })
  t.equal(await countRows(room.app, 'articles'), 0)
})

tap.test('a contributor reads their article by id while it is a draft, and no longer once it is published', async (t) => {
  const room = await newsroom(t)
  const contributor = await authHeader(room.app, 'contributor', room.authorId)
  const draft = (await createArticle(room, {}, contributor)).json()
  t.equal((await room.app.inject({ url: `/v1/admin/articles/${draft.id}`, headers: contributor })).statusCode, 200)
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/publish`, headers: room.editor, payload: {} })
  const res = await room.app.inject({ url: `/v1/admin/articles/${draft.id}`, headers: contributor })
  t.equal(res.statusCode, 403)
  t.equal(res.json().code, 'CONTRIBUTORS_WRITE_DRAFTS')
  t.equal((await room.app.inject({ url: `/v1/admin/articles/${draft.id}/revisions`, headers: contributor })).statusCode, 403)
})
