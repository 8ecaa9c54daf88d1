// The delivery worker: claims due deliveries, posts them signed, and logs each attempt, in every process that runs it.
// Deliveries are rows written with their events, so none is lost when a process dies: its leases run out and
// another worker (or the same one after a restart) sends them again under the same webhook-id.
import type { FastifyBaseLogger } from 'fastify'
import { performance } from 'node:perf_hooks'
import type { Store } from '../../db/store.js'
import type { EventType } from '../events/events.js'
import type { ClaimedDelivery } from './webhooks.repository.js'
import { messageIdOf, signatureHeaders } from './webhooks.signing.js'
import { postWebhook } from './webhooks.transport.js'

// Waits after the 1st, 2nd, ... failed attempt: 11 attempts over about a day, then the delivery has failed.
const RETRY_WAITS_S = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800, 28800]
// Up to this share of each wait is added at random, so endpoints that failed together are not retried together.
const JITTER = 0.2
// How long a claim outlives the attempt's own deadline: time to record the outcome, and slack for a slow database.
const LEASE_MARGIN_MS = 30_000
const DEFAULT_BATCH_SIZE = 10

// These events change which articles a list holds, so every list is purged with the article's own key.
const LIST_CHANGES: ReadonlySet<EventType> = new Set(['article.published', 'article.unpublished', 'article.deleted'])

/** How long to wait after the given number of failed attempts, or null when the delivery has had its last. */
export function retryWait (failedAttempts: number, random: () => number = Math.random): number | null {
  const wait = RETRY_WAITS_S[failedAttempts - 1]
  return wait === undefined ? null : Math.round(wait * 1000 * (1 + JITTER * random()))
}

/**
 * The surrogate keys the responses showing an article name (the article, every list when it enters or leaves them, and
 * the change feed, whose up-to-date page shows no article yet): a CDN purge hook purges these and needs nothing else.
 */
export function surrogateKeysOf (type: EventType, articleId: number): string[] {
  return LIST_CHANGES.has(type) ? ['articles', 'changes', `article-${articleId}`] : ['changes', `article-${articleId}`]
}

/** The body of a delivery, in the Standard Webhooks shape: the type, when the event happened, and its data. */
export function payloadOf (delivery: Pick<ClaimedDelivery, 'type' | 'occurredAt' | 'data' | 'articleId'>): string {
  const data = delivery.type.startsWith('article.')
    ? { ...delivery.data, surrogateKeys: surrogateKeysOf(delivery.type, delivery.articleId) }
    : delivery.data
  return JSON.stringify({ type: delivery.type, timestamp: delivery.occurredAt, data })
}

export interface WebhookWorker {
  /**
   * Sends every delivery that is due, including those that become due as earlier ones about their article go out, and
   * returns how many attempts it made. `at` holds the clock at that time, for tests; by default it is the real time.
   */
  deliverDue: (at?: Date) => Promise<number>
  /** Delivers what is due at once (catching up after downtime), then every intervalMs after each round ends. */
  start: () => void
  /** Stops the timer and waits for the round under way, so the database is not closed under it. */
  stop: () => Promise<void>
}

export function createWebhookWorker (deps: {
  store: Store
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>
  intervalMs: number
  timeoutMs: number
  allowPrivate: boolean
  /** The wait after a number of failed attempts, or null to give up. */
  retryWait?: (failedAttempts: number) => number | null
  batchSize?: number
}): WebhookWorker {
  const { store, log, intervalMs, timeoutMs, allowPrivate, retryWait: waitAfter = retryWait, batchSize = DEFAULT_BATCH_SIZE } = deps
  let timer: NodeJS.Timeout | null = null
  let round: Promise<unknown> | null = null
  let running = false
  // Set by stop(): the round under way finishes the batch it has claimed and claims no more, so a shutdown waits
  // for one batch (at most one timeout), not for every delivery that is due.
  let stopping = false

  async function attempt (delivery: ClaimedDelivery, now: Date): Promise<void> {
    const body = payloadOf(delivery)
    const started = performance.now()
    const outcome = await postWebhook(new URL(delivery.url), signatureHeaders(delivery.secret, messageIdOf(delivery), now, body), body, { timeoutMs, allowPrivate })
    const durationMs = Math.round(performance.now() - started)
    const wait = outcome.error === null ? null : waitAfter(delivery.attempts + 1)
    const status = outcome.error === null ? 'succeeded' : wait === null ? 'failed' : 'pending'
    if (outcome.error !== null) log.warn({ deliveryId: delivery.id, error: outcome.error, status }, 'webhook delivery attempt failed')
    await store.transaction(async (tx) => tx.webhooks.recordAttempt({
      deliveryId: delivery.id,
      lockedUntil: delivery.lockedUntil,
      attemptedAt: now.toISOString(),
      durationMs,
      ...outcome,
      status,
      nextAttemptAt: wait === null ? null : new Date(now.getTime() + wait).toISOString()
    }))
  }

  async function deliverDue (at?: Date): Promise<number> {
    let attempted = 0
    for (;;) {
      // The time of each batch, unless a test holds the clock: a long round must not sign with a stale timestamp,
      // which receivers refuse as a replay.
      const now = at ?? new Date()
      const lockedUntil = new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS).toISOString()
      if (stopping) return attempted
      const claimed = await store.transaction(async (tx) => tx.webhooks.claimDue(now.toISOString(), lockedUntil, batchSize))
      if (claimed.length === 0) return attempted
      await Promise.all(claimed.map((delivery) => attempt(delivery, now)))
      attempted += claimed.length
    }
  }

  function runRound (): void {
    round = deliverDue()
      // A busy or briefly unavailable database must not stop the worker: the next round tries again.
      .catch((error: unknown) => log.error({ err: error }, 'delivering webhooks failed'))
      .finally(() => {
        if (!running) return
        timer = setTimeout(runRound, intervalMs)
        // The worker never keeps a process alive on its own.
        timer.unref()
      })
  }

  return {
    deliverDue,
    start () {
      if (running) return
      running = true
      stopping = false
      runRound()
    },
    async stop () {
      running = false
      stopping = true
      if (timer) clearTimeout(timer)
      timer = null
      await round
    }
  }
}
