// The stored representations compressed once per change, in brotli and gzip, and sent as stored to the clients that
// accept a coding: never bytes of a representation that has changed since.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { authHeader, buildTestApp, lastingDatabase, TEST_ENGINE } from '../../helpers/app.js'
import { countRows, execute, rows, sql } from '../../helpers/db.js'
import { insertSection, insertStoredArticle } from '../../helpers/fixtures.js'
import type { PostgresStore } from '../../../src/db/postgres-store.js'
import { createWebAddresses } from '../../../src/shared/web-addresses.js'
import { encodePendingRepresentations } from '../../../src/modules/articles/articles.encoder.js'
import { createRepresentationRefresher } from '../../../src/modules/articles/articles.refresher.js'
import { createArticle, newsroom, patchArticle, type Newsroom } from './newsroom.js'

async function encodeAll (app: FastifyInstance): Promise<number> {
  return encodePendingRepresentations(app.store, Number.POSITIVE_INFINITY)
}

async function encodingOf (app: FastifyInstance, articleId: number) {
  const [encoding] = await rows(app, 'articleRepresentationEncodings', { articleId })
  const [representation] = await rows(app, 'articleRepresentations', { articleId })
  return { encoding, representation, queued: await countRows(app, 'articleEncodingQueue', { articleId }) === 1 }
}

/** A read by a client that accepts the coding, and its body decoded. */
async function readIn (room: Newsroom, slug: string, coding: 'br' | 'gzip', query = '', headers: Record<string, string> = {}) {
  const res = await room.app.inject({ url: `/v1/articles/${slug}${query}`, headers: { 'accept-encoding': coding, ...headers } })
  const encoded = res.rawPayload
  const decoded = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(encoded) : res.headers['content-encoding'] === 'gzip' ? gunzipSync(encoded) : encoded
  return { res, encoded, text: decoded.toString() }
}

t.test('a stored representation is queued for compressing in the write that stores it, and the refresher compresses it in both codings', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  const pending = await encodingOf(room.app, article.id)
  t.same({ queued: pending.queued, encoding: pending.encoding }, { queued: true, encoding: undefined })
  const refresher = createRepresentationRefresher({ store: room.app.store, links: createWebAddresses(room.app.config), log: room.app.log, intervalMs: 10 })
  refresher.start()
  t.teardown(() => refresher.stop())
  for (let tries = 0; (await encodingOf(room.app, article.id)).queued && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 10))
  const { encoding, representation, queued } = await encodingOf(room.app, article.id)
  t.same({ queued, etag: encoding?.etag }, { queued: false, etag: representation?.etag })
  const identity = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  t.equal(brotliDecompressSync(encoding?.br as Buffer).toString(), identity.body)
  t.equal(gunzipSync(encoding?.gzip as Buffer).toString(), identity.body)
})

t.test('a client that accepts brotli or gzip is sent the stored bytes in that coding, with the ETag of the article as JSON', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  t.equal(await encodeAll(room.app), 1)
  const identity = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  const { encoding } = await encodingOf(room.app, article.id)
  for (const coding of ['br', 'gzip'] as const) {
    const { res, encoded, text } = await readIn(room, article.slug, coding)
    t.equal(res.statusCode, 200)
    t.equal(res.headers['content-encoding'], coding)
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
    t.equal(res.headers['content-length'], String(encoded.length))
    t.match(res.headers.vary, /accept-encoding/)
    t.equal(res.headers.etag, identity.headers.etag)
    t.equal(res.headers['last-modified'], identity.headers['last-modified'])
    t.equal(res.headers['surrogate-key'], identity.headers['surrogate-key'])
    t.ok(encoded.equals(encoding?.[coding] as Buffer), `${coding}: the stored bytes, not compressed again`)
    t.equal(text, identity.body)
  }
})

t.test('an edit queues its article for compressing again in the same write, and until it is a read is compressed for itself', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await encodeAll(room.app)
  const before = (await encodingOf(room.app, article.id)).encoding
  t.equal((await patchArticle(room, article.id, { subtitle: 'Rains return to the lake' })).statusCode, 200)
  const { encoding, representation, queued } = await encodingOf(room.app, article.id)
  t.ok(queued)
  t.not(encoding?.etag, representation?.etag, 'the old encodings stay until they are replaced, and are not sent')
  const { res, encoded, text } = await readIn(room, article.slug, 'br')
  t.equal(res.headers['content-encoding'], 'br')
  t.notOk(encoded.equals(before?.br as Buffer))
  t.equal(JSON.parse(text).subtitle, 'Rains return to the lake')
  t.equal(text, (await room.app.inject({ url: `/v1/articles/${article.slug}` })).body)
  t.equal(await encodeAll(room.app), 1)
  t.ok((await readIn(room, article.slug, 'br')).encoded.equals((await encodingOf(room.app, article.id)).encoding?.br as Buffer))
})

