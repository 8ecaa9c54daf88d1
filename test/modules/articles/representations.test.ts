// Stored public representations: an article read sends what its last write stored, a revalidation compares the stored
// ETag, and every change that alters what the public sees refreshes (or queues) what is stored.
import t, { type Test } from 'tap'
import fc from 'fast-check'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp, lastingDatabase, TEST_ENGINE } from '../../helpers/app.js'
import { countRows, execute, rows, sql, updateRows } from '../../helpers/db.js'
import { CONTENT_CLOCKS } from '../../../src/db/settings.js'
import { insertAuthor, insertSection, insertStoredArticle, insertTag } from '../../helpers/fixtures.js'
import type { PostgresStore } from '../../../src/db/postgres-store.js'
import { createWebAddresses } from '../../../src/shared/web-addresses.js'
import { createRepresentationRefresher, RENDERER_LEASE_MS } from '../../../src/modules/articles/articles.refresher.js'
import { encodePendingRepresentations } from '../../../src/modules/articles/articles.encoder.js'
import { COMPRESSION_THRESHOLD } from '../../../src/shared/compression.js'
import { OUTBOX_LOCK } from '../../../src/modules/events/events.repository.pg.js'
import { createArticle, newsroom, patchArticle, type Newsroom } from './newsroom.js'

const ALL_FORMS = '?formats=blocks,html,text'

async function refresh (app: FastifyInstance): Promise<number> {
  return createRepresentationRefresher({ store: app.store, links: createWebAddresses(app.config), log: app.log, intervalMs: 0, batchSize: 7 }).refreshStale()
}

async function read (room: Newsroom, slug: string, query = ALL_FORMS) {
  const res = await room.app.inject({ url: `/v1/articles/${slug}${query}` })
  return { status: res.statusCode, body: res.statusCode === 200 ? res.json() : undefined, etag: res.headers.etag as string }
}

/** The public article as the writers' view shows it, from another query: what every stored representation must equal. */
async function expectedPublic (room: Newsroom, id: number) {
  const { version: _version, embargoedUntil: _embargo, createdBy: _created, updatedBy: _updated, ...article } =
    (await room.app.inject({ url: `/v1/admin/articles/${id}`, headers: room.editor })).json()
  if (article.withdrawn === null) return article
  return { ...article, excerpt: '', body: [], bodyHtml: '', bodyText: '', wordCount: 0 }
}

t.test('publishing stores the article\'s representation in the same write, and a read sends it', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  t.equal(await countRows(room.app, 'articleRepresentationQueue'), 0, 'nothing is left for the refresher')
  const [stored] = await rows(room.app, 'articleRepresentations', { articleId: article.id })
  const res = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  t.equal(res.statusCode, 200)
  t.equal(res.headers.etag, `W/"${stored?.etag}"`)
  t.equal(res.headers['last-modified'], new Date(stored?.lastModified as string).toUTCString())
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
  t.same(res.json(), { ...JSON.parse(stored?.head as string), bodyHtml: article.bodyHtml })
})

