// The delivery worker against a real HTTP receiver: signatures a Standard Webhooks library verifies, retries with
// backoff, timeouts, ordering per article, the private-address rule after DNS, and redelivery.
import t from 'tap'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Webhook } from 'standardwebhooks'
import { createWebhookWorker, retryWait } from '../../../src/modules/webhooks/webhooks.worker.js'
import { authHeader, buildTestApp, lastingDatabase, type Teardown } from '../../helpers/app.js'
import { row, rows } from '../../helpers/db.js'
import { insertSection, SIMPLE_BODY } from '../../helpers/fixtures.js'
import { startReceiver } from '../../helpers/webhook-receiver.js'

type Headers = { authorization: string }

// One app for the file, allowed to post to the receivers on 127.0.0.1; each test registers its own endpoint.
let app: FastifyInstance
let admin: Headers
let sectionId: number
let articleCount = 0

t.before(async () => {
  app = await buildTestApp(t, { webhooksAllowPrivate: true })
  admin = await authHeader(app, 'admin')
  sectionId = await insertSection(app)
})

const SECOND = 1000

/** A worker on the file's app whose clock the test sets: `at(ms)` delivers what is due that long from the start. */
function workerFor (options: { allowPrivate?: boolean, timeoutMs?: number, retryWait?: (failed: number) => number | null } = {}) {
  const start = Date.now()
  const worker = createWebhookWorker({
    store: app.store,
    log: app.log,
    intervalMs: 1000,
    timeoutMs: options.timeoutMs ?? 2000,
    allowPrivate: options.allowPrivate ?? true,
    ...(options.retryWait && { retryWait: options.retryWait })
  })
  return { at: (ms: number) => worker.deliverDue(new Date(start + ms)), start }
}

/** An endpoint for one test, deleted when it ends, so the next test's rounds see only their own deliveries. */
async function register (t: Teardown, url: string, events = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted']) {
  const res = await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url, events } })
  if (res.statusCode !== 201) throw new Error(`registering a webhook failed: ${res.body}`)
  const webhook = res.json() as { id: number, secret: string }
  t.teardown(() => app.inject({ method: 'DELETE', url: `/v1/admin/webhooks/${webhook.id}`, headers: admin }))
  return webhook
}

/** Publishes an article through the API, which queues an article.published delivery to every endpoint registered. */
async function publishArticle (): Promise<{ id: number, slug: string }> {
  articleCount += 1
  const res = await app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: admin,
    payload: { headline: `Harvest comes early in the highlands ${articleCount}`, body: SIMPLE_BODY, sectionId, status: 'published' }
  })
  if (res.statusCode !== 201) throw new Error(`publishing an article failed: ${res.body}`)
  return res.json()
}

async function updateHeadline (id: number, headline: string): Promise<void> {
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: admin, payload: { headline } })
  if (res.statusCode !== 200) throw new Error(`updating an article failed: ${res.body}`)
}

async function deliveriesOf (webhookId: number) {
  return (await app.inject({ url: `/v1/admin/webhooks/${webhookId}/deliveries`, headers: admin })).json().data
}

function verified (secret: string, received: { headers: Record<string, unknown>, body: string }) {
  return new Webhook(secret).verify(received.body, received.headers as Record<string, string>) as { type: string, timestamp: string, data: Record<string, unknown> }
}

t.test('a delivery is signed so that the standardwebhooks library verifies it, and its payload names the surrogate keys to purge', async (t) => {
  const receiver = await startReceiver(t)
  const { id: webhookId, secret } = await register(t, receiver.url)
  const article = await publishArticle()
  const worker = workerFor()

  t.equal(await worker.at(0), 1)
  t.equal(receiver.received.length, 1)
  const [received] = receiver.received
  if (!received) return
  t.match(received.headers, { 'content-type': 'application/json', 'webhook-id': /^msg_\d+_[A-Za-z0-9_-]{16}$/, 'webhook-timestamp': /^\d+$/, 'webhook-signature': /^v1,[A-Za-z0-9+/]+=*$/ })
  const payload = verified(secret, received)
  t.match(payload, {
    type: 'article.published',
    timestamp: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    data: { id: article.id, slug: article.slug, status: 'published', embargoedUntil: null, surrogateKeys: ['articles', 'changes', `article-${article.id}`] }
  })
  t.throws(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(received.body, received.headers as Record<string, string>), 'another secret does not verify it')
  t.throws(() => new Webhook(secret).verify(received.body.replace('published', 'unpublished'), received.headers as Record<string, string>), 'an altered body does not verify')

  const [delivery] = await deliveriesOf(webhookId)
  t.match(delivery, { messageId: received.headers['webhook-id'], status: 'succeeded', nextAttemptAt: null, attempts: [{ status: 'succeeded', responseStatus: 204, error: null }] })
  t.equal(delivery.attempts.length, 1)
  t.ok(delivery.attempts[0].durationMs >= 0)
  t.equal(await worker.at(60 * SECOND), 0, 'a delivery that succeeded is not sent again')
})

