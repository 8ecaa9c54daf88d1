// Public responses kept in memory for one generation of the public content (RESPONSE_CACHE_MB): a list or a feed asked
// for again is sent as it was made while nothing the public sees has changed, made afresh by the first request after
// a change, and never kept for, or sent to, a request with a token.
import t from 'tap'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../src/config.js'
import { encodeKept, type ContentCoding } from '../../src/shared/compression.js'
import { createResponseCache } from '../../src/shared/response-cache.js'
import { authHeader, buildTestApp, type Teardown } from '../helpers/app.js'
import { execute, rows, sql, updateRows } from '../helpers/db.js'
import { insertAuthor, insertSection, insertTag, SIMPLE_BODY } from '../helpers/fixtures.js'

const LIST = '/v1/articles?limit=5'
const FEED = '/feeds/rss.xml'

/** An app with two published articles and an editor's token. */
async function site (t: Teardown, overrides: Partial<Config> = {}) {
  const app = await buildTestApp(t, overrides)
  const editor = await authHeader(app, 'editor')
  const fields = { body: SIMPLE_BODY, sectionId: await insertSection(app), authorIds: [await insertAuthor(app)], tagIds: [await insertTag(app)], status: 'published' }
  const ids: number[] = []
  for (const headline of ['Fishermen return to Lake Chad', 'Rains return to the Sahel']) {
    const res = await app.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: { ...fields, headline } })
    if (res.statusCode !== 201) throw new Error(`creating an article failed: ${res.body}`)
    ids.push(res.json().id)
  }
  return { app, editor, ids }
}

/**
 * Rewrites what is stored for every article, bypassing the API: nothing moves the public clock, so a response made
 * from storage now differs from one kept in memory, and which of the two a request gets shows where it came from.
 */
async function alterStorage (app: FastifyInstance): Promise<void> {
  for (const stored of await rows(app, 'articleRepresentations')) {
    await updateRows(app, 'articleRepresentations', {
      summary: JSON.stringify({ ...JSON.parse(stored.summary), headline: 'Altered in storage' }),
      rssBefore: stored.rssBefore.replace(/<title>[^<]*<\/title>/, '<title>Altered in storage</title>')
    }, { articleId: stored.articleId })
  }
}

async function get (app: FastifyInstance, url: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`)
  return res
}

t.test('a list asked for again while nothing public has changed is the response kept in memory', async (t) => {
  const { app } = await site(t)
  const first = await get(app, LIST)
  await alterStorage(app)
  const again = await get(app, LIST)
  t.equal(again.body, first.body)
  t.equal(again.headers.etag, first.headers.etag)
  t.equal(again.headers['last-modified'], first.headers['last-modified'])
  t.equal(again.headers['surrogate-key'], first.headers['surrogate-key'])
  t.equal(again.headers['content-type'], 'application/json; charset=utf-8')
  t.notMatch(again.body, 'Altered in storage')
})

t.test('a feed asked for again while nothing public has changed is the feed kept in memory', async (t) => {
  const { app } = await site(t)
  const first = await get(app, FEED)
  await alterStorage(app)
  const again = await get(app, FEED)
  t.equal(again.body, first.body)
  t.equal(again.headers['content-type'], 'application/rss+xml; charset=utf-8')
})

t.test('the first request after a change the public sees gets a response made afresh', async (t) => {
  const { app, editor, ids } = await site(t)
  await get(app, LIST)
  await get(app, FEED)
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${ids[0]}`, headers: editor, payload: { headline: 'Fishermen leave Lake Chad' } })
  t.equal(res.statusCode, 200)
  t.match((await get(app, LIST)).json().data.map((item: { headline: string }) => item.headline), ['Rains return to the Sahel', 'Fishermen leave Lake Chad'])
  t.match((await get(app, FEED)).body, '<title>Fishermen leave Lake Chad</title>')
})

t.test('a change the public cannot see keeps the kept response: a draft saved meanwhile', async (t) => {
  const { app, editor } = await site(t)
  const first = await get(app, LIST)
  const draft = await app.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: { headline: 'Not yet', body: SIMPLE_BODY, sectionId: (await rows(app, 'sections'))[0]?.id } })
  t.equal(draft.statusCode, 201)
  await alterStorage(app)
  t.equal((await get(app, LIST)).body, first.body)
})

t.test('a revalidation of a kept response is a 304 that names it', async (t) => {
  const { app } = await site(t)
  const first = await get(app, LIST)
  const res = await app.inject({ url: LIST, headers: { 'if-none-match': first.headers.etag as string } })
  t.equal(res.statusCode, 304)
  t.equal(res.body, '')
  t.equal(res.headers.etag, first.headers.etag)
  t.equal(res.headers['cache-control'], first.headers['cache-control'])
})

