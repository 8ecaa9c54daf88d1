// What a client may send: required bodies, slug lists, times both engines store, web URLs and body blocks, each
// refused as a 400 naming the field, with nothing stored.
import tap, { type Test } from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { authHeader } from '../../helpers/app.js'
import { countRows, row, rows } from '../../helpers/db.js'
import { insertAuthor } from '../../helpers/fixtures.js'
import { createDraft, newsroom, rowOf, type Newsroom } from './workflow.helpers.js'

const URL_MESSAGE = 'must be an absolute http or https URL with a host, such as https://example.org/page'
const TIME_MESSAGE = 'must be an RFC 3339 date-time such as 2026-03-14T09:30:00Z, from year 0001 to 9999 once its offset is applied'
const BLOCK_TYPES_MESSAGE = 'must be one of: paragraph, heading, quote, list, image, embed, promo'
const PARAGRAPH = { type: 'paragraph', text: 'Fishing crews returned to the northern shore on Monday.' }

/** A 400 validation problem whose errors[] is exactly these. */
function assertRefused (t: Test, res: LightMyRequestResponse, errors: Array<{ path: string, message: string }>) {
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { status: 400, code: 'VALIDATION_FAILED' })
  t.same(res.json().errors, errors)
}

function createArticle (room: Newsroom, fields: Record<string, unknown>) {
  return room.app.inject({ method: 'POST', url: '/v1/admin/articles', headers: room.editor, payload: { headline: 'Lake Chad', body: [PARAGRAPH], sectionId: room.sectionId, ...fields } })
}

/** POSTs the raw JSON text, or no body at all. */
function postRaw (room: Newsroom, url: string, json: string | undefined) {
  const headers = json === undefined ? room.editor : { ...room.editor, 'content-type': 'application/json' }
  return room.app.inject({ method: 'POST', url, headers, ...(json !== undefined && { payload: json }) })
}

tap.test('publishing with a null body, or none, is a 400 problem and the draft stays a draft', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const before = await rowOf(room, draft.id)
  for (const json of ['null', undefined]) {
    assertRefused(t, await postRaw(room, `/v1/admin/articles/${draft.id}/publish`, json), [{ path: '/body', message: 'must be a JSON object, such as {}' }])
  }
  t.same(await rowOf(room, draft.id), before)
  t.equal(await countRows(room.app, 'articleRevisions', { articleId: draft.id }), 1)
})

tap.test('unpublishing with a null body, or none, is a 400 problem and the article stays published', async (t) => {
  const room = await newsroom(t)
  const article = await createDraft(room, { status: 'published' })
  const before = await rowOf(room, article.id)
  for (const json of ['null', undefined]) {
    assertRefused(t, await postRaw(room, `/v1/admin/articles/${article.id}/unpublish`, json), [{ path: '/body', message: 'must be a JSON object, such as {}' }])
  }
  t.same(await rowOf(room, article.id), before)
  t.equal((await room.app.inject({ url: `/v1/articles/${article.slug}` })).statusCode, 200)
})

tap.test('minting a preview with a null body, or none, is a 400 problem without a link', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  for (const json of ['null', undefined]) {
    const res = await postRaw(room, `/v1/admin/articles/${draft.id}/preview`, json)
    assertRefused(t, res, [{ path: '/body', message: 'must be a JSON object, such as {}' }])
    t.notOk('token' in res.json())
  }
})

tap.test('an empty object asks for the defaults: publish now, unpublish to archived, a one-hour preview', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const published = await postRaw(room, `/v1/admin/articles/${draft.id}/publish`, '{}')
  t.equal(published.statusCode, 200)
  t.match(published.json(), { status: 'published', scheduledAt: null })
  const preview = await postRaw(room, `/v1/admin/articles/${draft.id}/preview`, '{}')
  t.equal(preview.statusCode, 201)
  const lifetime = Date.parse(preview.json().expiresAt) - Date.now()
  t.ok(lifetime > 3500 * 1000 && lifetime <= 3600 * 1000, 'the link works for an hour')
  const archived = await postRaw(room, `/v1/admin/articles/${draft.id}/unpublish`, '{}')
  t.equal(archived.statusCode, 200)
  t.equal(archived.json().status, 'archived')
})

