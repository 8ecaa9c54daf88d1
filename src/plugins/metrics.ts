// /metrics for Prometheus: requests by route and status, their durations, the process, the database, and the
// background workers' backlog (scheduled publications, webhook deliveries).
import { createHash, timingSafeEqual } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Store } from '../db/store.js'
import { HttpError, UnauthorizedError } from '../shared/errors.js'
import type { ResponseCache } from '../shared/response-cache.js'
import { problemResponse } from '../shared/http-schemas.js'

export interface MetricsOptions {
  store: Store
  /** The secret Prometheus sends as a Bearer token; null turns /metrics off. */
  token: string | null
}

// From 5 ms, a read served from the stored representation, to 10 s, the statement timeout's default.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

let processRegistry: Registry | undefined

/**
 * CPU, memory, event loop and garbage collection: they describe the process, not an app, and each set of collectors
 * watches the event loop and the collector for as long as the process lives, so a process has one set, however many
 * apps it builds (tests build hundreds).
 */
function processMetrics (): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

function digest (secret: string): Buffer {
  return createHash('sha256').update(secret).digest()
}

/** Compared as digests, in constant time: neither the length nor the first wrong character shows in the timing. */
function authorized (header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match !== null && timingSafeEqual(digest(match[1] as string), expected)
}

/** The app's own metrics, in a registry of its own: the global one would mix the counts of every app a process builds. */
function createAppMetrics (store: Store) {
  const registry = new Registry()
  const registers = [registry]
  const labelNames = ['method', 'route', 'status_code'] as const
  const metrics = {
    registry,
    requests: new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by method, route pattern and status.', labelNames, registers }),
    durations: new Histogram({ name: 'http_request_duration_seconds', help: 'Time to answer HTTP requests, by method, route pattern and status.', labelNames, buckets: DURATION_BUCKETS, registers }),
    schedulerLag: new Gauge({ name: 'news_scheduler_lag_seconds', help: 'How late the oldest due scheduled publication or embargo lift is; 0 when none is due.', registers }),
    deliveries: new Gauge({ name: 'news_webhook_deliveries', help: 'Webhook deliveries by status: pending is the outbox not yet sent, failed gave up after every retry.', labelNames: ['status'] as const, registers }),
    failedAttempts: new Gauge({ name: 'news_webhook_failed_attempts', help: 'Webhook delivery attempts that got no 2xx answer, over the deliveries kept.', registers }),
    queuedRepresentations: new Gauge({ name: 'news_representations_queued', help: 'Articles whose stored representation waits for the refresher; reads render them afresh meanwhile.', registers }),
    keptBytes: new Gauge({ name: 'news_response_cache_bytes', help: 'Bytes of public lists, feeds and sitemaps kept in memory (RESPONSE_CACHE_MB).', registers }),
    keptLookups: new Counter({ name: 'news_response_cache_lookups_total', help: 'Public requests that looked for a kept response, by result: hit (sent from memory) or miss.', labelNames: ['result'] as const, registers })
  }
  if (store.engine === 'postgres') {
    return {
      ...metrics,
      pool: new Gauge({ name: 'news_db_pool_connections', help: 'PostgreSQL connections in the pool, by state: total or idle.', labelNames: ['state'] as const, registers }),
      waiting: new Gauge({ name: 'news_db_pool_waiting_requests', help: 'Queries waiting for a PostgreSQL connection from the pool.', registers })
    }
  }
  return { ...metrics, files: new Gauge({ name: 'news_sqlite_file_bytes', help: 'Size of the SQLite database file and of its write-ahead log.', labelNames: ['file'] as const, registers }) }
}

type AppMetrics = ReturnType<typeof createAppMetrics>