t.test('each response from memory carries its own request id and CORS headers, compressed when asked', async (t) => {
  const { app } = await site(t)
  const origin = 'https://www.worldweekly.example'
  const first = await get(app, LIST, { origin })
  const again = await get(app, LIST, { origin, 'accept-encoding': 'gzip' })
  t.not(again.headers['x-request-id'], first.headers['x-request-id'])
  t.equal(again.headers['access-control-allow-origin'], origin)
  t.equal(again.headers['content-encoding'], 'gzip')
  t.equal(again.headers['x-content-type-options'], 'nosniff')
})

t.test('a feed from memory is sent in the coding the client prefers, the same bytes once decoded, with the same validators', async (t) => {
  const { app } = await site(t)
  const first = await get(app, FEED)
  for (const [acceptEncoding, coding, decode] of [['gzip', 'gzip', gunzipSync], ['gzip, deflate, br', 'br', brotliDecompressSync]] as const) {
    const res = await app.inject({ url: FEED, headers: { 'accept-encoding': acceptEncoding } })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['content-encoding'], coding, acceptEncoding)
    t.equal(Number(res.headers['content-length']), res.rawPayload.length)
    t.equal(decode(res.rawPayload).toString(), first.body)
    t.equal(res.headers.etag, first.headers.etag)
    t.match(res.headers.vary, /accept-encoding/i)
  }
  t.notOk('content-encoding' in (await get(app, FEED, { 'accept-encoding': 'identity' })).headers, 'identity is sent as it is')
})

t.test('a response from memory is in the coding the same request gets when its response is made afresh', async (t) => {
  const kept = (await site(t)).app
  const afresh = (await site(t, { responseCacheMb: 0 })).app
  await get(kept, FEED)
  for (const acceptEncoding of ['gzip', 'br', 'gzip, deflate, br', '*', 'x-gzip', 'identity, gzip;q=0.5', 'identity;q=0, gzip;q=0.1', 'gzip;q=0', 'deflate', 'GZIP']) {
    const fromMemory = await get(kept, FEED, { 'accept-encoding': acceptEncoding })
    const madeAfresh = await get(afresh, FEED, { 'accept-encoding': acceptEncoding })
    t.equal(fromMemory.headers['content-encoding'], madeAfresh.headers['content-encoding'], acceptEncoding)
  }
  t.equal(kept.responseCache.misses, 1, 'every one of them was sent from memory')
})

t.test('a revalidation of a kept response by a client that accepts gzip is a 304 that names no coding', async (t) => {
  const { app } = await site(t)
  const first = await get(app, FEED)
  const res = await app.inject({ url: FEED, headers: { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag as string } })
  t.equal(res.statusCode, 304)
  t.equal(res.body, '')
  t.notOk('content-encoding' in res.headers)
})

t.test('a kept response is encoded once for each coding, however many ask at once, and its encodings count against the cache\'s bytes', async (t) => {
  const encoded: ContentCoding[] = []
  const cache = createResponseCache(64 * 1024, async (payload, coding) => {
    encoded.push(coding)
    return encodeKept(payload, coding)
  })
  cache.get('feed', 'g1')
  cache.set('feed', { generation: 'g1', payload: Buffer.alloc(4000, 'news '), headers: {} })
  const bytes = cache.size
  const kept = cache.get('feed', 'g1')
  const [gzip, again] = await Promise.all([kept?.encoded('gzip'), kept?.encoded('gzip')])
  t.equal(gzip, again)
  await cache.get('feed', 'g1')?.encoded('gzip')
  await cache.get('feed', 'g1')?.encoded('br')
  t.same(encoded, ['gzip', 'br'])
  t.equal(cache.size, bytes + (gzip?.length ?? 0) + (await kept?.encoded('br'))!.length)
})

t.test('an encoding finished after its response was dropped is not counted', async (t) => {
  const cache = createResponseCache(64 * 1024, encodeKept)
  cache.get('feed', 'g1')
  cache.set('feed', { generation: 'g1', payload: Buffer.alloc(4000, 'news '), headers: {} })
  const encoding = cache.get('feed', 'g1')?.encoded('gzip')
  cache.get('feed', 'g2')
  t.ok((await encoding)?.length, 'the request waiting still gets the bytes')
  t.equal(cache.size, 0)
})

t.test('requests that miss at once wait for the first to make the response, and are sent what it kept', async (t) => {
  const { app } = await site(t)
  const [first, ...others] = await Promise.all(Array.from({ length: 5 }, async () => get(app, LIST)))
  for (const other of others) {
    t.equal(other.body, first?.body)
    t.equal(other.headers.etag, first?.headers.etag)
  }
  t.equal(app.responseCache.misses, 1, 'one made it')
  t.equal(app.responseCache.hits, 4)
})

t.test('requests that waited for a response that was not kept are each answered afresh, and nothing is kept', async (t) => {
  const { app } = await site(t)
  const missing = '/v1/sections/nowhere'
  const answers = await Promise.all(Array.from({ length: 3 }, async () => app.inject({ url: missing })))
  t.same(answers.map((res) => res.statusCode), [404, 404, 404])
  t.equal(app.responseCache.misses, 3, 'each found nothing kept, and made its own answer')
  t.equal(app.responseCache.size, 0)
})