t.test('an update names only the article\'s own key; reply events carry no surrogate keys', async (t) => {
  const receiver = await startReceiver(t)
  const { secret } = await register(t, receiver.url, ['article.updated', 'reply.created'])
  const article = await publishArticle()
  await updateHeadline(article.id, 'Harvest comes early in the highlands, again')
  const reply = await app.inject({ method: 'POST', url: `/v1/articles/${article.slug}/replies`, payload: { authorName: 'Amina Bello', authorEmail: 'amina@example.org', body: 'Good news for the farmers.' } })
  t.equal(reply.statusCode, 202)
  await workerFor().at(0)
  const payloads = receiver.received.map((received) => verified(secret, received))
  t.match(payloads, [
    { type: 'article.updated', data: { id: article.id, headline: 'Harvest comes early in the highlands, again', surrogateKeys: ['changes', `article-${article.id}`] } },
    { type: 'reply.created', data: { articleId: article.id, authorName: 'Amina Bello', body: 'Good news for the farmers.' } }
  ])
  t.notOk('surrogateKeys' in (payloads[1]?.data ?? {}))
  t.notOk(JSON.stringify(payloads[1]).includes('amina@example.org'), 'a reader\'s email is never sent')
})

t.test('a 500 is retried after a backoff with the same webhook-id, until the endpoint answers 2xx', async (t) => {
  const receiver = await startReceiver(t)
  receiver.answer((index) => index === 0 ? 500 : 200)
  const { id: webhookId, secret } = await register(t, receiver.url)
  await publishArticle()
  const worker = workerFor()

  await worker.at(0)
  const [pending] = await deliveriesOf(webhookId)
  t.match(pending, { status: 'pending', attempts: [{ status: 'failed', responseStatus: 500, error: 'answered 500' }] })
  const wait = Date.parse(pending.nextAttemptAt) - worker.start
  t.ok(wait >= 5 * SECOND && wait <= 6 * SECOND, `the first retry waits 5 s plus jitter (${wait} ms)`)
  t.equal(await worker.at(4 * SECOND), 0, 'not before its time')
  t.equal(await worker.at(6 * SECOND), 1)

  t.equal(receiver.received.length, 2)
  t.equal(receiver.received[1]?.headers['webhook-id'], receiver.received[0]?.headers['webhook-id'])
  t.doesNotThrow(() => receiver.received[1] && verified(secret, receiver.received[1]), 'the retry is signed afresh')
  t.not(receiver.received[1]?.headers['webhook-timestamp'], receiver.received[0]?.headers['webhook-timestamp'], 'with the time it was sent')
  t.match(await deliveriesOf(webhookId), [{ status: 'succeeded', attempts: [{ responseStatus: 500 }, { status: 'succeeded', responseStatus: 200 }] }])
})

t.test('an endpoint that does not answer in time is a failed attempt, retried later', async (t) => {
  const receiver = await startReceiver(t)
  receiver.answer((index) => index === 0 ? 'hang' : 204)
  const { id: webhookId } = await register(t, receiver.url)
  await publishArticle()
  const worker = workerFor({ timeoutMs: 300 })

  await worker.at(0)
  t.match(await deliveriesOf(webhookId), [{ status: 'pending', attempts: [{ status: 'failed', responseStatus: null, error: 'no response within 300 ms' }] }])
  await worker.at(10 * SECOND)
  t.match(await deliveriesOf(webhookId), [{ status: 'succeeded', attempts: [{ status: 'failed' }, { status: 'succeeded' }] }])
})