tap.test('author= and tag= name at most 20 slugs, whether comma-separated, repeated or mixed: 21 is a 400 naming the parameter', async (t) => {
  const room = await newsroom(t)
  const slugs = Array.from({ length: 21 }, (_, i) => `slug-${i}`)
  for (const name of ['author', 'tag']) {
    const spellings = {
      'comma-separated': `${name}=${slugs.join(',')}`,
      repeated: slugs.map((slug) => `${name}=${slug}`).join('&'),
      mixed: `${name}=${slugs.slice(0, 11).join(',')}&${slugs.slice(11).map((slug) => `${name}=${slug}`).join('&')}`,
      'the same slug 21 times': `${name}=${Array(21).fill('climate').join(',')}`
    }
    for (const [spelling, query] of Object.entries(spellings)) {
      const res = await room.app.inject({ url: `/v1/articles?${query}` })
      t.equal(res.statusCode, 400, `${name}, ${spelling}`)
      t.match(res.headers['content-type'], /^application\/problem\+json/)
      t.same(res.json().errors.map((error: { path: string }) => error.path), [`/querystring/${name}`], `${name}, ${spelling}`)
    }
  }
})

tap.test('20 slugs, however they are given, filter the list', async (t) => {
  const room = await newsroom(t)
  await createDraft(room, { status: 'published' })
  const slugs = ['climate', ...Array.from({ length: 19 }, (_, i) => `slug-${i}`)]
  for (const query of [`tag=${slugs.join(',')}`, `tag=${slugs.slice(0, 10).join(',')}&${slugs.slice(10).map((slug) => `tag=${slug}`).join('&')}`]) {
    const res = await room.app.inject({ url: `/v1/articles?${query}` })
    t.equal(res.statusCode, 200)
    t.equal(res.json().data.length, 1)
  }
})

tap.test('a publish time past year 9999 once its offset is applied is a 400 naming /body/at, and nothing is scheduled', async (t) => {
  const room = await newsroom(t)
  const draft = await createDraft(room)
  const before = await rowOf(room, draft.id)
  const res = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/publish`, headers: room.editor, payload: { at: '9999-12-31T23:59:59-14:00' } })
  assertRefused(t, res, [{ path: '/body/at', message: TIME_MESSAGE }])
  t.same(await rowOf(room, draft.id), before)
})

tap.test('publishedAt and scheduledAt outside years 0001 to 9999 in UTC are a 400 naming the field, and nothing is written', async (t) => {
  const room = await newsroom(t)
  const attempts = [
    { field: 'publishedAt', fields: { status: 'published', publishedAt: '0000-01-01T00:00:00+00:01' } },
    { field: 'publishedAt', fields: { status: 'published', publishedAt: '0000-06-01T00:00:00Z' } },
    { field: 'scheduledAt', fields: { status: 'scheduled', scheduledAt: '9999-12-31T23:59:59-14:00' } }
  ]
  for (const { field, fields } of attempts) assertRefused(t, await createArticle(room, fields), [{ path: `/body/${field}`, message: TIME_MESSAGE }])
  t.equal(await countRows(room.app, 'articles'), 0)

  const article = await createDraft(room, { status: 'published' })
  const before = await rowOf(room, article.id)
  for (const { field, fields } of attempts) {
    const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.id}`, headers: room.editor, payload: fields })
    assertRefused(t, res, [{ path: `/body/${field}`, message: TIME_MESSAGE }])
  }
  t.same(await rowOf(room, article.id), before)
})

tap.test('publishedAfter and publishedBefore outside years 0001 to 9999 in UTC are a 400 naming the parameter', async (t) => {
  const room = await newsroom(t)
  await createDraft(room, { status: 'published' })
  const queries = {
    publishedAfter: ['0000-01-01T00:00:00+00:01', '0000-12-31T23:59:59Z'],
    publishedBefore: ['9999-12-31T23:59:59-14:00', '9999-12-31T23:59:59-00:01']
  }
  for (const [name, values] of Object.entries(queries)) {
    for (const value of values) {
      assertRefused(t, await room.app.inject({ url: `/v1/articles?${name}=${encodeURIComponent(value)}` }), [{ path: `/querystring/${name}`, message: TIME_MESSAGE }])
    }
  }
})

