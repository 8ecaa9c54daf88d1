// The queries behind readiness and metrics on PostgreSQL: the twin of operations.repository.ts.
import { and, count, eq, isNotNull, lte, min, sql } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articleRepresentationQueue, articles, webhookAttempts, webhookDeliveries } from '../../db/schema.pg.js'
import { deliveryCounts, earliest, type OperationsRepository } from './operations.repository.js'

export function createPostgresOperationsRepository (db: PgExecutor): OperationsRepository {
  return {
    async appliedMigrations () {
      // Drizzle's journal, outside our schema; the store made it when it migrated at start.
      const { rows } = await db.execute<{ created_at: string }>(sql`select created_at from drizzle.__drizzle_migrations`)
      return rows.map((row) => Number(row.created_at))
    },
    async backlog (now) {
      // One after another: a scrape takes one pooled connection, not five.
      const [scheduled] = await db.select({ at: min(articles.scheduledAt) }).from(articles).where(and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, now)))
      const [embargo] = await db.select({ at: min(articles.embargoedUntil) }).from(articles).where(lte(articles.embargoedUntil, now))
      const deliveries = await db.select({ status: webhookDeliveries.status, count: count() }).from(webhookDeliveries).groupBy(webhookDeliveries.status)
      const [failed] = await db.select({ count: count() }).from(webhookAttempts).where(isNotNull(webhookAttempts.error))
      const [queued] = await db.select({ count: count() }).from(articleRepresentationQueue)
      return {
        oldestDueAt: earliest(scheduled?.at, embargo?.at),
        deliveries: deliveryCounts(deliveries),
        failedAttempts: failed?.count ?? 0,
        queuedRepresentations: queued?.count ?? 0
      }
    }
  }
}