t.test('a refused connection is a failed attempt that names the system\'s error', async (t) => {
  // Nothing listens on the discard port of the loopback address.
  const { id: webhookId } = await register(t, 'http://127.0.0.1:9/hooks')
  await publishArticle()
  await workerFor().at(0)
  t.match(await deliveriesOf(webhookId), [{ status: 'pending', attempts: [{ status: 'failed', responseStatus: null, error: /^connect ECONNREFUSED 127\.0\.0\.1:9$/ }] }])
})

t.test('the backoff grows for about a day, with jitter, and then the delivery has failed', async (t) => {
  const waits = Array.from({ length: 12 }, (_, index) => retryWait(index + 1, () => 0))
  t.same(waits, [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800, null, null].map((seconds) => seconds === null ? null : seconds * SECOND))
  const total = waits.reduce<number>((sum, wait) => sum + (wait ?? 0), 0)
  t.ok(total > 20 * 3600 * SECOND && total < 28 * 3600 * SECOND, 'about a day in all')
  t.equal(retryWait(1, () => 1), 6 * SECOND, 'jitter adds up to a fifth')
})

t.test('after its last retry a delivery is failed and never sent again', async (t) => {
  const receiver = await startReceiver(t)
  receiver.answer(() => 503)
  const { id: webhookId } = await register(t, receiver.url)
  await publishArticle()
  // Two retries at once, then no more: the whole day of retries, in one round.
  const worker = workerFor({ retryWait: (failed) => failed < 3 ? 0 : null })

  t.equal(await worker.at(0), 3)
  const [delivery] = await deliveriesOf(webhookId)
  t.match(delivery, { status: 'failed', nextAttemptAt: null })
  t.equal(delivery.attempts.length, 3)
  t.equal(await worker.at(48 * 3600 * SECOND), 0)
  t.equal(receiver.received.length, 3)
})

t.test('a redirect is not followed: it is a failed attempt', async (t) => {
  const receiver = await startReceiver(t)
  receiver.answer(() => 301)
  const { id: webhookId } = await register(t, receiver.url)
  await publishArticle()
  await workerFor().at(0)
  t.match(await deliveriesOf(webhookId), [{ status: 'pending', attempts: [{ status: 'failed', responseStatus: 301, error: 'redirects are not followed (Location: http://127.0.0.1:1/elsewhere)' }] }])
  t.equal(receiver.received.length, 1)
})

t.test('deliveries about one article reach an endpoint in order: a later one waits while an earlier one is retried', async (t) => {
  const receiver = await startReceiver(t)
  const { secret } = await register(t, receiver.url)
  const first = await publishArticle()
  await updateHeadline(first.id, 'First, updated')
  const second = await publishArticle()
  // The first article's publication fails once; everything else is taken.
  let failedOnce = false
  receiver.answer((_index, request) => {
    const { type, data } = verified(secret, request)
    if (failedOnce || type !== 'article.published' || data.id !== first.id) return 204
    failedOnce = true
    return 500
  })
  const worker = workerFor()

  await worker.at(0)
  const seen = () => receiver.received.map((received) => verified(secret, received)).map((payload) => `${payload.type} ${String(payload.data.id)}`)
  t.same(new Set(seen()), new Set([`article.published ${first.id}`, `article.published ${second.id}`]), 'the update of the first article waits behind its failed publication')
  await worker.at(10 * SECOND)
  t.same(seen().filter((event) => event.endsWith(` ${first.id}`)), [`article.published ${first.id}`, `article.published ${first.id}`, `article.updated ${first.id}`])
})

t.test('a host name that resolves to a loopback address is refused at delivery, and nothing is sent, unless private addresses are allowed', async (t) => {
  const receiver = await startReceiver(t)
  const { id: webhookId } = await register(t, `http://localhost:${receiver.port}/hooks`)
  await publishArticle()
  await workerFor({ allowPrivate: false }).at(0)
  const [delivery] = await deliveriesOf(webhookId)
  t.match(delivery, { status: 'pending', attempts: [{ status: 'failed', responseStatus: null, error: /^localhost \((127\.0\.0\.1|::1)\) is a loopback address: webhooks post to public addresses only, unless the operator sets WEBHOOKS_ALLOW_PRIVATE=true$/ }] })
  t.equal(receiver.received.length, 0)

  await workerFor({ allowPrivate: true }).at(10 * SECOND)
  t.equal(receiver.received.length, 1, 'once private addresses are allowed, the name is resolved and reached')
  t.match(await deliveriesOf(webhookId), [{ status: 'succeeded' }])
})