tap.test('an offset written other than as Z or ±hh:mm is a 400 naming the field, as RFC 3339 asks', async (t) => {
  const room = await newsroom(t)
  for (const publishedAt of ['2026-03-14T09:30:00+01', '2026-03-14T09:30:00+0100']) {
    assertRefused(t, await createArticle(room, { status: 'published', publishedAt }), [{ path: '/body/publishedAt', message: TIME_MESSAGE }])
  }
  t.equal(await countRows(room.app, 'articles'), 0)
})

tap.test('the first and the last millisecond of years 0001 to 9999 in UTC are accepted, stored and read back', async (t) => {
  const room = await newsroom(t)
  // Written in year 0000, but 0001 in UTC.
  const ancient = await createArticle(room, { status: 'published', publishedAt: '0000-12-31T23:30:00-00:30' })
  t.equal(ancient.statusCode, 201)
  t.equal((await rowOf(room, ancient.json().id))?.publishedAt, '0001-01-01T00:00:00.000Z')
  const page = await room.app.inject({ url: `/v1/articles/${ancient.json().slug}` })
  t.equal(page.statusCode, 200)
  t.equal(page.json().publishedAt, '0001-01-01T00:00:00.000Z')
  for (const query of ['', '?publishedBefore=9999-12-31T23:59:59.999Z']) {
    const list = await room.app.inject({ url: `/v1/articles${query}` })
    t.equal(list.statusCode, 200)
    t.same(list.json().data.map((article: { slug: string }) => article.slug), [ancient.json().slug], `listed with ${query || 'no filter'}`)
  }

  const draft = await createDraft(room)
  const scheduled = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${draft.id}/publish`, headers: room.editor, payload: { at: '9999-12-31T23:59:59.999+00:00' } })
  t.equal(scheduled.statusCode, 200)
  t.match(scheduled.json(), { status: 'scheduled', scheduledAt: '9999-12-31T23:59:59.999Z' })
})

const URLS_WITHOUT_A_WEB_HOST = ['https://', 'https:///x', 'http://:80/x', 'https://user@', 'javascript:alert(1)', 'mailto:desk@worldweekly.example', 'ftp://files.example/x.jpg', 'not a url']

tap.test('a URL without a scheme and a host, or not http(s), is refused in every field that holds a web address, and nothing is stored', async (t) => {
  const room = await newsroom(t)
  const admin = await authHeader(room.app, 'admin')
  const authorId = await insertAuthor(room.app, 'lina-haddad')
  const targets = [
    { url: '/v1/admin/articles', path: '/body/body/1/url', payload: (url: string) => ({ headline: 'A', sectionId: room.sectionId, body: [PARAGRAPH, { type: 'image', url, alt: '' }] }) },
    { url: '/v1/admin/articles', path: '/body/body/0/url', payload: (url: string) => ({ headline: 'A', sectionId: room.sectionId, body: [{ type: 'embed', url }] }) },
    { url: '/v1/admin/articles', path: '/body/featuredImage/url', payload: (url: string) => ({ headline: 'A', sectionId: room.sectionId, body: [PARAGRAPH], featuredImage: { url, alt: '' } }) },
    { url: '/v1/admin/articles', path: '/body/canonicalUrl', payload: (url: string) => ({ headline: 'A', sectionId: room.sectionId, body: [PARAGRAPH], canonicalUrl: url }) },
    { url: '/v1/admin/authors', path: '/body/avatarUrl', payload: (url: string) => ({ name: 'Bea Okafor', avatarUrl: url }) },
    { url: '/v1/admin/authors', path: '/body/links/0/url', payload: (url: string) => ({ name: 'Bea Okafor', links: [{ label: 'Site', url }] }) },
    { url: `/v1/admin/authors/${authorId}`, method: 'PATCH' as const, path: '/body/avatarUrl', payload: (url: string) => ({ avatarUrl: url }) }
  ]
  const authorsBefore = await rows(room.app, 'authors')
  for (const target of targets) {
    for (const url of URLS_WITHOUT_A_WEB_HOST) {
      const res = await room.app.inject({ method: target.method ?? 'POST', url: target.url, headers: admin, payload: target.payload(url) })
      t.equal(res.statusCode, 400, `${target.path}: ${url}`)
      t.same(res.json().errors, [{ path: target.path, message: URL_MESSAGE }], `${target.path}: ${url}`)
    }
  }
  t.equal(await countRows(room.app, 'articles'), 0)
  t.same(await rows(room.app, 'authors'), authorsBefore)
})

tap.test('http(s) URLs with a host are accepted, with user info, a port, an IPv6 address or an @ in the path', async (t) => {
  const room = await newsroom(t)
  const links = ['https://mastodon.social/@linahaddad', 'http://[2001:db8::1]:8080/profile', 'https://press@worldweekly.example/lina?tab=all#bio']
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/authors',
    headers: room.editor,
    payload: { name: 'Lina Haddad', avatarUrl: 'https://images.worldweekly.example/lina.jpg', links: links.map((url, i) => ({ label: `Link ${i}`, url })) }
  })
  t.equal(res.statusCode, 201)
  t.same((await row(room.app, 'authors', { slug: 'lina-haddad' }))?.links.map((link) => link.url), links)
})

tap.test('a block missing a field is one error at that field of that block', async (t) => {
  const room = await newsroom(t)
  assertRefused(t, await createArticle(room, { body: [PARAGRAPH, { type: 'paragraph' }] }), [{ path: '/body/body/1/text', message: 'must have required property \'text\'' }])
  assertRefused(t, await createArticle(room, { body: [{ type: 'heading', text: 'Why now' }] }), [{ path: '/body/body/0/level', message: 'must have required property \'level\'' }])
  t.equal(await countRows(room.app, 'articles'), 0)
})

tap.test('a bad URL in an image block is one error at that block\'s url', async (t) => {
  const room = await newsroom(t)
  const res = await createArticle(room, { body: [PARAGRAPH, PARAGRAPH, { type: 'image', url: 'https://', alt: 'Boats on the shore' }] })
  assertRefused(t, res, [{ path: '/body/body/2/url', message: URL_MESSAGE }])
})

tap.test('a block of an unknown type, or with none, is one error at its type naming the types allowed', async (t) => {
  const room = await newsroom(t)
  assertRefused(t, await createArticle(room, { body: [PARAGRAPH, { type: 'video', url: 'https://video.example/1' }] }), [{ path: '/body/body/1/type', message: BLOCK_TYPES_MESSAGE }])
  assertRefused(t, await createArticle(room, { body: [{ text: 'No type' }] }), [{ path: '/body/body/0/type', message: BLOCK_TYPES_MESSAGE }])
  assertRefused(t, await createArticle(room, { body: ['Just text'] }), [{ path: '/body/body/0', message: 'must be object' }])
  t.equal(await countRows(room.app, 'articles'), 0)
})

tap.test('a bad value in a nullable field is reported once, against the field\'s own schema', async (t) => {
  const room = await newsroom(t)
  assertRefused(t, await createArticle(room, { featuredImage: { url: 'https://images.worldweekly.example/a.jpg' } }), [{ path: '/body/featuredImage/alt', message: 'must have required property \'alt\'' }])
  assertRefused(t, await createArticle(room, { subtitle: 'x'.repeat(301) }), [{ path: '/body/subtitle', message: 'must NOT have more than 300 characters' }])
})

tap.test('the OpenAPI document describes a body block as oneOf its types, with a discriminator mapping each type to its schema', async (t) => {
  const room = await newsroom(t)
  const document = (await room.app.inject({ url: '/openapi.json' })).json()
  const types = { paragraph: 'ParagraphBlock', heading: 'HeadingBlock', quote: 'QuoteBlock', list: 'ListBlock', image: 'ImageBlock', embed: 'EmbedBlock', promo: 'PromoBlock' }
  t.match(document.components.schemas.Block, {
    type: 'object',
    oneOf: Object.values(types).map((name) => ({ $ref: `#/components/schemas/${name}` })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(Object.entries(types).map(([type, name]) => [type, `#/components/schemas/${name}`])) }
  })
  t.notOk('anyOf' in document.components.schemas.Block)
})
