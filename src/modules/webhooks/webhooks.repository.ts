// Every query about webhooks: the endpoints, their deliveries and attempts, and the claim the delivery worker makes.
import { and, asc, desc, eq, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client.js'
import { events, webhookAttempts, webhookDeliveries, webhooks } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import type { EventType } from '../events/events.js'
import { messageIdOf } from './webhooks.signing.js'
import type { Attempt, Delivery, DeliveryStatus, Webhook } from './webhooks.schemas.js'

export interface NewWebhook {
  url: string
  description: string
  eventTypes: EventType[]
  active: boolean
  secret: string
}

export interface DeliveriesRequest {
  status: DeliveryStatus | undefined
  limit: number
  cursor: string | undefined
}

/** A delivery a worker holds until lockedUntil, with everything it needs to send it. */
export interface ClaimedDelivery {
  id: number
  eventId: number
  articleId: number
  /** Failed attempts so far, which set how long the next wait is. */
  attempts: number
  /** The lease: the worker's claim, and the proof that the delivery is still its own when it records the outcome. */
  lockedUntil: string
  url: string
  secret: string
  type: EventType
  data: Record<string, unknown>
  occurredAt: string
}

export interface AttemptRecord {
  deliveryId: number
  /** The lease the attempt was made under: the delivery's state is updated only while it still holds. */
  lockedUntil: string
  attemptedAt: string
  durationMs: number
  responseStatus: number | null
  error: string | null
  /** What the delivery becomes: succeeded, failed for good, or pending until nextAttemptAt. */
  status: DeliveryStatus
  nextAttemptAt: string | null
}

export interface WebhooksRepository {
  insert: (values: NewWebhook) => Promise<Webhook>
  /** Every endpoint, oldest first. */
  list: () => Promise<Webhook[]>
  findById: (id: number) => Promise<Webhook | null>
  update: (id: number, changes: Partial<NewWebhook>) => Promise<Webhook | null>
  /** Deletes the endpoint with its deliveries and their attempts; false when there is none. */
  delete: (id: number) => Promise<boolean>
  /** An endpoint's deliveries, newest event first, each with its attempts. */
  listDeliveries: (webhookId: number, request: DeliveriesRequest) => Promise<Page<Delivery>>
  findDelivery: (webhookId: number, deliveryId: number) => Promise<Delivery | null>
  /** Makes a delivery pending again, due at `at`, with its retries afresh; false when the endpoint has no such delivery. */
  redeliver: (webhookId: number, deliveryId: number, at: string) => Promise<boolean>
  /**
   * Claims up to `limit` deliveries due at `now` for this worker until `lockedUntil`: pending, to an active endpoint,
   * not held by another worker, and the oldest pending one of their endpoint and article, so that deliveries about
   * one article reach an endpoint in the order they happened.
   */
  claimDue: (now: string, lockedUntil: string, limit: number) => Promise<ClaimedDelivery[]>
  /** Logs an attempt and moves its delivery on, unless the delivery was deleted, redelivered or claimed again meanwhile. */
  recordAttempt: (record: AttemptRecord) => Promise<void>
}

type WebhookRow = typeof webhooks.$inferSelect
type DeliveryRow = Pick<typeof webhookDeliveries.$inferSelect, 'id' | 'eventId' | 'articleId' | 'status' | 'nextAttemptAt' | 'createdAt'> & { type: EventType, occurredAt: string }
type AttemptRow = typeof webhookAttempts.$inferSelect

/** Row to API object, shared with the PostgreSQL twin; the secret never leaves through here. */
export function toWebhook (row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.eventTypes,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
}

function toAttempt (row: AttemptRow): Attempt {
  return {
    attemptedAt: row.attemptedAt,
    status: row.error === null ? 'succeeded' : 'failed',
    responseStatus: row.responseStatus,
    error: row.error,
    durationMs: row.durationMs
  }
}

/** Deliveries with their attempts, as the API shows them; shared with the PostgreSQL twin. */
export function toDeliveries (rows: DeliveryRow[], attempts: AttemptRow[]): Delivery[] {
  const byDelivery = new Map<number, Attempt[]>()
  for (const attempt of attempts) {
    const list = byDelivery.get(attempt.deliveryId) ?? []
    list.push(toAttempt(attempt))
    byDelivery.set(attempt.deliveryId, list)
  }
  return rows.map((row) => ({
    id: row.id,
    messageId: messageIdOf(row),
    eventId: row.eventId,
    type: row.type,
    articleId: row.articleId,
    status: row.status,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    createdAt: row.createdAt,
    attempts: byDelivery.get(row.id) ?? []
  }))
}

/** The page of a deliveries list, and the cursor to the next: the event id of its last delivery. */
export function deliveriesPage (rows: DeliveryRow[], limit: number, attempts: AttemptRow[]): Page<Delivery> {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { data: toDeliveries(page, attempts), nextCursor: rows.length > limit && last ? encodeCursor(['', last.eventId]) : null }
}

/** The event id a deliveries cursor continues after. */
export function afterEventOf (cursor: string | undefined): number | undefined {
  return cursor === undefined ? undefined : decodeCursor(cursor)[1]
}

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

export function createWebhooksRepository (db: Db): WebhooksRepository {
  const earlier = alias(webhookDeliveries, 'earlier')
  const d = webhookDeliveries

  const deliveries = (where: ReturnType<typeof and>, limit: number) => {
    const rows = db.select(deliveryColumns).from(d).innerJoin(events, eq(events.id, d.eventId))
      .where(where).orderBy(desc(d.eventId)).limit(limit).all()
    const attempts = rows.length === 0
      ? []
      : db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, rows.map((row) => row.id))).orderBy(asc(webhookAttempts.id)).all()
    return { rows, attempts }
  }

  return {
    async insert (values) {
      return toWebhook(db.insert(webhooks).values(values).returning().get())
    },

    async list () {
      return db.select().from(webhooks).orderBy(asc(webhooks.id)).all().map(toWebhook)
    },

    async findById (id) {
      const row = db.select().from(webhooks).where(eq(webhooks.id, id)).get()
      return row ? toWebhook(row) : null
    },

    async update (id, changes) {
      const row = db.update(webhooks).set({ ...changes, updatedAt: new Date().toISOString() }).where(eq(webhooks.id, id)).returning().get()
      return row ? toWebhook(row) : null
    },

    async delete (id) {
      return db.delete(webhooks).where(eq(webhooks.id, id)).run().changes === 1
    },

    async listDeliveries (webhookId, { status, limit, cursor }) {
      const after = afterEventOf(cursor)
      const { rows, attempts } = deliveries(and(
        eq(d.webhookId, webhookId),
        status === undefined ? undefined : eq(d.status, status),
        after === undefined ? undefined : lt(d.eventId, after)
      ), limit + 1)
      return deliveriesPage(rows, limit, attempts)
    },

    async findDelivery (webhookId, deliveryId) {
      const { rows, attempts } = deliveries(and(eq(d.webhookId, webhookId), eq(d.id, deliveryId)), 1)
      return toDeliveries(rows, attempts)[0] ?? null
    },

    async redeliver (webhookId, deliveryId, at) {
      return db.update(d)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: at, lockedUntil: null, updatedAt: at })
        .where(and(eq(d.webhookId, webhookId), eq(d.id, deliveryId)))
        .run().changes === 1
    },

    // BEGIN IMMEDIATE holds the write lock from the first read: no other process claims between the select and the update.
    async claimDue (now, lockedUntil, limit) {
      const due = db.select({ id: d.id }).from(d)
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
      const claimed = db.update(d).set({ lockedUntil }).where(inArray(d.id, due)).returning({ id: d.id }).all()
      if (claimed.length === 0) return []
      return db.select(claimColumns).from(d)
        .innerJoin(webhooks, eq(webhooks.id, d.webhookId))
        .innerJoin(events, eq(events.id, d.eventId))
        .where(inArray(d.id, claimed.map((row) => row.id)))
        .orderBy(asc(d.id))
        .all()
        .map((row) => ({ ...row, lockedUntil }))
    },

    async recordAttempt ({ deliveryId, lockedUntil, attemptedAt, durationMs, responseStatus, error, status, nextAttemptAt }) {
      if (!db.select({ id: d.id }).from(d).where(eq(d.id, deliveryId)).get()) return
      db.insert(webhookAttempts).values({ deliveryId, attemptedAt, durationMs, responseStatus, error }).run()
      db.update(d)
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
        .run()
    }
  }
}