t.test('a rename refreshed by the refresher leaves no encoding of the old name to be sent', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await encodeAll(room.app)
  t.equal((await room.app.inject({ method: 'PATCH', url: `/v1/admin/sections/${room.sectionId}`, headers: await authHeader(room.app, 'admin'), payload: { name: 'Lakes' } })).statusCode, 200)
  t.equal(JSON.parse((await readIn(room, article.slug, 'gzip')).text).section.name, 'Lakes', 'queued: rendered afresh')
  await createRepresentationRefresher({ store: room.app.store, links: createWebAddresses(room.app.config), log: room.app.log, intervalMs: 0 }).refreshStale()
  t.ok((await encodingOf(room.app, article.id)).queued, 'stored again under another ETag: queued')
  t.equal(JSON.parse((await readIn(room, article.slug, 'gzip')).text).section.name, 'Lakes')
  await encodeAll(room.app)
  t.equal(JSON.parse((await readIn(room, article.slug, 'gzip')).text).section.name, 'Lakes', 'as stored')
})

t.test('other forms than the default, and a client that refuses compression, get what they ask for', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await encodeAll(room.app)
  const text = await readIn(room, article.slug, 'br', '?formats=text')
  t.equal(text.res.headers['content-encoding'], 'br')
  t.same(Object.keys(JSON.parse(text.text)).filter((key) => key.startsWith('body')), ['bodyText'])
  const refused = await readIn(room, article.slug, 'br', '', { 'x-no-compression': '1' })
  t.equal(refused.res.headers['content-encoding'], undefined)
  t.equal(refused.text, (await room.app.inject({ url: `/v1/articles/${article.slug}` })).body)
  const identity = await room.app.inject({ url: `/v1/articles/${article.slug}`, headers: { 'accept-encoding': 'identity' } })
  t.equal(identity.headers['content-encoding'], undefined)
})

t.test('a revalidation in a coding is a 304 from the stored validators, and a HEAD describes the stored bytes', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await encodeAll(room.app)
  const { res } = await readIn(room, article.slug, 'br')
  const again = await readIn(room, article.slug, 'br', '', { 'if-none-match': res.headers.etag as string })
  t.equal(again.res.statusCode, 304)
  t.equal(again.res.body, '')
  t.equal(again.res.headers['content-encoding'], undefined)
  t.equal(again.res.headers.etag, res.headers.etag)
  const changed = await readIn(room, article.slug, 'br', '', { 'if-none-match': 'W/"an-older-version"' })
  t.equal(changed.res.statusCode, 200)
  t.ok(changed.encoded.equals(res.rawPayload), 'a tag that no longer matches is sent the stored bytes')
  const head = await room.app.inject({ method: 'HEAD', url: `/v1/articles/${article.slug}`, headers: { 'accept-encoding': 'br' } })
  t.equal(head.statusCode, 200)
  t.equal(head.body, '')
  t.equal(head.headers['content-encoding'], 'br')
  t.equal(head.headers['content-length'], res.headers['content-length'])
})

