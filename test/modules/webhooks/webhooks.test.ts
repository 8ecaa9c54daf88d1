// The webhooks Admin API: registering endpoints, their secrets, the URL rule, and the delivery log with redelivery.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { Webhook } from 'standardwebhooks'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { countRows, row, updateRows } from '../../helpers/db.js'
import { insertSection, SIMPLE_BODY } from '../../helpers/fixtures.js'

type Headers = { authorization: string }

const ARTICLE_EVENTS = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted']

// One app for the file: every test makes its own endpoints and articles and looks only at those.
let app: FastifyInstance
let admin: Headers
let sectionId: number
let articleCount = 0

t.before(async () => {
  app = await buildTestApp(t)
  admin = await authHeader(app, 'admin')
  sectionId = await insertSection(app)
})

async function register (payload: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url: 'https://hooks.worldweekly.example/cdn', events: ARTICLE_EVENTS, ...payload } })
  if (res.statusCode !== 201) throw new Error(`registering a webhook failed: ${res.body}`)
  return res.json()
}

async function publishArticle (): Promise<number> {
  articleCount += 1
  const res = await app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: admin,
    payload: { headline: `Floods recede in the delta ${articleCount}`, body: SIMPLE_BODY, sectionId, status: 'published' }
  })
  if (res.statusCode !== 201) throw new Error(`publishing an article failed: ${res.body}`)
  return res.json().id
}

async function deliveriesOf (id: number, query = '') {
  const res = await app.inject({ url: `/v1/admin/webhooks/${id}/deliveries${query}`, headers: admin })
  if (res.statusCode !== 200) throw new Error(`reading the delivery log failed: ${res.body}`)
  return res.json()
}

t.test('an admin registers an endpoint and is shown its Standard Webhooks secret once', async (t) => {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/admin/webhooks',
    headers: admin,
    payload: { url: 'https://hooks.worldweekly.example/purge', events: ['article.published'], description: 'Purges the CDN' }
  })
  t.equal(res.statusCode, 201)
  const created = res.json()
  t.match(created, { url: 'https://hooks.worldweekly.example/purge', events: ['article.published'], description: 'Purges the CDN', active: true, secret: /^whsec_[A-Za-z0-9+/]+=*$/ })
  t.ok(Buffer.from(created.secret.slice('whsec_'.length), 'base64').length >= 24, 'at least 24 random bytes')
  t.doesNotThrow(() => new Webhook(created.secret), 'the verifying library takes the secret as it is')
  t.equal((await row(app, 'webhooks', { id: created.id }))?.secret, created.secret)

  for (const url of ['/v1/admin/webhooks', `/v1/admin/webhooks/${created.id}`]) {
    const read = await app.inject({ url, headers: admin })
    t.equal(read.statusCode, 200)
    t.notMatch(read.body, /whsec_|secret/, `${url} shows no secret`)
    t.equal(read.headers['cache-control'], 'private, no-store')
  }
  t.match((await app.inject({ url: `/v1/admin/webhooks/${created.id}`, headers: admin })).json(), { id: created.id, url: created.url, events: ['article.published'] })
})

t.test('only admins may see or touch webhooks', async (t) => {
  const { id } = await register()
  const editor = await authHeader(app, 'editor')
  const routes = [
    { method: 'GET' as const, url: '/v1/admin/webhooks' },
    { method: 'POST' as const, url: '/v1/admin/webhooks', payload: { url: 'https://example.org/hook', events: ['reply.created'] } },
    { method: 'GET' as const, url: `/v1/admin/webhooks/${id}` },
    { method: 'PATCH' as const, url: `/v1/admin/webhooks/${id}`, payload: { active: false } },
    { method: 'POST' as const, url: `/v1/admin/webhooks/${id}/secret` },
    { method: 'DELETE' as const, url: `/v1/admin/webhooks/${id}` },
    { method: 'GET' as const, url: `/v1/admin/webhooks/${id}/deliveries` },
    { method: 'POST' as const, url: `/v1/admin/webhooks/${id}/deliveries/1/redeliver` }
  ]
  for (const route of routes) {
    const forbidden = await app.inject({ ...route, headers: editor })
    t.equal(forbidden.statusCode, 403, `${route.method} ${route.url} with an editor token`)
    t.match(forbidden.json(), { code: 'ROLE_TOO_WEAK' })
    t.equal((await app.inject(route)).statusCode, 401, `${route.method} ${route.url} without a token`)
  }
  t.match(await row(app, 'webhooks', { id }), { active: true }, 'nothing changed')
})

