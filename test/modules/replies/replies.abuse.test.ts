import t from 'tap'
import { createHmac } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../../../src/config.js'
import { authHeader, buildTestApp, TEST_ENGINE } from '../../helpers/app.js'
import { countRows, row, rows, updateRows } from '../../helpers/db.js'
import { insertSection } from '../../helpers/fixtures.js'
import { insertArticle, insertReply, PROBLEM, publicIds, READER, SLUG, submit, thread } from './replies-fixtures.js'

const reader = (n: number) => ({ ...READER, authorEmail: `reader${n}@example.org`, body: `Reply number ${n}.` })

t.test('a filled honeypot gets the answer a person gets, but the reply is filed as spam and never shown', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  const res = await submit(app, { ...READER, website: 'https://cheap-nets.example' })
  t.equal(res.statusCode, 202)
  t.same(Object.keys(res.json()).sort(), ['createdAt', 'id', 'status'])
  t.match(res.json(), { id: Number, status: 'pending' })
  t.match(await row(app, 'replies', { id: res.json().id }), { status: 'spam', body: READER.body })
  t.same(await publicIds(app), [])
  const editor = await authHeader(app, 'editor')
  t.same((await app.inject({ url: '/v1/admin/replies', headers: editor })).json().data, [], 'not in the pending queue')
  t.match((await app.inject({ url: '/v1/admin/replies?status=spam', headers: editor })).json().data, [{ id: res.json().id }], 'but a moderator can find it')
})

t.test('a filled honeypot is answered as approved where a person would be approved, and still hidden', async (t) => {
  const app = await buildTestApp(t, { repliesAutoApprove: true })
  await insertArticle(app)
  const res = await submit(app, { ...READER, website: 'spam' })
  t.equal(res.statusCode, 202)
  t.match(res.json(), { status: 'approved' })
  t.match(await row(app, 'replies'), { status: 'spam' })
  t.same(await publicIds(app), [])
})

t.test('an empty or blank honeypot is what a person sends', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  t.equal((await submit(app, { ...reader(1), website: '' })).statusCode, 202)
  t.equal((await submit(app, { ...reader(2), website: '  ' })).statusCode, 202)
  t.same((await rows(app, 'replies')).map(({ status }) => ({ status })), [{ status: 'pending' }, { status: 'pending' }])
})

t.test('an article with replies closed refuses new ones with 409 and still shows the old ones', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app, SLUG, { repliesEnabled: false })
  const old = await insertReply(app, articleId, 'approved')
  const res = await submit(app, READER)
  t.equal(res.statusCode, 409)
  t.match(res.headers['content-type'], PROBLEM)
  t.match(res.json(), {
    code: 'REPLIES_CLOSED',
    detail: 'Replies to this article are closed: the newsroom takes no new ones. The replies already published stay readable.'
  })
  t.equal(await countRows(app, 'replies'), 1)
  const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.equal(list.statusCode, 200)
  t.match(list.json(), { data: [{ id: old }], meta: { total: 1, repliesEnabled: false } })
})

t.test('the public thread says when replies are open', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  t.match((await app.inject({ url: `/v1/articles/${SLUG}/replies` })).json().meta, { repliesEnabled: true })
})

t.test('the same email and text on the same article within a minute is refused with 409', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  t.equal((await submit(app, READER)).statusCode, 202)
  const again = await submit(app, { ...READER, authorName: 'A. Bello', authorEmail: 'Amina.Bello@Example.org', body: `  ${READER.body}\n` })
  t.equal(again.statusCode, 409)
  t.match(again.headers['content-type'], PROBLEM)
  t.match(again.json(), {
    code: 'DUPLICATE_REPLY',
    detail: 'The same reply from the same email address reached this article less than a minute ago, so this one was not stored again.'
  })
  t.equal(await countRows(app, 'replies'), 1)
})

t.test('a duplicate is only the same text from the same email on the same article in the last minute', async (t) => {
  const app = await buildTestApp(t, { repliesPerMinute: 100 })
  const articleId = await insertArticle(app)
  await insertArticle(app, 'maradi-opens-its-grain-reserve')
  await insertReply(app, articleId, 'pending', { ...READER, createdAt: new Date(Date.now() - 61_000).toISOString() })
  t.equal((await submit(app, READER)).statusCode, 202, 'the earlier one is over a minute old')
  t.equal((await submit(app, { ...READER, body: 'Something else.' })).statusCode, 202, 'other text')
  t.equal((await submit(app, { ...READER, authorEmail: 'someone.else@example.org' })).statusCode, 202, 'another email')
  t.equal((await submit(app, READER, 'maradi-opens-its-grain-reserve')).statusCode, 202, 'another article')
})