t.test('unpublishing an article drops its encodings with its representation, and its place in the queue', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await encodeAll(room.app)
  await patchArticle(room, article.id, { subtitle: 'Queued again' })
  await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/unpublish`, headers: room.editor, payload: {} })
  t.same([await countRows(room.app, 'articleRepresentationEncodings'), await countRows(room.app, 'articleEncodingQueue')], [0, 0])
  t.equal((await readIn(room, article.slug, 'br')).res.statusCode, 404)
})

t.test('instances sharing a PostgreSQL database compress each pending article once between them', { skip: TEST_ENGINE !== 'postgres' && 'PostgreSQL only: SQLite has one writer at a time' }, async (t) => {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const [first, second] = [await buildTestApp(t, database), await buildTestApp(t, database)] as [FastifyInstance, FastifyInstance]
  const sectionId = await insertSection(first)
  for (let i = 0; i < 160; i++) await insertStoredArticle(first, `story-${i}`, { sectionId })
  await createRepresentationRefresher({ store: first.store, links: createWebAddresses(first.config), log: first.log, intervalMs: 0 }).refreshStale()
  const counts = await Promise.all([encodeAll(first), encodeAll(second)])
  t.equal(counts[0] + counts[1], 160, `${counts.join(' and ')}: none compressed twice`)
  t.equal(await countRows(first, 'articleEncodingQueue'), 0)
})

t.test('an article queued for compressing whose body was changed behind the API waits until the refresher has stored the new body', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { status: 'published' })
  await encodeAll(room.app)
  const changed = '<p>Changed straight in the database.</p>'
  await execute(room.app, {
    sqlite: sql`update articles set body_html = ${changed} where id = ${article.id}`,
    postgres: sql`update articles set body_html = ${changed} where id = ${article.id}`
  })
  await execute(room.app, {
    sqlite: sql`insert into article_encoding_queue (article_id) values (${article.id})`,
    postgres: sql`insert into article_encoding_queue (article_id) values (${article.id})`
  })
  t.equal(await encodeAll(room.app), 0, 'its stored body is gone: nothing to compress yet')
  t.ok((await encodingOf(room.app, article.id)).queued)
  await createRepresentationRefresher({ store: room.app.store, links: createWebAddresses(room.app.config), log: room.app.log, intervalMs: 0 }).refreshStale()
  t.equal(await encodeAll(room.app), 1)
  t.equal(JSON.parse((await readIn(room, article.slug, 'br')).text).bodyHtml, changed)
})

t.test('an article shorter than the compression threshold is stored without encodings and goes as it is, however it is read', async (t) => {
  const room = await newsroom(t)
  const article = await createArticle(room, { headline: 'Tiny', body: [{ type: 'paragraph', text: 'Short.' }], authorIds: [], tagIds: [], status: 'published' })
  const identity = await room.app.inject({ url: `/v1/articles/${article.slug}` })
  t.ok(identity.rawPayload.length < 1024, `${identity.rawPayload.length} bytes`)
  t.equal(await encodeAll(room.app), 1)
  const { encoding, queued } = await encodingOf(room.app, article.id)
  t.same({ encoding, queued }, { encoding: undefined, queued: false })
  const { res, text } = await readIn(room, article.slug, 'br')
  t.equal(res.headers['content-encoding'], undefined)
  t.equal(text, identity.body)
})

t.test('a batch compresses no more than 256 KB of articles: the rest wait for the next one', async (t) => {
  const room = await newsroom(t)
  const paragraph = { type: 'paragraph', text: 'The water has risen for a third year in a row, and the boats are back. '.repeat(130) }
  for (const headline of ['First long read', 'Second long read', 'Third long read']) {
    t.equal((await createArticle(room, { headline, body: Array.from({ length: 16 }, () => paragraph), status: 'published' })).headline, headline)
  }
  t.equal(await encodePendingRepresentations(room.app.store, 0), 2, 'two of about 150 KB')
  t.equal(await countRows(room.app, 'articleEncodingQueue'), 1)
})

t.test('a write that stores a representation again while the encoder holds its article keeps the article queued', { skip: TEST_ENGINE !== 'postgres' && 'PostgreSQL only: on SQLite the encoder holds the whole database' }, async (t) => {
  const database = await lastingDatabase(t, t.testdir() + '/news.db')
  const [encoder, writer] = [await buildTestApp(t, database), await buildTestApp(t, database)] as [FastifyInstance, FastifyInstance]
  const room = await newsroom(t, writer)
  const article = await createArticle(room, { status: 'published' })
  const pause = async (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  let write: Promise<unknown> = Promise.resolve()
  await encoder.store.transaction(async ({ articles }) => {
    const [pending] = await articles.pendingEncodings(16)
    // A writer that stores the representation under another ETag and commits only after the encoder has.
    write = (writer.store as PostgresStore).handle.db.transaction(async (tx) => {
      await tx.execute(sql`update article_representations set etag = etag || 'x' where article_id = ${article.id}`)
      await pause(300)
    })
    await pause(100)
    await articles.storeEncodings([{ articleId: article.id, etag: pending?.etag as string, codings: { br: Buffer.from('old'), gzip: Buffer.from('old') } }])
  })
  await write
  const { encoding, representation, queued } = await encodingOf(writer, article.id)
  t.not(encoding?.etag, representation?.etag)
  t.ok(queued, 'queued again for the write')
})