t.test('a draft has no stored representation, and unpublishing drops the one it had', async (t) => {
  const room = await newsroom(t)
  const draft = await createArticle(room)
  t.equal(await countRows(room.app, 'articleRepresentations'), 0)
  const published = await createArticle(room, { headline: 'Second story', status: 'published' })
  t.equal(await countRows(room.app, 'articleRepresentations', { articleId: published.id }), 1)
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${published.id}/unpublish`, headers: room.editor, payload: {} })
  t.equal(await countRows(room.app, 'articleRepresentations'), 0)
  t.equal((await read(room, published.slug)).status, 404)
  t.equal((await read(room, draft.slug)).status, 404)
})

t.test('formats= chooses the body forms: HTML alone by default, any of blocks, html and text on request', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const forms = async (query: string) => {
    const body = (await read(room, article.slug, query)).body
    return ['body', 'bodyHtml', 'bodyText'].filter((form) => form in body)
  }
  t.same(await forms(''), ['bodyHtml'])
  t.same(await forms('?formats=html'), ['bodyHtml'])
  t.same(await forms('?formats=blocks'), ['body'])
  t.same(await forms('?formats=text,blocks'), ['body', 'bodyText'])
  t.same(await forms('?formats=blocks,html,text'), ['body', 'bodyHtml', 'bodyText'])
  t.same((await read(room, article.slug, '?formats=blocks')).body.body, article.body)
  t.equal((await read(room, article.slug, '?formats=text')).body.bodyText, article.bodyText)
})

t.test('each choice of forms has its own ETag, and the same choice in another order the same one', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const tags = await Promise.all(['', '?formats=blocks', '?formats=text', '?formats=html,text', '?formats=text,html'].map(async (query) => (await read(room, article.slug, query)).etag))
  t.equal(new Set(tags.slice(0, 4)).size, 4)
  t.equal(tags[3], tags[4])
  t.equal((await read(room, article.slug, '?formats=html')).etag, tags[0])
})

t.test('an unknown body form is a 400 problem that names formats', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  for (const formats of ['markdown', 'html,', '', 'html,html,html,html']) {
    const res = await room.app.inject({ url: `/v1/articles/${article.slug}?formats=${formats}` })
    t.equal(res.statusCode, 400, formats)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(res.json().errors, [{ path: '/querystring/formats' }])
  }
})

t.test('a revalidation with the stored ETag is a 304 without a body, and so is one with its Last-Modified', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const first = await room.app.inject({ url: `/v1/articles/${article.slug}?formats=blocks` })
  const again = await room.app.inject({ url: `/v1/articles/${article.slug}?formats=blocks`, headers: { 'if-none-match': first.headers.etag as string } })
  t.equal(again.statusCode, 304)
  t.equal(again.body, '')
  t.equal(again.headers.etag, first.headers.etag)
  t.equal(again.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300')
  t.equal(again.headers['content-type'], undefined)
  t.equal(again.headers['surrogate-key'], first.headers['surrogate-key'])
  const since = await room.app.inject({ url: `/v1/articles/${article.slug}`, headers: { 'if-modified-since': first.headers['last-modified'] as string } })
  t.equal(since.statusCode, 304)
  const otherForms = await room.app.inject({ url: `/v1/articles/${article.slug}`, headers: { 'if-none-match': first.headers.etag as string } })
  t.equal(otherForms.statusCode, 200, 'the tag of another choice of forms does not match')
})

t.test('a write that changes nothing the public sees leaves the ETag and Last-Modified as they were', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const before = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  await room.app.inject({ method: 'DELETE', url: `/v1/admin/articles/${article.id}/previews`, headers: room.editor })
  await execute(room.app, {
    sqlite: sql`insert into article_representation_queue (article_id) values (${article.id}) on conflict do nothing`,
    postgres: sql`insert into article_representation_queue (article_id) values (${article.id}) on conflict do nothing`
  })
  const [stored] = await rows(room.app, 'articleRepresentations', { articleId: article.id })
  await new Promise((resolve) => setTimeout(resolve, 5))
  t.equal(await refresh(room.app), 1)
  const after = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  t.equal(after.headers.etag, before.headers.etag)
  t.equal(after.headers['last-modified'], before.headers['last-modified'])
  // To the millisecond: an HTTP date alone could not tell a rewrite within the same second.
  t.equal((await rows(room.app, 'articleRepresentations', { articleId: article.id }))[0]?.lastModified, stored?.lastModified)
})

t.test('renaming a section queues the articles it and the sections below it show; reads show the name at once', async (t) => {
  const room = await newsroom(t)
  const child = await insertSection(room.app, 'sahel', room.sectionId)
  const elsewhere = await insertSection(room.app, 'business')
  const above = await createArticle(room, { headline: 'In the section', status: 'published' })
  const below = await createArticle(room, { headline: 'Below it', status: 'published', sectionId: child })
  const apart = await createArticle(room, { headline: 'Elsewhere', status: 'published', sectionId: elsewhere })
  await createArticle(room, { headline: 'A draft below it', sectionId: child })
  const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: await authHeader(room.app, 'admin'), payload: { name: 'The World' } })
  t.equal(res.statusCode, 200)
  t.same((await rows(room.app, 'articleRepresentationQueue')).map((row) => row.articleId).sort(), [above.id, below.id].sort(), 'published articles in the subtree only')
  t.equal((await read(room, above.slug)).body.section.name, 'The World')
  t.same((await read(room, below.slug)).body.breadcrumb.map((section: { name: string }) => section.name), ['The World', 'Sahel'])
  t.equal((await read(room, apart.slug)).body.section.slug, 'business')
  t.equal(await refresh(room.app), 2)
  t.equal(await countRows(room.app, 'articleRepresentationQueue'), 0)
  const [stored] = await rows(room.app, 'articleRepresentations', { articleId: above.id })
  t.equal(JSON.parse(stored?.head as string).section.name, 'The World')
})

t.test('what a read of a queued article sends is what the refresher then stores: its ETag still holds after the refresh', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: await authHeader(room.app, 'admin'), payload: { name: 'The World' } })
  const duringRename = await read(room, article.slug)
  t.equal(duringRename.body.section.name, 'The World')
  t.equal(await refresh(room.app), 1)
  const res = await room.app.inject({ url: `/v1/articles/${article.slug}${ALL_FORMS}`, headers: { 'if-none-match': duringRename.etag } })
  t.equal(res.statusCode, 304)
  t.same(await read(room, article.slug), duringRename)
})

t.test('a new description of a section queues nothing: its articles do not show it', async (t) => {
  const room = await newsroom(t)
  await createArticle(room, { status: 'published' })
  const res = await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: await authHeader(room.app, 'admin'), payload: { description: 'News from everywhere.' } })
  t.equal(res.statusCode, 200)
  t.equal(await countRows(room.app, 'articleRepresentationQueue'), 0)
})

t.test('renaming an author or a tag, and approving a reply, queue the articles that show them', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published', repliesEnabled: true })
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/authors/${room.authorId}`, headers: room.editor, payload: { name: 'Adrian Ovalle-Ruiz' } })
  t.equal(await countRows(room.app, 'articleRepresentationQueue', { articleId: article.id }), 1, 'an author renamed')
  t.equal((await read(room, article.slug)).body.authors[0].name, 'Adrian Ovalle-Ruiz')
  await refresh(room.app)
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/tags/${room.tagId}`, headers: room.editor, payload: { name: 'Climate crisis' } })
  t.equal(await countRows(room.app, 'articleRepresentationQueue', { articleId: article.id }), 1, 'a tag renamed')
  t.equal((await read(room, article.slug)).body.tags[0].name, 'Climate crisis')
  await refresh(room.app)
  const reply = await room.app.inject({ method: 'POST', url: `/v1/articles/${article.slug}/replies`, payload: { authorName: 'Reader', authorEmail: 'reader@example.com', body: 'Good news.' } })
  t.equal(await countRows(room.app, 'articleRepresentationQueue'), 0, 'a reply waiting for moderation shows nowhere')
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/replies/${reply.json().id}`, headers: room.editor, payload: { status: 'approved' } })
  t.equal(await countRows(room.app, 'articleRepresentationQueue', { articleId: article.id }), 1, 'a reply approved')
  t.equal((await read(room, article.slug)).body.replyCount, 1)
  await refresh(room.app)
  t.equal(JSON.parse((await rows(room.app, 'articleRepresentations'))[0]?.head as string).replyCount, 1)
})