t.test('the sixth reply from one address within a minute answers 429 problem+json with Retry-After', async (t) => {
  const app = await buildTestApp(t)
  await insertArticle(app)
  for (let n = 1; n <= 5; n++) {
    const res = await submit(app, reader(n))
    t.equal(res.statusCode, 202, `reply ${n}`)
    t.equal(res.headers['x-ratelimit-remaining'], String(5 - n))
  }
  const res = await submit(app, reader(6))
  t.equal(res.statusCode, 429)
  t.match(res.headers['content-type'], PROBLEM)
  t.match(res.headers['retry-after'], /^\d+$/)
  t.ok(Number(res.headers['retry-after']) > 0 && Number(res.headers['retry-after']) <= 60)
  t.match(res.json(), {
    status: 429,
    title: 'Too Many Requests',
    code: 'TOO_MANY_REPLIES',
    detail: `This address may submit 5 replies a minute. Try again in ${res.headers['retry-after']} s, as Retry-After says.`
  })
  t.equal(await countRows(app, 'replies'), 5)
})

t.test('the limit follows REPLIES_PER_MINUTE and covers only submissions', async (t) => {
  const app = await buildTestApp(t, { repliesPerMinute: 2 })
  await insertArticle(app)
  t.equal((await submit(app, reader(1))).statusCode, 202)
  t.equal((await submit(app, reader(2))).statusCode, 202)
  t.equal((await submit(app, reader(3))).statusCode, 429)
  for (let n = 0; n < 5; n++) {
    const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
    t.equal(list.statusCode, 200)
    t.equal(list.headers['x-ratelimit-limit'], undefined)
  }
})

t.test('a submission the schema refuses does not count against the limit', async (t) => {
  const app = await buildTestApp(t, { repliesPerMinute: 1 })
  await insertArticle(app)
  for (let n = 0; n < 3; n++) t.equal((await submit(app, { ...READER, authorEmail: 'typo' })).statusCode, 400)
  t.equal((await submit(app, READER)).statusCode, 202)
})

t.test('without TRUST_PROXY the limit is per connection and X-Forwarded-For is ignored', async (t) => {
  const app = await buildTestApp(t, { trustProxy: false })
  await insertArticle(app)
  for (let n = 1; n <= 5; n++) {
    t.equal((await submit(app, reader(n), SLUG, { 'x-forwarded-for': `203.0.113.${n}` })).statusCode, 202)
  }
  t.equal((await submit(app, reader(6), SLUG, { 'x-forwarded-for': '203.0.113.6' })).statusCode, 429, 'a new forwarded address does not reset it')
  const other = await app.inject({ method: 'POST', url: `/v1/articles/${SLUG}/replies`, payload: reader(7), remoteAddress: '198.51.100.7' })
  t.equal(other.statusCode, 202, 'another connection has its own limit')
})

// A proxy appends the address it saw to X-Forwarded-For; what comes before it is whatever the client wrote.
const PROXY = '10.0.0.2'
const forwardedBy = (app: FastifyInstance, n: number, forwardedFor: string, remoteAddress = PROXY) => app.inject({
  method: 'POST', url: `/v1/articles/${SLUG}/replies`, payload: reader(n), remoteAddress, headers: { 'x-forwarded-for': forwardedFor }
})
const trusting = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy

t.test('behind a trusted proxy, addresses a client writes into X-Forwarded-For do not reset its limit', async (t) => {
  const app = await buildTestApp(t, { trustProxy: trusting(PROXY) })
  await insertArticle(app)
  const statuses = []
  for (let n = 1; n <= 20; n++) statuses.push((await forwardedBy(app, n, `203.0.113.${n}, 198.51.100.7`)).statusCode)
  t.same(statuses, [...Array(5).fill(202), ...Array(15).fill(429)])
})

t.test('behind a trusted range of proxies, addresses a client writes into X-Forwarded-For do not reset its limit', async (t) => {
  const app = await buildTestApp(t, { trustProxy: trusting('10.0.0.0/8') })
  await insertArticle(app)
  const statuses = []
  for (let n = 1; n <= 20; n++) statuses.push((await forwardedBy(app, n, `203.0.113.${n}, 198.51.100.7`)).statusCode)
  t.same(statuses, [...Array(5).fill(202), ...Array(15).fill(429)])
})

t.test('behind a trusted proxy, each real client has a limit of its own', async (t) => {
  const app = await buildTestApp(t, { trustProxy: trusting(PROXY) })
  await insertArticle(app)
  for (let n = 1; n <= 5; n++) t.equal((await forwardedBy(app, n, '198.51.100.7')).statusCode, 202)
  t.equal((await forwardedBy(app, 6, '198.51.100.7')).statusCode, 429)
  t.equal((await forwardedBy(app, 7, '198.51.100.8')).statusCode, 202, 'another reader behind the same proxy')
})

