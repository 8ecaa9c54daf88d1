import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp } from '../helpers/app.js'
import { insertRow, rows, updateRows } from '../helpers/db.js'
import { insertSection, insertStoredArticle, SIMPLE_BODY } from '../helpers/fixtures.js'
import { createWebAddresses } from '../../src/shared/web-addresses.js'
import { createRepresentationRefresher } from '../../src/modules/articles/articles.refresher.js'

const METRICS_TOKEN = 'prometheus-scrapes-7f3a9c1e'
const SCRAPE = { authorization: `Bearer ${METRICS_TOKEN}` }

interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

// The text exposition format 0.0.4, strictly: comments are HELP or TYPE, and every other line is one sample. Values
// are Go floats, which Prometheus parses without regard to case: prom-client writes NaN as "Nan".
const COMMENT = /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))$/
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*)\})? (-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|[+-]Inf|NaN|Nan)$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"/g

/** Every sample of an exposition; throws on a line that is neither a sample nor a HELP or TYPE comment. */
function parseExposition (text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line === '' || COMMENT.test(line)) continue
    const match = SAMPLE.exec(line)
    if (!match) throw new Error(`not a line of the exposition format: ${line}`)
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map(([, name, value]) => [name, value]))
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) })
  }
  return samples
}

/** The value of the one sample with this name and these labels (among others); 0 when there is none yet. */
function valueOf (samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`)
  return found[0]?.value ?? 0
}

// One app for the file: each test reads how a figure moves, not its absolute value.
let app: FastifyInstance
let admin: { authorization: string }
let sectionId: number

t.before(async () => {
  app = await buildTestApp(t, { metricsToken: METRICS_TOKEN })
  admin = await authHeader(app, 'admin')
  sectionId = await insertSection(app)
})

async function scrape (): Promise<Sample[]> {
  const res = await app.inject({ url: '/metrics', headers: SCRAPE })
  if (res.statusCode !== 200) throw new Error(`scraping failed: ${res.body}`)
  return parseExposition(res.body)
}

t.test('with METRICS_TOKEN unset, /metrics is off', async (t) => {
  const plain = await buildTestApp(t)
  const res = await plain.inject({ url: '/metrics', headers: SCRAPE })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], 'application/problem+json')
  t.match(res.json(), { code: 'METRICS_OFF' })
})

t.test('/metrics needs METRICS_TOKEN as a Bearer token: none, a wrong one or an API token is a 401', async (t) => {
  for (const headers of [{}, { authorization: 'Bearer prometheus-scrapes-7f3a9c1f' }, admin]) {
    const res = await app.inject({ url: '/metrics', headers })
    t.equal(res.statusCode, 401)
    t.match(res.json(), { code: 'METRICS_TOKEN_REQUIRED' })
    t.equal(res.headers['www-authenticate'], 'Bearer')
  }
})

t.test('/metrics answers the Prometheus text format, uncached, with the process and the database', async (t) => {
  const res = await app.inject({ url: '/metrics', headers: SCRAPE })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4; charset=utf-8$/)
  t.equal(res.headers['cache-control'], 'no-store')
  const samples = parseExposition(res.body)
  t.ok(valueOf(samples, 'process_resident_memory_bytes') > 0, 'process metrics')
  t.ok(samples.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds'), 'event loop lag')
  if (app.store.engine === 'postgres') {
    t.ok(valueOf(samples, 'news_db_pool_connections', { state: 'total' }) >= 1, 'the pool holds a connection')
    t.ok(samples.some((sample) => sample.name === 'news_db_pool_connections' && sample.labels.state === 'idle'))
    t.equal(valueOf(samples, 'news_db_pool_waiting_requests'), 0)
  } else {
    t.ok(valueOf(samples, 'news_sqlite_file_bytes', { file: 'database' }) > 0, 'the database size')
    t.ok(samples.some((sample) => sample.name === 'news_sqlite_file_bytes' && sample.labels.file === 'wal'))
  }
})

t.test('a request is counted by its route pattern and status, never its URL, and its duration observed', async (t) => {
  const labels = { method: 'GET', route: '/v1/articles/:slug', status_code: '404' }
  const before = await scrape()
  await app.inject({ url: '/v1/articles/no-such-article-here' })
  const after = await scrape()
  t.equal(valueOf(after, 'http_requests_total', labels) - valueOf(before, 'http_requests_total', labels), 1)
  t.equal(valueOf(after, 'http_request_duration_seconds_count', labels) - valueOf(before, 'http_request_duration_seconds_count', labels), 1)
  t.notOk(after.some((sample) => Object.values(sample.labels).some((value) => value.includes('no-such-article-here'))), 'no series names the URL')
})

t.test('the webhook outbox depth counts the deliveries an event leaves pending, and failed attempts and deliveries are reported', async (t) => {
  const registered = await app.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url: 'https://hooks.worldweekly.example/cdn', events: ['article.published'] } })
  t.equal(registered.statusCode, 201)
  const before = await scrape()
  const published = await app.inject({ method: 'POST', url: '/v1/admin/articles', headers: admin, payload: { headline: 'Floods recede in the delta', body: SIMPLE_BODY, sectionId, status: 'published' } })
  t.equal(published.statusCode, 201)
  const after = await scrape()
  t.equal(valueOf(after, 'news_webhook_deliveries', { status: 'pending' }) - valueOf(before, 'news_webhook_deliveries', { status: 'pending' }), 1)

  // A delivery that ran out of retries, as the worker leaves it, with its last attempt logged.
  const [delivery] = await rows(app, 'webhookDeliveries', { webhookId: registered.json().id })
  await insertRow(app, 'webhookAttempts', { deliveryId: delivery?.id as number, attemptedAt: new Date().toISOString(), durationMs: 120, responseStatus: 500, error: 'HTTP 500' })
  await updateRows(app, 'webhookDeliveries', { status: 'failed' }, { webhookId: registered.json().id })
  const failed = await scrape()
  t.equal(valueOf(failed, 'news_webhook_deliveries', { status: 'failed' }) - valueOf(after, 'news_webhook_deliveries', { status: 'failed' }), 1)
  t.equal(valueOf(failed, 'news_webhook_failed_attempts') - valueOf(after, 'news_webhook_failed_attempts'), 1)
  t.equal(valueOf(failed, 'news_webhook_deliveries', { status: 'pending' }), valueOf(before, 'news_webhook_deliveries', { status: 'pending' }))
})

t.test('the scheduler lag says how late the oldest overdue scheduled article is, and is 0 when none is due', async (t) => {
  t.equal(valueOf(await scrape(), 'news_scheduler_lag_seconds'), 0)
  const id = await insertStoredArticle(app, 'overdue-budget-story', { sectionId, state: 'draft' })
  const anHourAgo = new Date(Date.now() - 3600_000).toISOString()
  await updateRows(app, 'articles', { status: 'scheduled', scheduledAt: anHourAgo }, { id })
  const lag = valueOf(await scrape(), 'news_scheduler_lag_seconds')
  t.ok(lag >= 3600 && lag < 3660, `an hour late (${lag} s)`)
  await updateRows(app, 'articles', { status: 'published', scheduledAt: null, publishedAt: anHourAgo }, { id })
  t.equal(valueOf(await scrape(), 'news_scheduler_lag_seconds'), 0)
})

t.test('the representation queue depth counts the articles a rename left for the refresher, and drops to 0 once it has run', async (t) => {
  const refresher = createRepresentationRefresher({ store: app.store, links: createWebAddresses(app.config), log: app.log, intervalMs: 0 })
  // What the earlier tests wrote straight into the database.
  await refresher.refreshStale()
  const published = await app.inject({ method: 'POST', url: '/v1/admin/articles', headers: admin, payload: { headline: 'Rain returns to the Sahel', body: SIMPLE_BODY, sectionId, status: 'published' } })
  t.equal(published.statusCode, 201)
  t.equal(valueOf(await scrape(), 'news_representations_queued'), 0, 'an article write stores its own')
  await updateRows(app, 'sections', { name: 'The World' }, { id: sectionId })
  t.ok(valueOf(await scrape(), 'news_representations_queued') >= 1)
  await refresher.refreshStale()
  t.equal(valueOf(await scrape(), 'news_representations_queued'), 0)
})

t.test('the response cache reports the bytes it keeps and its lookups by result', async (t) => {
  const before = await scrape()
  const hits = valueOf(before, 'news_response_cache_lookups_total', { result: 'hit' })
  const misses = valueOf(before, 'news_response_cache_lookups_total', { result: 'miss' })
  // A change the public sees first, so the list below is made afresh and kept, then sent from memory.
  await updateRows(app, 'sections', { name: 'The Wide World' }, { id: sectionId })
  t.equal((await app.inject({ url: '/v1/articles?limit=3' })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/articles?limit=3' })).statusCode, 200)
  const after = await scrape()
  t.equal(valueOf(after, 'news_response_cache_lookups_total', { result: 'miss' }), misses + 1)
  t.equal(valueOf(after, 'news_response_cache_lookups_total', { result: 'hit' }), hits + 1)
  t.ok(valueOf(after, 'news_response_cache_bytes') > 0)
})