t.test('an article written straight into the database is rendered when read, and stored by the refresher', async (t) => {
  const room = await newsroom(t)
  const id = await insertStoredArticle(room.app, 'written-by-hand', { sectionId: room.sectionId, authorIds: [room.authorId] })
  t.equal(await countRows(room.app, 'articleRepresentationQueue', { articleId: id }), 1)
  const shown = await read(room, 'written-by-hand')
  t.equal(shown.status, 200)
  t.same(shown.body, await expectedPublic(room, id))
  t.equal(await refresh(room.app), 1)
  t.same(await read(room, 'written-by-hand'), shown, 'the same representation, now stored')
})

t.test('a representation stored under other web addresses is never sent: reads render it afresh, and the refresher stores it again', async (t) => {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const first = await buildTestApp(t, database)
  await insertStoredArticle(first, 'moved-site', { sectionId: await insertSection(first) })
  await refresh(first)
  t.match((await first.inject({ url: '/v1/articles/moved-site' })).json().url, /^https:\/\/www\.news\.test\//)
  await first.close()
  const second = await buildTestApp(t, { ...database, siteUrl: 'https://news.example.org' })
  const res = await second.inject({ url: '/v1/articles/moved-site' })
  t.match(res.json().url, /^https:\/\/news\.example\.org\//)
  t.equal(await countRows(second, 'articleRepresentationQueue'), 0, 'nothing was queued')
  t.equal(await refresh(second), 1, 'the refresher renders it again all the same')
  const [stored] = await rows(second, 'articleRepresentations')
  t.match(JSON.parse(stored?.head as string).url, /^https:\/\/news\.example\.org\//)
  t.equal(await refresh(second), 0)
})

t.test('a read rendered afresh after a change no write made sends no Last-Modified, so a client that revalidates by the stored date gets the new representation', async (t) => {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const first = await buildTestApp(t, database)
  await insertStoredArticle(first, 'moved-site', { sectionId: await insertSection(first) })
  await refresh(first)
  await storedLongAgo(first)
  const held = await first.inject({ url: '/v1/articles/moved-site' })
  await first.close()
  const second = await buildTestApp(t, { ...database, siteUrl: 'https://news.example.org' })
  const res = await second.inject({ url: '/v1/articles/moved-site', headers: { 'if-modified-since': held.headers['last-modified'] as string } })
  t.equal(res.statusCode, 200)
  t.match(res.json().url, /^https:\/\/news\.example\.org\//)
  t.equal(res.headers['last-modified'], undefined)
  t.not(res.headers.etag, held.headers.etag)
  await refresh(second)
  const stored = await second.inject({ url: '/v1/articles/moved-site' })
  t.equal(stored.headers.etag, res.headers.etag)
  t.ok(Date.parse(stored.headers['last-modified'] as string) >= Date.parse(held.headers['last-modified'] as string), 'the date set when it is stored')
})

t.test('articles rendered again under new web addresses move the content clock, so a list revalidated by date comes back with them', async (t) => {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const first = await buildTestApp(t, database)
  await insertStoredArticle(first, 'moved-site', { sectionId: await insertSection(first) })
  await refresh(first)
  // As if the last write were long ago, so a change now is in a later second.
  for (const key of CONTENT_CLOCKS) await updateRows(first, 'settings', { value: '2026-01-05T08:00:00.000Z' }, { key })
  const held = await first.inject({ url: '/v1/articles' })
  await first.close()
  const second = await buildTestApp(t, { ...database, siteUrl: 'https://news.example.org' })
  t.equal(await refresh(second), 1)
  const res = await second.inject({ url: '/v1/articles', headers: { 'if-modified-since': held.headers['last-modified'] as string } })
  t.equal(res.statusCode, 200)
  t.match(res.json().data[0].url, /^https:\/\/news\.example\.org\//)
  t.ok(Date.parse(res.headers['last-modified'] as string) > Date.parse(held.headers['last-modified'] as string))
})

t.test('a new representation read before the refresher stores it goes undated, and carries its date once stored', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await storedLongAgo(room.app)
  const before = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/authors/${room.authorId}`, headers: room.editor, payload: { name: 'Adrian Ovalle-Ruiz' } })
  const fresh = await room.app.inject({ url: `/v1/articles/${article.slug}`, headers: { 'if-modified-since': before.headers['last-modified'] as string } })
  t.equal(fresh.statusCode, 200)
  t.not(fresh.headers.etag, before.headers.etag)
  t.equal(fresh.headers['last-modified'], undefined)
  await refresh(room.app)
  const stored = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  t.equal(stored.headers.etag, fresh.headers.etag)
  const [row] = await rows(room.app, 'articleRepresentations', { articleId: article.id })
  t.equal(stored.headers['last-modified'], new Date(row?.lastModified as string).toUTCString())
})

t.test('edits within one second are dated a second apart, so a revalidation by the first date gets the second', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await storedLongAgo(room.app)
  const edit = async (subtitle: string) => {
    await patchArticle(room, article.id, { subtitle })
    const res = await room.app.inject({ url: `/v1/articles/${article.slug}` })
    const [stored] = await rows(room.app, 'articleRepresentations', { articleId: article.id })
    return { res, storedAt: Date.parse(stored?.lastModified as string) }
  }
  const first = await edit('First take')
  const second = await edit('Second take')
  t.ok(second.storedAt >= Math.floor(first.storedAt / 1000) * 1000 + 1000, 'stored in a later second')
  const since = first.res.headers['last-modified'] as string
  const revalidated = await room.app.inject({ url: `/v1/articles/${article.slug}`, headers: { 'if-modified-since': since } })
  t.equal(revalidated.statusCode, 200)
  t.equal(revalidated.json().subtitle, 'Second take')
})

t.test('a stored date still to come is not sent: a response never carries a Last-Modified later than its Date', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await updateRows(room.app, 'articleRepresentations', { lastModified: new Date(Date.now() + 60_000).toISOString() }, { articleId: article.id })
  const res = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['last-modified'], undefined)
  const revalidated = await room.app.inject({ url: `/v1/articles/${article.slug}`, headers: { 'if-none-match': res.headers.etag as string } })
  t.equal(revalidated.statusCode, 304)
  t.equal(revalidated.headers['last-modified'], undefined)
})

t.test('a read of an article queued by a write that changed nothing shown sends the stored Last-Modified', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  // Stored long before the content clock's last change, so that the two dates differ.
  await updateRows(room.app, 'articleRepresentations', { lastModified: '2026-01-05T08:00:00.000Z' }, { articleId: article.id })
  const before = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  await execute(room.app, {
    sqlite: sql`insert into article_representation_queue (article_id) values (${article.id}) on conflict do nothing`,
    postgres: sql`insert into article_representation_queue (article_id) values (${article.id}) on conflict do nothing`
  })
  const queued = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  t.equal(queued.headers.etag, before.headers.etag)
  t.equal(queued.headers['last-modified'], 'Mon, 05 Jan 2026 08:00:00 GMT')
})

/**
 * Dates every stored representation in an earlier second than now: one stored again within the second it was stored
 * is dated the second after (refreshedRepresentation), a moment away, and sent undated until then.
 */
async function storedLongAgo (app: FastifyInstance): Promise<void> {
  await updateRows(app, 'articleRepresentations', { lastModified: '2026-01-05T08:00:00.000Z' })
}

/** A refresher of the app's own, as its process runs one, and the messages it logs. */
function refresherOf (app: FastifyInstance, intervalMs = 0) {
  const logged: Array<{ level: string, message: string }> = []
  const log = { error: (_context: unknown, message: string) => logged.push({ level: 'error', message }), warn: (message: string) => logged.push({ level: 'warn', message }), info: (message: string) => logged.push({ level: 'info', message }) }
  const refresher = createRepresentationRefresher({ store: app.store, links: createWebAddresses(app.config), log, intervalMs, batchSize: 7 })
  return { refresh: () => refresher.refreshStale(), logged }
}

/** Dates the stored claim to render back by `ms`, as if its process had not renewed it since. */
async function ageClaim (app: FastifyInstance, ms: number): Promise<void> {
  const [claim] = await rows(app, 'settings', { key: 'representations_renderer' })
  const [renderedWith, leaseMs, seenAt] = (claim?.value as string).split(' ')
  await updateRows(app, 'settings', { value: `${renderedWith} ${leaseMs} ${new Date(Date.parse(seenAt as string) - ms).toISOString()}` }, { key: 'representations_renderer' })
}

async function storedUrl (app: FastifyInstance, slug: string): Promise<string> {
  const [stored] = await rows(app, 'articleRepresentations', { articleId: (await rows(app, 'articles', { slug }))[0]?.id })
  return JSON.parse(stored?.head as string).url
}

/**
 * Two processes on one database, the second with other web addresses, each having run its refresher once, the
 * second last: it holds the claim, and the first's article is stored as the second renders it.
 */
async function twoSites (t: Test, slug: string, secondIntervalMs = 0) {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const first = await buildTestApp(t, database)
  await insertStoredArticle(first, slug, { sectionId: await insertSection(first) })
  const firstRefresher = refresherOf(first)
  const storedFirst = await firstRefresher.refresh()
  const second = await buildTestApp(t, { ...database, siteUrl: 'https://news.example.org' })
  const storedSecond = await refresherOf(second, secondIntervalMs).refresh()
  return { first, second, firstRefresher, storedFirst, storedSecond }
}

t.test('of two processes with other web addresses on one database, the one started last stores the representations and the other leaves them alone', async (t) => {
  const { first, second, firstRefresher, storedFirst, storedSecond } = await twoSites(t, 'two-sites')
  t.equal(storedFirst, 1)
  t.equal(storedSecond, 1, 'the newer process renders it for its own addresses')

  t.equal(await firstRefresher.refresh(), 0, 'the older one does not render it back')
  t.equal(await firstRefresher.refresh(), 0)
  t.match(await storedUrl(first, 'two-sites'), /^https:\/\/news\.example\.org\//)
  t.match((await first.inject({ url: '/v1/articles/two-sites' })).json().url, /^https:\/\/www\.news\.test\//, 'its reads render with its own addresses')
  t.match((await second.inject({ url: '/v1/articles/two-sites' })).json().url, /^https:\/\/news\.example\.org\//)
  t.same(firstRefresher.logged.map((entry) => entry.level), ['warn'], 'it says so once')
  t.match(firstRefresher.logged[0]?.message, /PUBLIC_BASE_URL, SITE_URL/)
})

t.test('an article written through a process that is not the renderer waits for the renderer\'s refresher: its ETag moves once', async (t) => {
  const { first, second } = await twoSites(t, 'written-elsewhere')
  const [article] = await rows(first, 'articles', { slug: 'written-elsewhere' })
  const before = (await second.inject({ url: '/v1/articles/written-elsewhere' })).headers.etag
  const editor = await authHeader(first, 'editor')
  const res = await first.inject({ method: 'PATCH', url: `/v1/admin/articles/${article?.id}`, headers: editor, payload: { headline: 'Written elsewhere' } })
  t.equal(res.statusCode, 200)
  t.match(await storedUrl(first, 'written-elsewhere'), /^https:\/\/news\.example\.org\//, 'the stored form is still the renderer\'s')
  t.equal(await countRows(first, 'articleRepresentationQueue', { articleId: article?.id }), 1, 'the article is queued')
  t.equal((await first.inject({ url: '/v1/articles/written-elsewhere' })).json().headline, 'Written elsewhere', 'reads show the edit at once')
  t.equal(await refresherOf(second).refresh(), 1)
  const after = await second.inject({ url: '/v1/articles/written-elsewhere' })
  t.equal(after.json().headline, 'Written elsewhere')
  t.not(after.headers.etag, before)
  t.match(await storedUrl(second, 'written-elsewhere'), /^https:\/\/news\.example\.org\//)
})

t.test('when the process that stores the representations stops renewing its claim, another takes over once the lease has passed', async (t) => {
  const { first, firstRefresher } = await twoSites(t, 'taken-over')
  t.equal(await firstRefresher.refresh(), 0)

  await ageClaim(first, RENDERER_LEASE_MS - 5000)
  t.equal(await firstRefresher.refresh(), 0, 'within the lease, the claim holds')
  await ageClaim(first, 10_000)
  t.equal(await firstRefresher.refresh(), 1, 'past it, the first process renders the article for its addresses again')
  t.match(await storedUrl(first, 'taken-over'), /^https:\/\/www\.news\.test\//)
  t.same(firstRefresher.logged.map((entry) => entry.level), ['warn', 'info'])
})

t.test('a claim holds for the lease its process chose: one that renews seldom keeps it past the default lease', async (t) => {
  const { first, firstRefresher } = await twoSites(t, 'slow-renewal', 45_000)
  await ageClaim(first, RENDERER_LEASE_MS + 10_000)
  t.equal(await firstRefresher.refresh(), 0, 'three intervals of 45 s have not passed')
  t.match(await storedUrl(first, 'slow-renewal'), /^https:\/\/news\.example\.org\//)
})

t.test('a process whose public address is settled after its first round (PORT=0) keeps the claim it made before', async (t) => {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const app = await buildTestApp(t, database)
  await insertStoredArticle(app, 'port-zero', { sectionId: await insertSection(app) })
  const refresher = refresherOf(app)
  t.equal(await refresher.refresh(), 1)
  // As src/server.ts does once the socket listens.
  app.config.publicBaseUrl = 'http://127.0.0.1:43210'
  t.equal(await refresher.refresh(), 1, 'it renders the article again under its settled address')
  t.equal(await refresher.refresh(), 0)
  t.same(refresher.logged, [], 'it never yields to itself')
})

t.test('processes with the same web addresses share the claim: each stores what is queued', async (t) => {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const first = await buildTestApp(t, database)
  const id = await insertStoredArticle(first, 'shared', { sectionId: await insertSection(first) })
  const firstRefresher = refresherOf(first)
  await firstRefresher.refresh()
  const second = await buildTestApp(t, database)
  const secondRefresher = refresherOf(second)
  await secondRefresher.refresh()
  for (const refresher of [firstRefresher, secondRefresher]) {
    await execute(first, {
      sqlite: sql`insert into article_representation_queue (article_id) values (${id}) on conflict do nothing`,
      postgres: sql`insert into article_representation_queue (article_id) values (${id}) on conflict do nothing`
    })
    t.equal(await refresher.refresh(), 1)
  }
  t.same([...firstRefresher.logged, ...secondRefresher.logged], [], 'neither yields')
})

t.test('after random edits, every stored representation that is not queued equals the article as the writers\' view shows it', async (t) => {
  const room = await newsroom(t)
  const admin = await authHeader(room.app, 'admin')
  const other = { section: await insertSection(room.app, 'business'), author: await insertAuthor(room.app, 'li-wei'), tag: await insertTag(room.app, 'markets') }
  const ids: number[] = []
  for (const headline of ['First story', 'Second story', 'Third story']) ids.push((await createArticle(room, { headline, status: 'published', repliesEnabled: true })).id)
  const pick = fc.constantFrom(...ids)
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('patch' as const), id: pick, fields: fc.record({ subtitle: fc.string({ maxLength: 20 }), featured: fc.boolean(), sectionId: fc.constantFrom(room.sectionId, other.section), authorIds: fc.subarray([room.authorId, other.author], { minLength: 1 }), tagIds: fc.subarray([room.tagId, other.tag]) }, { requiredKeys: [] }) }),
    fc.record({ kind: fc.constant('rename' as const), what: fc.constantFrom('sections', 'authors', 'tags'), name: fc.stringMatching(/^[A-Z][a-z]{2,12}$/) }),
    fc.record({ kind: fc.constant('correct' as const), id: pick }),
    fc.record({ kind: fc.constant('withdraw' as const), id: pick }),
    fc.record({ kind: fc.constant('unpublish' as const), id: pick }),
    fc.record({ kind: fc.constant('publish' as const), id: pick }),
    fc.record({ kind: fc.constant('reply' as const), id: pick, approve: fc.boolean() }),
    fc.record({ kind: fc.constant('refresh' as const) }),
    fc.record({ kind: fc.constant('encode' as const) })
  )
  type Step = typeof edit extends fc.Arbitrary<infer S> ? S : never
  const apply = async (step: Step) => {
    const headers = room.editor
    // Sections are the site's navigation: only an admin changes them.
    switch (step.kind) {
      case 'patch': return patchArticle(room, step.id, step.fields)
      case 'rename': {
        const id = { sections: room.sectionId, authors: room.authorId, tags: room.tagId }[step.what]
        return room.app.inject({ method: 'PATCH', url: `/v1/admin/${step.what}/${id}`, headers: step.what === 'sections' ? admin : headers, payload: { name: step.name } })
      }
      case 'correct': return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${step.id}/corrections`, headers, payload: { kind: 'correction', text: 'A figure was wrong.' } })
      case 'withdraw': return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${step.id}/withdraw`, headers, payload: { reason: 'Could not be verified.' } })
      case 'unpublish': return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${step.id}/unpublish`, headers, payload: {} })
      case 'publish': return room.app.inject({ method: 'POST', url: `/v1/admin/articles/${step.id}/publish`, headers, payload: {} })
      case 'reply': {
        const slug = (await room.app.inject({ url: `/v1/admin/articles/${step.id}`, headers })).json().slug
        const reply = await room.app.inject({ method: 'POST', url: `/v1/articles/${slug}/replies`, payload: { authorName: 'Reader', authorEmail: 'reader@example.com', body: 'Thanks.' } })
        if (reply.statusCode !== 201) return reply
        return room.app.inject({ method: 'PATCH', url: `/v1/admin/replies/${reply.json().id}`, headers, payload: { status: step.approve ? 'approved' : 'rejected' } })
      }
      case 'encode': return encodePendingRepresentations(room.app.store, Number.POSITIVE_INFINITY)
      default: return refresh(room.app)
    }
  }
  const check = async () => {
    const queued = new Set((await rows(room.app, 'articleRepresentationQueue')).map((row) => row.articleId))
    const bodies = new Map((await rows(room.app, 'articleRepresentationBodies')).map((body) => [body.articleId, body]))
    const encodings = new Map((await rows(room.app, 'articleRepresentationEncodings')).map((encoding) => [encoding.articleId, encoding]))
    const toEncode = new Set((await rows(room.app, 'articleEncodingQueue')).map((row) => row.articleId))
    for (const stored of await rows(room.app, 'articleRepresentations')) {
      const encoding = encodings.get(stored.articleId)
      const sent = `${stored.head.slice(0, -1)},"bodyHtml":${bodies.get(stored.articleId)?.bodyHtml}}`
      if (encoding?.etag === stored.etag) {
        t.same([brotliDecompressSync(encoding.br).toString(), gunzipSync(encoding.gzip).toString()], [sent, sent], `article ${stored.articleId} as encoded`)
      } else if (!toEncode.has(stored.articleId)) {
        t.ok(Buffer.byteLength(sent) < COMPRESSION_THRESHOLD, `article ${stored.articleId} has its encodings, is queued for them, or goes as it is`)
      }
      if (queued.has(stored.articleId)) continue
      const expected = await expectedPublic(room, stored.articleId)
      const { body, bodyHtml, bodyText, ...head } = expected
      const forms = bodies.get(stored.articleId)
      t.same({ head: JSON.parse(stored.head), body: JSON.parse(forms?.bodyBlocks ?? 'null'), bodyHtml: JSON.parse(forms?.bodyHtml ?? 'null'), bodyText: JSON.parse(forms?.bodyText ?? 'null') }, { head, body, bodyHtml, bodyText }, `article ${stored.articleId}`)
    }
    for (const id of ids) {
      const expected = await expectedPublic(room, id)
      const shown = await read(room, expected.slug)
      if (shown.status === 200) t.same(shown.body, expected, `article ${id} as read`)
    }
  }
  await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), async (steps) => {
    for (const step of steps) await apply(step)
    await check()
  }), { numRuns: 12, seed: 13 })
  await refresh(room.app)
  t.equal(await countRows(room.app, 'articleRepresentationQueue'), 0)
  await check()
})