t.test('an invalid registration is a 400 naming each failing field, and nothing is stored', async (t) => {
  const before = await countRows(app, 'webhooks')
  const cases: Array<[Record<string, unknown>, string[]]> = [
    [{ url: 'ftp://example.org/hook', events: ['article.published'] }, ['/body/url']],
    [{ url: 'https:///hook', events: ['article.published'] }, ['/body/url']],
    [{ url: 'https://example.org/hook', events: [] }, ['/body/events']],
    [{ url: 'https://example.org/hook', events: ['article.published', 'article.published'] }, ['/body/events']],
    [{ url: 'https://example.org/hook', events: ['article.liked'] }, ['/body/events/0']],
    [{ url: 'https://example.org/hook', events: ['reply.created'], secret: 'whsec_mine' }, ['/body/secret']],
    [{ events: ['reply.created'] }, ['/body/url']]
  ]
  for (const [payload, paths] of cases) {
    const res = await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.same(res.json().errors.map((error: { path: string }) => error.path), paths, JSON.stringify(payload))
  }
  t.equal(await countRows(app, 'webhooks'), before)
})

t.test('an endpoint on a private, loopback, link-local or other non-public IP address is refused in every spelling', async (t) => {
  const before = await countRows(app, 'webhooks')
  const hosts = [
    '127.0.0.1', '127.1', '2130706433', '0x7f000001', '0x7f.0.0.1', '0177.0.0.1', '10.0.0.8', '172.16.4.4', '192.168.1.20', '100.64.0.1',
    '169.254.169.254', '0.0.0.0', '0', '224.0.0.1', '255.255.255.255', '192.0.2.10',
    '[::1]', '[::]', '[::ffff:127.0.0.1]', '[::ffff:a00:1]', '[0:0:0:0:0:ffff:7f00:1]', '[fe80::1]', '[fd00::53]', '[ff02::1]', '[2001:db8::1]',
    // NAT64 and IPv4-translated forms of the metadata service and loopback.
    '[64:ff9b::a9fe:a9fe]', '[64:ff9b::7f00:1]', '[::ffff:0:7f00:1]'
  ]
  for (const host of hosts) {
    const res = await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url: `http://${host}:8080/hook`, events: ['article.published'] } })
    t.equal(res.statusCode, 422, host)
    t.match(res.json(), { code: 'WEBHOOK_URL_PRIVATE', detail: /address: webhooks post to public addresses only, unless the operator sets WEBHOOKS_ALLOW_PRIVATE=true\.$/, errors: [{ path: '/body/url' }] }, host)
  }
  t.match((await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url: 'http://[::ffff:7f00:1]/hook', events: ['reply.created'] } })).json(),
    { detail: /^::ffff:7f00:1 is a loopback address/ }, 'the refusal names the kind of address')
  t.equal(await countRows(app, 'webhooks'), before)

  const { id } = await register()
  const patched = await app.inject({ method: 'PATCH', url: `/v1/admin/webhooks/${id}`, headers: admin, payload: { url: 'http://169.254.169.254/latest/meta-data' } })
  t.equal(patched.statusCode, 422)
  t.match(patched.json(), { code: 'WEBHOOK_URL_PRIVATE' })
  t.equal((await row(app, 'webhooks', { id }))?.url, 'https://hooks.worldweekly.example/cdn')
})