t.test('a literal private address registered while they were allowed is refused once they are not', async (t) => {
  const receiver = await startReceiver(t)
  const { id: webhookId } = await register(t, receiver.url)
  await publishArticle()
  await workerFor({ allowPrivate: false }).at(0)
  t.match(await deliveriesOf(webhookId), [{ attempts: [{ error: /^127\.0\.0\.1 is a loopback address/ }] }])
  t.equal(receiver.received.length, 0)
})

t.test('a paused endpoint is sent nothing until it is active again', async (t) => {
  const receiver = await startReceiver(t)
  const { id: webhookId } = await register(t, receiver.url)
  await publishArticle()
  await app.inject({ method: 'PATCH', url: `/v1/admin/webhooks/${webhookId}`, headers: admin, payload: { active: false } })
  const worker = workerFor()
  t.equal(await worker.at(0), 0)
  await app.inject({ method: 'PATCH', url: `/v1/admin/webhooks/${webhookId}`, headers: admin, payload: { active: true } })
  t.equal(await worker.at(SECOND), 1)
  t.equal(receiver.received.length, 1)
})

t.test('after a rotation deliveries are signed with the new secret only', async (t) => {
  const receiver = await startReceiver(t)
  const { id: webhookId, secret: old } = await register(t, receiver.url)
  await publishArticle()
  const rotated = (await app.inject({ method: 'POST', url: `/v1/admin/webhooks/${webhookId}/secret`, headers: admin })).json()
  await workerFor().at(0)
  const [received] = receiver.received
  if (!received) return t.fail('nothing was delivered')
  t.doesNotThrow(() => verified(rotated.secret, received))
  t.throws(() => verified(old, received))
})

t.test('a redelivery on demand is sent again with the same webhook-id, and logged as another attempt', async (t) => {
  const receiver = await startReceiver(t)
  const { id: webhookId } = await register(t, receiver.url)
  await publishArticle()
  const worker = workerFor()
  await worker.at(0)
  const [delivery] = await deliveriesOf(webhookId)
  const res = await app.inject({ method: 'POST', url: `/v1/admin/webhooks/${webhookId}/deliveries/${delivery.id}/redeliver`, headers: admin })
  t.equal(res.statusCode, 202)
  t.equal(await worker.at(SECOND), 1)
  t.same(receiver.received.map((received) => received.headers['webhook-id']), [delivery.messageId, delivery.messageId])
  t.match(await deliveriesOf(webhookId), [{ status: 'succeeded', attempts: [{ status: 'succeeded' }, { status: 'succeeded' }] }])
  t.equal((await rows(app, 'webhookAttempts', { deliveryId: delivery.id })).length, 2)
  t.match(await row(app, 'webhookDeliveries', { id: delivery.id }), { lockedUntil: null, lastResponseStatus: 204 })
})

t.test('with WEBHOOKS_INTERVAL_MS set the service delivers on its own, and records the round under way before it closes', async (t) => {
  const receiver = await startReceiver(t)
  const database = await lastingDatabase(t, join(t.testdir(), 'news.db'))
  const service = await buildTestApp({ teardown: () => {} }, { ...database, webhooksAllowPrivate: true, webhooksIntervalMs: 20 })
  const headers = await authHeader(service, 'admin')
  const created = await service.inject({ method: 'POST', url: '/v1/admin/webhooks', headers, payload: { url: receiver.url, events: ['article.published'] } })
  t.equal(created.statusCode, 201)
  const published = await service.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers,
    payload: { headline: 'Delivered by the timer', body: SIMPLE_BODY, sectionId: await insertSection(service), status: 'published' }
  })
  t.equal(published.statusCode, 201)
  await receiver.receivedCount(1)
  await service.close()

  const reopened = await buildTestApp(t, database)
  t.match(await rows(reopened, 'webhookDeliveries'), [{ status: 'succeeded', lockedUntil: null }])
  t.equal(receiver.received.length, 1)
})