t.test('a request with a token is neither answered from memory nor kept for others', async (t) => {
  const { app, editor } = await site(t)
  const anonymous = await get(app, LIST)
  await get(app, FEED, editor)
  await alterStorage(app)
  const withToken = await get(app, LIST, editor)
  t.match(withToken.body, 'Altered in storage', 'the token\'s request read storage')
  t.equal(withToken.headers['cache-control'], 'private, max-age=60')
  t.equal((await get(app, LIST)).body, anonymous.body, 'the public\'s response is still the one kept')
  t.match((await get(app, FEED)).body, 'Altered in storage', 'the feed the token read was not kept for the public')
})

t.test('with RESPONSE_CACHE_MB=0 nothing is kept: every request reads storage', async (t) => {
  const { app } = await site(t, { responseCacheMb: 0 })
  await get(app, LIST)
  await alterStorage(app)
  t.match((await get(app, LIST)).body, 'Altered in storage')
})

t.test('every write of the public clock names a new generation, even one that leaves its time as it was', async (t) => {
  const app = await buildTestApp(t)
  const generation = async () => (await rows(app, 'settings', { key: 'content_generation' }))[0]?.value
  const before = await generation()
  t.match(before, /^[0-9a-f]{16,32}$/)
  await execute(app, {
    sqlite: sql`update settings set value = value where key = 'content_changed_at'`,
    postgres: sql`update settings set value = value where key = 'content_changed_at'`
  })
  const after = await generation()
  t.match(after, /^[0-9a-f]{16,32}$/)
  t.not(after, before)
})

t.test('the cache keeps the most recently used responses within its bytes, and one generation at a time', async (t) => {
  const payload = (size: number) => Buffer.alloc(size, 'x')
  const cache = createResponseCache(8 * 1024, encodeKept)
  cache.get('a', 'g1')
  cache.set('a', { generation: 'g1', payload: payload(1500), headers: {} })
  cache.set('b', { generation: 'g1', payload: payload(1500), headers: {} })
  cache.get('a', 'g1')
  cache.set('c', { generation: 'g1', payload: payload(1500), headers: {} })
  cache.set('d', { generation: 'g1', payload: payload(1500), headers: {} })
  cache.set('e', { generation: 'g1', payload: payload(1500), headers: {} })
  t.ok(cache.size <= 8 * 1024)
  t.equal(cache.get('b', 'g1'), undefined, 'the least recently used went first')
  t.ok(cache.get('a', 'g1'), 'one used again stayed')
  t.ok(cache.get('e', 'g1'))
  t.equal(cache.get('a', 'g2'), undefined, 'another generation finds nothing kept from the last')
  t.equal(cache.size, 0)
  cache.set('a', { generation: 'g1', payload: payload(10), headers: {} })
  t.equal(cache.get('a', 'g2'), undefined, 'a response made from an older generation than the last seen is not kept')
  cache.set('big', { generation: 'g2', payload: payload(4 * 1024), headers: {} })
  t.equal(cache.get('big', 'g2'), undefined, 'a response that would take a quarter of the room or more is not kept')
})

t.test('a small response kept holds its own bytes, not the shared pool its payload was cut from', async (t) => {
  const cache = createResponseCache(8 * 1024, encodeKept)
  // Buffer.from of a short string is a view into an 8 KiB slab shared with other allocations.
  const payload = Buffer.from('{"data":[],"meta":{"nextCursor":null,"limit":20}}')
  t.ok(payload.buffer.byteLength > payload.length, 'the payload is a view into a larger pool')
  cache.get('small', 'g1')
  cache.set('small', { generation: 'g1', payload, headers: {} })
  const kept = cache.get('small', 'g1')
  t.same(kept?.payload, payload)
  t.equal(kept?.payload.buffer.byteLength, payload.length, 'the memory kept is the bytes counted')
})

t.test('a short encoding kept holds its own bytes, not the block zlib or the pool cut it from', async (t) => {
  const cache = createResponseCache(64 * 1024, encodeKept)
  cache.get('list', 'g1')
  cache.set('list', { generation: 'g1', payload: Buffer.alloc(1200, 'news '), headers: {} })
  for (const coding of ['br', 'gzip'] as const) {
    const encoded = await cache.get('list', 'g1')?.encoded(coding)
    t.equal(encoded?.buffer.byteLength, encoded?.length, coding)
  }
})

t.test('requests that differ only in their headers share one kept response, so no client can fill the cache with copies', async (t) => {
  const { app } = await site(t)
  await get(app, LIST, { accept: 'application/json' })
  const bytes = app.responseCache.size
  for (const accept of ['application/json;q=0.9', '*/*', 'application/json, text/plain']) await get(app, LIST, { accept })
  t.equal(app.responseCache.size, bytes)
  t.equal(app.responseCache.hits, 3)
})