/** Reads the database's figures into the gauges: once per scrape, rather than a query per gauge. */
async function refresh (metrics: AppMetrics, store: Store, kept: ResponseCache): Promise<void> {
  metrics.keptBytes.set(kept.size)
  // Counted by the cache, which knows nothing of Prometheus: the counter is set to its totals at each scrape.
  metrics.keptLookups.reset()
  metrics.keptLookups.inc({ result: 'hit' }, kept.hits)
  metrics.keptLookups.inc({ result: 'miss' }, kept.misses)
  const now = new Date()
  const backlog = await store.read.operations.backlog(now.toISOString())
  metrics.schedulerLag.set(backlog.oldestDueAt === null ? 0 : Math.max(0, now.getTime() - Date.parse(backlog.oldestDueAt)) / 1000)
  for (const [status, count] of Object.entries(backlog.deliveries)) metrics.deliveries.set({ status }, count)
  metrics.failedAttempts.set(backlog.failedAttempts)
  metrics.queuedRepresentations.set(backlog.queuedRepresentations)
  const gauges = store.gauges()
  if (gauges.engine === 'postgres' && 'pool' in metrics) {
    metrics.pool.set({ state: 'total' }, gauges.connections)
    metrics.pool.set({ state: 'idle' }, gauges.idleConnections)
    metrics.waiting.set(gauges.waitingRequests)
  } else if (gauges.engine === 'sqlite' && 'files' in metrics) {
    metrics.files.set({ file: 'database' }, gauges.databaseBytes)
    metrics.files.set({ file: 'wal' }, gauges.walBytes)
  }
}

const DESCRIPTION = 'The Prometheus text exposition format: http_requests_total and http_request_duration_seconds by method, route pattern ' +
  '(never the raw URL) and status; the process (CPU, memory, event loop, garbage collection); the database (news_db_pool_* on PostgreSQL, ' +
  'news_sqlite_file_bytes on SQLite); news_scheduler_lag_seconds; news_webhook_deliveries by status and news_webhook_failed_attempts; ' +
  'news_representations_queued; news_response_cache_bytes and news_response_cache_lookups_total by result. ' +
  'Needs METRICS_TOKEN as a Bearer token, not an API token: request counts by route would tell the world when the newsroom works on ' +
  'unpublished pieces. Off (404) while METRICS_TOKEN is unset. Never cached.'

export default fp(async function metricsPlugin (app: FastifyInstance, { store, token }: MetricsOptions) {
  const expected = token === null ? null : digest(token)
  const metrics = expected === null ? null : createAppMetrics(store)

  if (metrics) {
    // A callback hook, not an async one: it runs on every request.
    app.addHook('onResponse', (request, reply, done) => {
      // The route's pattern, never the URL: one series per route, not one per article or per query string.
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: reply.statusCode }
      metrics.requests.inc(labels)
      metrics.durations.observe(labels, reply.elapsedTime / 1000)
      done()
    })
  }

  app.get('/metrics', {
    config: { ownAuthorization: true },
    schema: {
      tags: ['Operations'],
      operationId: 'getMetrics',
      summary: 'Metrics for Prometheus',
      description: DESCRIPTION,
      // Out of the OpenAPI document, which is for the API's clients: Prometheus reads no spec, the answer is not JSON,
      // and no client of the API holds METRICS_TOKEN. The README documents it.
      hide: true,
      response: {
        200: { description: 'The metrics, in the Prometheus text format 0.0.4.', content: { 'text/plain': { schema: Type.String({ examples: ['# HELP http_requests_total HTTP requests answered…\nhttp_requests_total{method="GET",route="/v1/articles/:slug",status_code="200"} 42'] }) } } },
        401: problemResponse('No Authorization header, or not METRICS_TOKEN as a Bearer token (METRICS_TOKEN_REQUIRED).'),
        404: problemResponse('METRICS_TOKEN is not set, so metrics are off (METRICS_OFF).')
      }
    }
  }, async (request, reply) => {
    if (!metrics || !expected) throw new HttpError(404, 'METRICS_OFF', 'Not Found', 'Metrics are off: set METRICS_TOKEN to serve them to Prometheus.')
    if (!authorized(request.headers.authorization, expected)) {
      throw new UnauthorizedError('METRICS_TOKEN_REQUIRED', 'Send METRICS_TOKEN as "Authorization: Bearer <token>"; API tokens do not read metrics.')
    }
    await refresh(metrics, store, app.responseCache)
    const registry = Registry.merge([processMetrics(), metrics.registry])
    reply.header('cache-control', 'no-store').type(registry.contentType)
    return registry.metrics()
  })
}, { name: 'metrics' })
