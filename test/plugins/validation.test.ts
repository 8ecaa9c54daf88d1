// Input that one engine could store and the other could not is refused on both, as the client's error.
import t from 'tap'
import { encodeCursor } from '../../src/shared/cursor.js'
import { authHeader, buildTestApp } from '../helpers/app.js'
import { countRows } from '../helpers/db.js'
import { insertSection } from '../helpers/fixtures.js'
import { insertArticle, READER, SLUG } from '../modules/replies/replies-fixtures.js'

const TOO_LARGE = 2_147_483_648

t.test('a NUL character anywhere in a request is a 400 naming where it is, and nothing is stored', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const reply = await app.inject({ method: 'POST', url: `/v1/articles/${SLUG}/replies`, payload: { ...READER, body: 'x\u0000y' } })
  t.equal(reply.statusCode, 400)
  t.match(reply.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/body/body', message: 'must not contain the NUL character (U+0000)' }] })
  t.equal(await countRows(app, 'replies'), 0)
  for (const url of ['/v1/articles?tag=%00', '/v1/articles?author=a%00', '/v1/tags/a%00b']) {
    t.equal((await app.inject({ url })).statusCode, 400, url)
  }
})

t.test('a NUL character deep in a body is a 400 naming its place in the array and the object, and nothing is stored', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const sectionId = await insertSection(app)
  const body = [{ type: 'paragraph', text: 'Clean.' }, { type: 'list', style: 'bullet', items: ['one', 'two\u0000'] }]
  const res = await app.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: { headline: 'A', body, sectionId } })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/body/body/1/items/1', message: 'must not contain the NUL character (U+0000)' }] })
  t.equal(await countRows(app, 'articles'), 0)
})

t.test('half of a surrogate pair in a body is a 400 naming where it is, and nothing is stored; a whole pair (an emoji) is welcome', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  // Written as JSON escapes: that is how a client sends a lone surrogate, which no UTF-8 text can carry.
  const lone = await app.inject({
    method: 'POST',
    url: `/v1/articles/${SLUG}/replies`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ ...READER, body: 'BODY' }).replace('BODY', 'broken \\ud800 text')
  })
  t.equal(lone.statusCode, 400)
  t.match(lone.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/body/body', message: /surrogate/ }] })
  t.equal(await countRows(app, 'replies'), 0)
  const emoji = await app.inject({ method: 'POST', url: `/v1/articles/${SLUG}/replies`, payload: { ...READER, body: 'Good news 🎉 for the lake' } })
  t.equal(emoji.statusCode, 202, 'accepted for moderation')
})

t.test('ids, versions and cursor keys past the largest id are refused, never a 5xx', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const sectionId = await insertSection(app)
  const attempts = [
    { url: `/v1/admin/articles/${TOO_LARGE}`, headers: editor },
    { url: `/v1/admin/articles/${TOO_LARGE}/revisions`, headers: editor },
    { method: 'DELETE' as const, url: `/v1/admin/tags/${TOO_LARGE}`, headers: editor },
    { method: 'POST' as const, url: '/v1/admin/articles', headers: editor, payload: { headline: 'A', body: [{ type: 'paragraph', text: 'B' }], sectionId: TOO_LARGE } },
    { method: 'POST' as const, url: `/v1/articles/${SLUG}/replies`, payload: { ...READER, parentId: TOO_LARGE } },
    { url: `/v1/admin/replies?articleId=${TOO_LARGE}`, headers: editor },
    { url: `/v1/tags?cursor=${encodeCursor(['Books', TOO_LARGE])}` },
    { url: `/v1/articles?cursor=${encodeCursor(['2025-01-01T00:00:00.000Z', TOO_LARGE], '-publishedAt')}` },
    { url: `/v1/articles?cursor=${encodeCursor(['2025-02-30T00:00:00.000Z', 1], '-publishedAt')}` },
    { url: `/v1/articles/${SLUG}/replies?cursor=${encodeCursor(['not a time', 1])}` }
  ]
  for (const attempt of attempts) {
    const res = await app.inject(attempt)
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${attempt.method ?? 'GET'} ${attempt.url}: ${res.statusCode}`)
  }
  const created = await app.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: { headline: 'A', body: [{ type: 'paragraph', text: 'B' }], sectionId } })
  const patched = await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${created.json().id}`, headers: { ...editor, 'if-match': `"${TOO_LARGE}"` }, payload: { headline: 'C' } })
  t.equal(patched.statusCode, 412, 'an If-Match version we never issued matches nothing')
})

t.test('a number in a path or a query is written in decimal digits: 0x1, 1e0, +1 and Infinity are refused, and name nothing', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const editor = await authHeader(app, 'editor')
  const tags = await countRows(app, 'tags')
  for (const id of ['0x1', '1e0', '1.0', '+1', '%201', 'Infinity', '0b1']) {
    const res = await app.inject({ method: 'DELETE', url: `/v1/admin/tags/${id}`, headers: editor })
    t.equal(res.statusCode, 400, `DELETE /v1/admin/tags/${id}`)
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/params/id', message: 'must be an integer written in decimal digits' }] })
  }
  t.equal(await countRows(app, 'tags'), tags, 'no tag was deleted')
  for (const url of ['/v1/articles?limit=Infinity', '/v1/tags?limit=1e400', '/v1/authors?limit=-Infinity', '/v1/admin/replies?articleId=Infinity']) {
    const res = await app.inject({ url, headers: editor })
    t.equal(res.statusCode, 400, url)
  }
})

t.test('a body nested deeper than any the API reads is a 400, however deep', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  for (const depth of [40, 10_000]) {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/articles/${SLUG}/replies`,
      headers: { 'content-type': 'application/json' },
      payload: '['.repeat(depth) + ']'.repeat(depth)
    })
    t.equal(res.statusCode, 400, `${depth} levels`)
    t.match(res.json(), { code: 'VALIDATION_FAILED' })
  }
  t.equal(await countRows(app, 'replies'), 0)
})
