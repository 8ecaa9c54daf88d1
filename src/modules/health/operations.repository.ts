// The queries behind readiness and metrics: which migrations the database has, and the work it holds that is late.
import { and, count, eq, isNotNull, lte, min, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articleRepresentationQueue, articles, webhookAttempts, webhookDeliveries, WEBHOOK_DELIVERY_STATUSES } from '../../db/schema.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

export type DeliveryCounts = Record<typeof WEBHOOK_DELIVERY_STATUSES[number], number>

/** Work the background workers owe at a moment, for the metrics. */
export interface Backlog {
  /** When the oldest publication or embargo lift that is due at that moment fell due; null when none is. */
  oldestDueAt: string | null
  /** Webhook deliveries by status: pending ones are the outbox not yet sent, failed ones gave up after every retry. */
  deliveries: DeliveryCounts
  /** Attempts at webhook deliveries that got no 2xx answer, over the deliveries kept. */
  failedAttempts: number
  /** Articles whose stored representation waits for the refresher: reads render them afresh meanwhile. */
  queuedRepresentations: number
}

export interface OperationsRepository {
  /** The creation time of every migration the database records as applied, as Drizzle's migrator keeps them. */
  appliedMigrations: () => Promise<number[]>
  backlog: (now: string) => Promise<Backlog>
}

/** Counts by status, with every status present. Shared with the PostgreSQL twin. */
export function deliveryCounts (rows: Array<{ status: string, count: number }>): DeliveryCounts {
  const counts = Object.fromEntries(WEBHOOK_DELIVERY_STATUSES.map((status) => [status, 0])) as DeliveryCounts
  for (const row of rows) counts[row.status as keyof DeliveryCounts] = Number(row.count)
  return counts
}

/** The earlier of two ISO 8601 UTC times, either possibly absent. Shared with the PostgreSQL twin. */
export function earliest (a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a || !b) return a ?? b ?? null
  return a < b ? a : b
}

export function createOperationsRepository (db: Db): OperationsRepository {
  const oldestScheduled = preparedOnFirstUse(() => db.select({ at: min(articles.scheduledAt) }).from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, sql.placeholder('now')))).prepare())
  const oldestEmbargo = preparedOnFirstUse(() => db.select({ at: min(articles.embargoedUntil) }).from(articles)
    .where(lte(articles.embargoedUntil, sql.placeholder('now'))).prepare())
  const deliveries = preparedOnFirstUse(() => db.select({ status: webhookDeliveries.status, count: count() }).from(webhookDeliveries).groupBy(webhookDeliveries.status).prepare())
  const failedAttempts = preparedOnFirstUse(() => db.select({ count: count() }).from(webhookAttempts).where(isNotNull(webhookAttempts.error)).prepare())
  const queuedRepresentations = preparedOnFirstUse(() => db.select({ count: count() }).from(articleRepresentationQueue).prepare())

  return {
    async appliedMigrations () {
      // Drizzle's journal, outside our schema; the store made it when it migrated at start.
      return db.all<{ created_at: number }>(sql`select created_at from __drizzle_migrations`).map((row) => Number(row.created_at))
    },
    async backlog (now) {
      return {
        oldestDueAt: earliest(oldestScheduled.get({ now })?.at, oldestEmbargo.get({ now })?.at),
        deliveries: deliveryCounts(deliveries.all()),
        failedAttempts: failedAttempts.get()?.count ?? 0,
        queuedRepresentations: queuedRepresentations.get()?.count ?? 0
      }
    }
  }
}