t.test('public addresses and host names are accepted: a name is checked when a delivery resolves it', async (t) => {
  for (const url of ['https://93.184.215.14/hook', 'http://[2606:4700:4700::1111]/hook', 'http://localhost:8080/hook', 'https://hooks.worldweekly.example:8443/x?y=1']) {
    const res = await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url, events: ['reply.created'] } })
    t.equal(res.statusCode, 201, url)
  }
})

t.test('a URL the web cannot parse is a 422, not a 500', async (t) => {
  const res = await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url: 'http://256.256.256.256/hook', events: ['reply.created'] } })
  t.equal(res.statusCode, 422)
  t.match(res.json(), { code: 'WEBHOOK_URL_INVALID', errors: [{ path: '/body/url' }] })
})

t.test('PATCH changes only the fields sent', async (t) => {
  const created = await register({ description: 'Purges the CDN' })
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/webhooks/${created.id}`, headers: admin, payload: { events: ['reply.created', 'reply.approved'], active: false } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id: created.id, url: created.url, description: 'Purges the CDN', events: ['reply.created', 'reply.approved'], active: false })
  t.notOk('secret' in res.json())
  t.ok(res.json().updatedAt >= created.updatedAt)
  t.equal((await row(app, 'webhooks', { id: created.id }))?.secret, created.secret, 'the secret is kept')
})

t.test('PATCH with nothing to change, or an unknown field, is a 400; an unknown endpoint is a 404', async (t) => {
  const { id } = await register()
  t.equal((await app.inject({ method: 'PATCH', url: `/v1/admin/webhooks/${id}`, headers: admin, payload: {} })).statusCode, 400)
  const unknownField = await app.inject({ method: 'PATCH', url: `/v1/admin/webhooks/${id}`, headers: admin, payload: { secret: 'whsec_AAAA' } })
  t.equal(unknownField.statusCode, 400)
  t.match(unknownField.json(), { errors: [{ path: '/body/secret' }] })
  for (const request of [
    { method: 'GET' as const, url: '/v1/admin/webhooks/99999' },
    { method: 'PATCH' as const, url: '/v1/admin/webhooks/99999', payload: { active: true } },
    { method: 'POST' as const, url: '/v1/admin/webhooks/99999/secret' },
    { method: 'DELETE' as const, url: '/v1/admin/webhooks/99999' },
    { method: 'GET' as const, url: '/v1/admin/webhooks/99999/deliveries' },
    { method: 'POST' as const, url: '/v1/admin/webhooks/99999/deliveries/1/redeliver' }
  ]) {
    const res = await app.inject({ ...request, headers: admin })
    t.equal(res.statusCode, 404, `${request.method} ${request.url}`)
    t.match(res.json(), { code: 'WEBHOOK_NOT_FOUND' })
  }
})

t.test('rotating the secret shows a new one, once, and keeps everything else', async (t) => {
  const created = await register()
  const res = await app.inject({ method: 'POST', url: `/v1/admin/webhooks/${created.id}/secret`, headers: admin })
  t.equal(res.statusCode, 200)
  const rotated = res.json()
  t.match(rotated, { id: created.id, url: created.url, events: created.events, secret: /^whsec_/ })
  t.not(rotated.secret, created.secret)
  t.equal((await row(app, 'webhooks', { id: created.id }))?.secret, rotated.secret)
})

t.test('each event is queued for every active endpoint that asked for its type, and shows in its delivery log', async (t) => {
  const articles = await register({ events: ['article.published'] })
  const replies = await register({ events: ['reply.created'] })
  const paused = await register({ events: ['article.published'], active: false })
  const articleId = await publishArticle()

  const log = await deliveriesOf(articles.id)
  t.match(log, { data: [{ type: 'article.published', articleId, status: 'pending', attempts: [], messageId: /^msg_\d+_[A-Za-z0-9_-]{16}$/ }], meta: { nextCursor: null } })
  t.equal(log.data.length, 1)
  t.ok(Date.parse(log.data[0].nextAttemptAt) <= Date.now(), 'due at once')
  t.same((await deliveriesOf(replies.id)).data, [])
  t.same((await deliveriesOf(paused.id)).data, [])
})

t.test('the delivery log lists the newest event first, a page at a time, and filters by status', async (t) => {
  const { id } = await register({ events: ['article.published'] })
  const published = [await publishArticle(), await publishArticle(), await publishArticle()]
  const first = await app.inject({ url: `/v1/admin/webhooks/${id}/deliveries?limit=2`, headers: admin })
  t.same(first.json().data.map((delivery: { articleId: number }) => delivery.articleId), [published[2], published[1]])
  t.match(first.headers.link, /rel="next"/)
  const second = await deliveriesOf(id, `?limit=2&cursor=${first.json().meta.nextCursor}`)
  t.same(second.data.map((delivery: { articleId: number }) => delivery.articleId), [published[0]])
  t.equal(second.meta.nextCursor, null)

  await updateRows(app, 'webhookDeliveries', { status: 'failed' }, { id: first.json().data[0].id })
  t.same((await deliveriesOf(id, '?status=failed')).data.map((delivery: { id: number }) => delivery.id), [first.json().data[0].id])
  t.equal((await deliveriesOf(id, '?status=pending')).data.length, 2)
})

t.test('a bad cursor or status in the delivery log is a 400', async (t) => {
  const { id } = await register()
  for (const query of ['?cursor=nonsense', '?status=lost', '?limit=0']) {
    const res = await app.inject({ url: `/v1/admin/webhooks/${id}/deliveries${query}`, headers: admin })
    t.equal(res.statusCode, 400, query)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
  }
})

t.test('redelivery makes a delivery pending and due at once, with its retries afresh', async (t) => {
  const { id } = await register({ events: ['article.published'] })
  await publishArticle()
  const [delivery] = (await deliveriesOf(id)).data
  await updateRows(app, 'webhookDeliveries', { status: 'failed', attempts: 11, nextAttemptAt: '2026-01-01T00:00:00.000Z' }, { id: delivery.id })
  const before = Date.now()
  const res = await app.inject({ method: 'POST', url: `/v1/admin/webhooks/${id}/deliveries/${delivery.id}/redeliver`, headers: admin })
  t.equal(res.statusCode, 202)
  t.match(res.json(), { id: delivery.id, messageId: delivery.messageId, status: 'pending' })
  t.ok(Date.parse(res.json().nextAttemptAt) >= before - 1000)
  t.match(await row(app, 'webhookDeliveries', { id: delivery.id }), { status: 'pending', attempts: 0, lockedUntil: null })
})

t.test('redelivering a delivery of another endpoint, or none, is a 404', async (t) => {
  const mine = await register({ events: ['article.published'] })
  const other = await register({ events: ['article.published'] })
  await publishArticle()
  const [theirs] = (await deliveriesOf(other.id)).data
  for (const url of [`/v1/admin/webhooks/${mine.id}/deliveries/${theirs.id}/redeliver`, `/v1/admin/webhooks/${mine.id}/deliveries/99999/redeliver`]) {
    const res = await app.inject({ method: 'POST', url, headers: admin })
    t.equal(res.statusCode, 404, url)
    t.match(res.json(), { code: 'WEBHOOK_DELIVERY_NOT_FOUND' })
  }
})

t.test('deleting an endpoint removes it with its delivery log', async (t) => {
  const { id } = await register({ events: ['article.published'] })
  await publishArticle()
  t.equal(await countRows(app, 'webhookDeliveries', { webhookId: id }), 1)
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/webhooks/${id}`, headers: admin })
  t.equal(res.statusCode, 204)
  t.equal((await app.inject({ url: `/v1/admin/webhooks/${id}`, headers: admin })).statusCode, 404)
  t.equal(await countRows(app, 'webhookDeliveries', { webhookId: id }), 0)
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/admin/webhooks/${id}`, headers: admin })).statusCode, 404)
})
