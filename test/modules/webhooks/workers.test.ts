// Deliveries across processes: a worker killed after sending leaves its delivery to the next one, which sends it again
// under the same webhook-id, and several workers on one database send each delivery once, in order per article.
import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { FastifyInstance } from 'fastify'
import { Webhook } from 'standardwebhooks'
import { createWebhookWorker } from '../../../src/modules/webhooks/webhooks.worker.js'
import { authHeader, buildTestApp, lastingDatabase, type Teardown } from '../../helpers/app.js'
import { nodeCommand } from '../../helpers/compiled.js'
import { row, rows } from '../../helpers/db.js'
import { insertSection, SIMPLE_BODY } from '../../helpers/fixtures.js'
import { startReceiver, type Received } from '../../helpers/webhook-receiver.js'

// Starting child processes takes a while on a busy machine.
t.setTimeout(120_000)

const TIMEOUT_MS = 2000

async function databaseFor (t: Teardown & { testdir: () => string }) {
  const database = await lastingDatabase(t, join(t.testdir(), 'news.db'))
  return { config: database, argument: 'databasePath' in database ? database.databasePath : database.databaseUrl as string }
}

/** An app on the shared database with an endpoint at the receiver and `count` articles published, each updated `updates` times. */
async function newsroomWithDeliveries (t: Teardown, config: object, url: string, count: number, updates = 0) {
  const app = await buildTestApp(t, { ...config, webhooksAllowPrivate: true })
  const admin = await authHeader(app, 'admin')
  const webhook = (await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url, events: ['article.published', 'article.updated'] } })).json()
  const sectionId = await insertSection(app)
  for (let index = 1; index <= count; index++) {
    const article = await app.inject({ method: 'POST', url: '/v1/admin/articles', headers: admin, payload: { headline: `Rains return to the Sahel ${index}`, body: SIMPLE_BODY, sectionId, status: 'published' } })
    for (let update = 1; update <= updates; update++) {
      await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${article.json().id}`, headers: admin, payload: { headline: `Rains return to the Sahel ${index}, update ${update}` } })
    }
  }
  return { app, webhook: webhook as { id: number, secret: string } }
}

async function startWorkerProcess (t: Teardown, database: string) {
  const child = spawn(...await nodeCommand('test/fixtures/webhook-worker-process.ts', [database]), { stdio: ['pipe', 'pipe', 'inherit'] })
  t.teardown(() => { child.kill() })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async () => {
    const { value, done } = await lines.next()
    if (done) throw new Error('the worker process ended early')
    return value as string
  }
  return { child, next }
}

/** A receiver that handles each message once, as the Standard Webhooks specification asks: by its webhook-id. */
function deduplicating (secret: string) {
  const handled = new Map<string, { type: string, data: Record<string, unknown> }>()
  return {
    handled,
    handle (request: Received) {
      const payload = new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as { type: string, data: Record<string, unknown> }
      const id = request.headers['webhook-id'] as string
      if (!handled.has(id)) handled.set(id, payload)
    }
  }
}

t.test('a worker killed after sending leaves the delivery to the next one, which sends it again once under the same webhook-id', async (t) => {
  const database = await databaseFor(t)
  const receiver = await startReceiver(t)
  const setup = await newsroomWithDeliveries({ teardown: () => {} }, database.config, receiver.url, 1)
  const { secret } = setup.webhook
  await setup.app.close()

  const dying = await startWorkerProcess(t, database.argument)
  t.equal(await dying.next(), 'ready')
  const endpoint = deduplicating(secret)
  // The message arrives; the worker dies before it hears the answer and can record it.
  receiver.answer((_index, request) => {
    endpoint.handle(request)
    dying.child.kill('SIGKILL')
    return 'hang'
  })
  dying.child.stdin.write(`go ${Date.now() + 5000}\n`)
  const [, signal] = await once(dying.child, 'exit') as [number | null, string | null]
  t.equal(signal, 'SIGKILL')
  t.equal(receiver.received.length, 1)

  receiver.answer((_index, request) => {
    endpoint.handle(request)
    return 204
  })
  const app = await buildTestApp(t, { ...database.config, webhooksAllowPrivate: true })
  const [claimed] = await rows(app, 'webhookDeliveries')
  t.match(claimed, { status: 'pending', attempts: 0, lockedUntil: /Z$/ }, 'the dead worker\'s claim is still on the row')
  const now = Date.now()
  const worker = createWebhookWorker({ store: app.store, log: app.log, intervalMs: 1000, timeoutMs: TIMEOUT_MS, allowPrivate: true })
  t.equal(await worker.deliverDue(new Date(now)), 0, 'nobody takes it while the claim holds')
  t.equal(await worker.deliverDue(new Date(Date.parse(claimed?.lockedUntil as string) + 1)), 1, 'the next worker takes it once the claim runs out')

  t.equal(receiver.received.length, 2)
  t.equal(receiver.received[1]?.headers['webhook-id'], receiver.received[0]?.headers['webhook-id'], 'sent again under the same webhook-id')
  t.equal(endpoint.handled.size, 1, 'so the receiver handles it once')
  t.match(await row(app, 'webhookDeliveries', { id: claimed?.id }), { status: 'succeeded', lockedUntil: null })

  t.equal(await worker.deliverDue(new Date(now + 48 * 3600 * 1000)), 0, 'a delivery that succeeded is never sent again')
  t.equal(receiver.received.length, 2)
})

t.test('two worker processes on one database send every delivery once, each article\'s in order', async (t) => {
  const database = await databaseFor(t)
  const receiver = await startReceiver(t)
  const ARTICLES = 12
  const setup = await newsroomWithDeliveries(t, database.config, receiver.url, ARTICLES, 2)
  const app: FastifyInstance = setup.app

  const workers = await Promise.all([startWorkerProcess(t, database.argument), startWorkerProcess(t, database.argument)])
  for (const { next } of workers) t.equal(await next(), 'ready')
  const until = Date.now() + 1500
  for (const { child } of workers) child.stdin.write(`go ${until}\n`)
  const attempts = await Promise.all(workers.map(async ({ next }) => Number(await next())))

  const ids = receiver.received.map((request) => request.headers['webhook-id'])
  t.equal(ids.length, ARTICLES * 3, 'every delivery arrived')
  t.equal(new Set(ids).size, ids.length, 'none twice')
  t.equal(attempts.reduce((sum, count) => sum + count, 0), ARTICLES * 3, `one attempt each, between them (${attempts.join(' and ')})`)

  const byArticle = new Map<number, string[]>()
  for (const request of receiver.received) {
    const { type, data } = new Webhook(setup.webhook.secret).verify(request.body, request.headers as Record<string, string>) as { type: string, data: { id: number, headline: string } }
    byArticle.set(data.id, [...(byArticle.get(data.id) ?? []), `${type}: ${data.headline}`])
  }
  for (const [id, seen] of byArticle) {
    const index = seen[0]?.replace(/^article\.published: Rains return to the Sahel /, '')
    t.same(seen, [
      `article.published: Rains return to the Sahel ${index}`,
      `article.updated: Rains return to the Sahel ${index}, update 1`,
      `article.updated: Rains return to the Sahel ${index}, update 2`
    ], `article ${id}`)
  }
  t.equal((await rows(app, 'webhookDeliveries', { status: 'succeeded' })).length, ARTICLES * 3)
})

t.test('a worker told to stop finishes the batch under way and claims no other, so a shutdown waits for one batch at most', async (t) => {
  const receiver = await startReceiver(t)
  // The first delivery's endpoint never answers: the worker waits its timeout out, during which it is told to stop.
  receiver.answer((index) => index === 0 ? 'hang' : 204)
  const { app } = await newsroomWithDeliveries(t, {}, receiver.url, 3)
  const worker = createWebhookWorker({ store: app.store, log: app.log, intervalMs: 1000, timeoutMs: 300, allowPrivate: true, batchSize: 1 })
  worker.start()
  await receiver.receivedCount(1)
  await worker.stop()

  t.equal(receiver.received.length, 1, 'only the delivery under way was sent')
  const deliveries = await rows(app, 'webhookDeliveries')
  t.same(deliveries.map((delivery) => delivery.attempts).sort(), [0, 0, 1], 'the others wait, unclaimed, for the next worker')
  t.ok(deliveries.every((delivery) => delivery.status === 'pending' && delivery.lockedUntil === null), 'and none is left claimed')
})