t.test('a client that is not a trusted proxy is limited by its own address, whatever X-Forwarded-For says', async (t) => {
  const app = await buildTestApp(t, { trustProxy: trusting('10.0.0.0/8') })
  await insertArticle(app)
  for (let n = 1; n <= 5; n++) t.equal((await forwardedBy(app, n, `203.0.113.${n}`, '198.51.100.7')).statusCode, 202)
  t.equal((await forwardedBy(app, 6, '203.0.113.6', '198.51.100.7')).statusCode, 429)
})

t.test('the address is stored only as a keyed hash, made with a per-database key', async (t) => {
  const app = await buildTestApp(t, { trustProxy: trusting('loopback') })
  await insertArticle(app)
  for (const [n, ip] of [[1, '203.0.113.1'], [2, '203.0.113.1'], [3, '198.51.100.9']] as const) {
    t.equal((await submit(app, reader(n), SLUG, { 'x-forwarded-for': ip })).statusCode, 202)
  }
  const key = (await row(app, 'settings', { key: 'reply_ip_hash_key' }))?.value
  t.match(key, /^[\w-]{43}$/, '256 random bits')
  const hashes = (await rows(app, 'replies')).map((reply) => reply.ipHash)
  const expected = (ip: string) => createHmac('sha256', Buffer.from(key as string, 'base64url')).update(ip).digest('base64url')
  t.same(hashes, [expected('203.0.113.1'), expected('203.0.113.1'), expected('198.51.100.9')])
  const stored = JSON.stringify(await rows(app, 'replies'))
  t.notMatch(stored, /203\.0\.113|198\.51\.100|127\.0\.0\.1/)
  const queue = await app.inject({ url: '/v1/admin/replies', headers: await authHeader(app, 'editor') })
  t.same(queue.json().data.map((reply: { ipHash: string }) => reply.ipHash), hashes, 'moderators see the hash, to spot one sender')
})

t.test('every process on one database hashes an address alike, before and after a restart', {
  skip: TEST_ENGINE === 'postgres' && 'SQLite only: three apps share one database file; the PostgreSQL harness gives each app a database of its own'
}, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'news-replies-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const databasePath = join(dir, 'news.db')
  const first = await buildTestApp(t, { databasePath })
  await insertArticle(first)
  const second = await buildTestApp(t, { databasePath })
  t.equal((await submit(first, reader(1))).statusCode, 202)
  t.equal((await submit(second, reader(2))).statusCode, 202)
  await first.close()
  const restarted = await buildTestApp(t, { databasePath })
  t.equal((await submit(restarted, reader(3))).statusCode, 202)
  const hashes = new Set((await rows(restarted, 'replies')).map((reply) => reply.ipHash))
  t.equal(hashes.size, 1)
  t.equal(await countRows(restarted, 'settings', { key: 'reply_ip_hash_key' }), 1)
})

t.test('the address hashed is the connection\'s without TRUST_PROXY', async (t) => {
  const app = await buildTestApp(t, { trustProxy: false })
  await insertArticle(app)
  await submit(app, READER, SLUG, { 'x-forwarded-for': '203.0.113.1' })
  const key = (await row(app, 'settings', { key: 'reply_ip_hash_key' }))?.value as string
  t.equal((await row(app, 'replies'))?.ipHash, createHmac('sha256', Buffer.from(key, 'base64url')).update('127.0.0.1').digest('base64url'))
})

t.test('the email address never appears in public output', async (t) => {
  const app = await buildTestApp(t)
  const articleId = await insertArticle(app)
  await insertReply(app, articleId, 'approved', { authorEmail: 'secret.reader@example.org' })
  const list = await app.inject({ url: `/v1/articles/${SLUG}/replies` })
  t.equal(list.statusCode, 200)
  t.notMatch(list.payload, /secret\.reader|authorEmail|ipHash|@/)
  const submitted = await submit(app, { ...READER, authorEmail: 'another.secret@example.org' })
  t.notMatch(submitted.payload, /another\.secret|authorEmail/)
})

t.test('markup in a reply comes back as literal text, and escaped in bodyHtml', async (t) => {
  const app = await buildTestApp(t)
  const sectionId = await insertSection(app, 'letters')
  await updateRows(app, 'sections', { repliesAutoApprove: true }, { id: sectionId })
  await insertArticle(app, SLUG, { sectionId })
  const body = '<script>alert("x")</script> <b>bold</b> &amp;\nsecond line\n\n<img src=x onerror=alert(1)> new paragraph'
  t.equal((await submit(app, { ...READER, authorName: '<i>Amina</i>', body })).statusCode, 202)
  const [item] = await thread(app)
  t.match(item, { authorName: '<i>Amina</i>', body })
  t.equal(item?.bodyHtml,
    '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp;amp;<br>second line</p>' +
    '<p>&lt;img src=x onerror=alert(1)&gt; new paragraph</p>')
  t.match(await row(app, 'replies'), { body })
})