t.test('a rename written straight into the database queues the articles that show it all the same', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await updateRows(room.app, 'sections', { name: 'Renamed' }, { id: room.sectionId })
  t.equal(await refresh(room.app), 1)
  t.equal(JSON.parse((await rows(room.app, 'articleRepresentations', { articleId: article.id }))[0]?.head as string).section.name, 'Renamed')
})

t.test('a rename after a body edit stores the new body: a kept body never outlives its source', async (t) => {
  const room = await newsroom(t)
  const admin = await authHeader(room.app, 'admin')
  const article = await createArticle(room, { status: 'published' })
  const edited = [{ type: 'paragraph', text: 'The catch doubled this season.' }]
  t.equal((await patchArticle(room, article.id, { body: edited })).statusCode, 200)
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: admin, payload: { name: 'Renamed once' } })
  t.equal(await refresh(room.app), 1)
  t.match((await read(room, article.slug)).body, { section: { name: 'Renamed once' }, body: edited, bodyText: 'The catch doubled this season.' })
  // A script's edit, straight into the database, and a rename in the same round: the refresher sees both.
  await updateRows(room.app, 'articles', { body: [{ type: 'paragraph', text: 'Edited by a script.' }], bodyHtml: '<p>Edited by a script.</p>', bodyText: 'Edited by a script.' }, { id: article.id })
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: admin, payload: { name: 'Renamed twice' } })
  t.equal(await refresh(room.app), 1)
  const shown = (await read(room, article.slug)).body
  t.match(shown, { section: { name: 'Renamed twice' }, body: [{ type: 'paragraph', text: 'Edited by a script.' }], bodyHtml: '<p>Edited by a script.</p>', bodyText: 'Edited by a script.' })
  const rss = (await room.app.inject({ url: '/feeds/rss.xml' })).body
  t.match(rss, '&lt;p&gt;Edited by a script.&lt;/p&gt;', 'the feed item carries the new body too')
  t.notMatch(rss, '&lt;p&gt;The catch doubled', 'and not the old one (the excerpt, not a body form, still quotes it)')
})

