// Every query about webhooks, on PostgreSQL: the twin of webhooks.repository.ts.
import { and, asc, desc, eq, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { PgExecutor } from '../../db/postgres.js'
import { events, webhookAttempts, webhookDeliveries, webhooks } from '../../db/schema.pg.js'
import { afterEventOf, deliveriesPage, toDeliveries, toWebhook, type WebhooksRepository } from './webhooks.repository.js'

const deliveryColumns = {
  id: webhookDeliveries.id,
  eventId: webhookDeliveries.eventId,
  articleId: webhookDeliveries.articleId,
  status: webhookDeliveries.status,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  createdAt: webhookDeliveries.createdAt,
  type: events.type,
  occurredAt: events.createdAt
}

const claimColumns = {
  id: webhookDeliveries.id,
  eventId: webhookDeliveries.eventId,
  articleId: webhookDeliveries.articleId,
  attempts: webhookDeliveries.attempts,
  url: webhooks.url,
  secret: webhooks.secret,
  type: events.type,
  data: events.data,
  occurredAt: events.createdAt
}

export function createPostgresWebhooksRepository (db: PgExecutor): WebhooksRepository {
  const earlier = alias(webhookDeliveries, 'earlier')
  const d = webhookDeliveries

  const deliveries = async (where: ReturnType<typeof and>, limit: number) => {
    const rows = await db.select(deliveryColumns).from(d).innerJoin(events, eq(events.id, d.eventId))
      .where(where).orderBy(desc(d.eventId)).limit(limit)
    const attempts = rows.length === 0
      ? []
      : await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, rows.map((row) => row.id))).orderBy(asc(webhookAttempts.id))
    return { rows, attempts }
  }

  return {
    async insert (values) {
      const [row] = await db.insert(webhooks).values(values).returning()
      if (!row) throw new Error('The webhook was not stored')
      return toWebhook(row)
    },

    async list () {
      return (await db.select().from(webhooks).orderBy(asc(webhooks.id))).map(toWebhook)
    },

    async findById (id) {
      const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id))
      return row ? toWebhook(row) : null
    },

    async update (id, changes) {
      const [row] = await db.update(webhooks).set({ ...changes, updatedAt: new Date().toISOString() }).where(eq(webhooks.id, id)).returning()
      return row ? toWebhook(row) : null
    },

    async delete (id) {
      return (await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id })).length === 1
    },

    async listDeliveries (webhookId, { status, limit, cursor }) {
      const after = afterEventOf(cursor)
      const { rows, attempts } = await deliveries(and(
        eq(d.webhookId, webhookId),
        status === undefined ? undefined : eq(d.status, status),
        after === undefined ? undefined : lt(d.eventId, after)
      ), limit + 1)
      return deliveriesPage(rows, limit, attempts)
    },

    async findDelivery (webhookId, deliveryId) {
      const { rows, attempts } = await deliveries(and(eq(d.webhookId, webhookId), eq(d.id, deliveryId)), 1)
      return toDeliveries(rows, attempts)[0] ?? null
    },

    async redeliver (webhookId, deliveryId, at) {
      const changed = await db.update(d)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: at, lockedUntil: null, updatedAt: at })
        .where(and(eq(d.webhookId, webhookId), eq(d.id, deliveryId)))
        .returning({ id: d.id })
      return changed.length === 1
    },

    /**
     * SKIP LOCKED lets several instances claim at once, each taking rows no other holds; a row another instance
     * claimed and committed meanwhile is re-read under its lock and dropped, as its lease is then in the future. An
     * earlier delivery about the same article held by another instance is still pending, so the later one waits.
     */
    async claimDue (now, lockedUntil, limit) {
      const due = await db.select({ id: d.id }).from(d)
        .innerJoin(webhooks, and(eq(webhooks.id, d.webhookId), eq(webhooks.active, true)))
        .where(and(
          eq(d.status, 'pending'),
          lte(d.nextAttemptAt, now),
          or(isNull(d.lockedUntil), lte(d.lockedUntil, now)),
          notExists(db.select({ one: sql`1` }).from(earlier).where(and(
            eq(earlier.webhookId, d.webhookId), eq(earlier.articleId, d.articleId), eq(earlier.status, 'pending'), lt(earlier.id, d.id)
          )))
        ))
        .orderBy(asc(d.nextAttemptAt), asc(d.id))
        .limit(limit)
        .for('update', { of: d, skipLocked: true })
      if (due.length === 0) return []
      const ids = due.map((row) => row.id)
      await db.update(d).set({ lockedUntil }).where(inArray(d.id, ids))
      const claimed = await db.select(claimColumns).from(d)
        .innerJoin(webhooks, eq(webhooks.id, d.webhookId))
        .innerJoin(events, eq(events.id, d.eventId))
        .where(inArray(d.id, ids))
        .orderBy(asc(d.id))
      return claimed.map((row) => ({ ...row, lockedUntil }))
    },

    async recordAttempt ({ deliveryId, lockedUntil, attemptedAt, durationMs, responseStatus, error, status, nextAttemptAt }) {
      // Locked first, so a delete of the endpoint at this moment either goes before (nothing is logged) or waits.
      const [current] = await db.select({ id: d.id }).from(d).where(eq(d.id, deliveryId)).for('update')
      if (!current) return
      await db.insert(webhookAttempts).values({ deliveryId, attemptedAt, durationMs, responseStatus, error })
      await db.update(d)
        .set({
          status,
          attempts: sql`${d.attempts} + 1`,
          ...(nextAttemptAt !== null && { nextAttemptAt }),
          lockedUntil: null,
          lastAttemptAt: attemptedAt,
          lastResponseStatus: responseStatus,
          lastError: error,
          updatedAt: attemptedAt
        })
        .where(and(eq(d.id, deliveryId), eq(d.lockedUntil, lockedUntil)))
    }
  }
}