t.test('a rename leaves a withdrawn article\'s body withheld, and a republished one gets its body back', async (t) => {
  const room = await newsroom(t)
  const admin = await authHeader(room.app, 'admin')
  const article = await createArticle(room, { status: 'published' })
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/withdraw`, headers: room.editor, payload: { reason: 'Could not be verified.' } })
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: admin, payload: { name: 'Renamed' } })
  await refresh(room.app)
  t.match((await read(room, article.slug)).body, { section: { name: 'Renamed' }, body: [], bodyHtml: '', bodyText: '' })
  // Withdrawal written straight into the database, undone: the body shows again after the next rename.
  await updateRows(room.app, 'articles', { withdrawnAt: null, withdrawnReason: null }, { id: article.id })
  await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: admin, payload: { name: 'Renamed again' } })
  await refresh(room.app)
  t.match((await read(room, article.slug)).body, { section: { name: 'Renamed again' }, bodyText: article.bodyText })
})

// Two PostgreSQL transactions side by side, each interleaving forced by a lock the test holds: the outbox's advisory
// lock, which an article write takes between its update of the article and the rendering of its representation, or
// a table lock that holds the refresher between its reading of an article and its writing.
const onPostgres = { skip: TEST_ENGINE !== 'postgres' && 'PostgreSQL only: SQLite has one writer at a time' }
const pause = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('a section renamed while an article is being published in it: the article shows the new name', onPostgres, async (t) => {
  const room = await newsroom(t)
  const admin = await authHeader(room.app, 'admin')
  const article = await createArticle(room)
  const holder = await (room.app.store as PostgresStore).handle.pool.connect()
  t.teardown(() => holder.release())
  await holder.query('select pg_advisory_lock($1)', [OUTBOX_LOCK])
  const publishing = patchArticle(room, article.id, { status: 'published' })
  await pause(500)
  const renaming = room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: admin, payload: { name: 'Renamed section' } })
  await pause(500)
  await holder.query('select pg_advisory_unlock($1)', [OUTBOX_LOCK])
  t.same((await Promise.all([publishing, renaming])).map((res) => res.statusCode), [200, 200])
  await refresh(room.app)
  t.equal((await read(room, article.slug)).body.section.name, 'Renamed section')
})

t.test('a section renamed while the refresher renders its article again keeps the article queued', onPostgres, async (t) => {
  const room = await newsroom(t)
  const admin = await authHeader(room.app, 'admin')
  const article = await createArticle(room, { status: 'published' })
  const pool = (room.app.store as PostgresStore).handle.pool
  await pool.query("update article_representations set rendered_with = 'an older version'")
  const holder = await pool.connect()
  t.teardown(() => holder.release())
  await holder.query('begin')
  await holder.query('lock table article_representations in share mode')
  const refreshing = refresh(room.app)
  await pause(500)
  t.equal((await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: admin, payload: { name: 'Renamed section' } })).statusCode, 200)
  await holder.query('commit')
  await refreshing
  t.equal(await countRows(room.app, 'articleRepresentationQueue', { articleId: article.id }), 1, 'the rename\'s entry stays')
  await refresh(room.app)
  t.equal(JSON.parse((await rows(room.app, 'articleRepresentations'))[0]?.head as string).section.name, 'Renamed section')
})
