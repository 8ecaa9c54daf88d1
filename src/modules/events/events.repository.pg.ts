// The outbox on PostgreSQL: the twin of events.repository.ts. Identity values are handed out when a row is inserted,
// not when its transaction commits, so a reader could see event 8 before event 7 commits and skip 7 for ever: every
// writer takes one transaction-scoped advisory lock before it adds an event and keeps it until commit, so ids are
// handed out in commit order, as SQLite's single writer does. Writes that add events are serialised from that point
// on; they are an editor's saves, a few per second at most.
import { and, asc, gt, isNull, like, sql } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { events } from '../../db/schema.pg.js'
import { embeddingCondition, type EventsRepository } from './events.repository.js'

// Any constant works, as long as nothing else on the server takes the same advisory lock.
export const OUTBOX_LOCK = 7_305_042_011

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

export const articleEventDataSql = (alias: string) => sql.raw(`json_build_object(
  'id', ${alias}.id, 'slug', ${alias}.slug, 'headline', ${alias}.headline, 'status', ${alias}.status, 'version', ${alias}.version,
  'publishedAt', ${iso(`${alias}.published_at`)}, 'updatedAt', ${iso(`${alias}.updated_at`)}, 'embargoedUntil', ${iso(`${alias}.embargoed_until`)}
)`)

export function createPostgresEventsRepository (db: PgExecutor): EventsRepository {
  const lock = () => db.execute(sql`select pg_advisory_xact_lock(${OUTBOX_LOCK})`)
  const lastId = async () => (await db.execute<{ id: number | null }>(sql`select max(id) as id from events`)).rows[0]?.id ?? 0
  const fanOutAfter = (position: number) => db.execute(sql`insert into webhook_deliveries (webhook_id, event_id, article_id)
    select w.id, e.id, e.article_id from events e
    join webhooks w on w.active and exists (select 1 from json_array_elements_text(w.event_types) as t(value) where t.value = e.type)
    where e.id > ${position}
    order by e.id, w.id`)

  return {
    async record (event) {
      await lock()
      const [row] = await db.insert(events).values({ ...event, replyId: event.replyId ?? null }).returning({ id: events.id })
      if (!row) throw new Error('The event was not stored')
      await fanOutAfter(row.id - 1)
      return row.id
    },

    async recordForArticlesShowing (embedding) {
      await lock()
      const position = await lastId()
      const { rows } = await db.execute<{ id: number }>(sql`insert into events (type, article_id, slug, embargoed_until, data)
        select 'article.updated', a.id, a.slug, a.embargoed_until, ${articleEventDataSql('a')}
        from articles a where a.status = 'published' and ${embeddingCondition(embedding)}
        order by a.id
        returning id`)
      await fanOutAfter(position)
      return rows.length
    },

    async listArticleChanges ({ after, limit, includeEmbargoed }) {
      return db.select().from(events)
        .where(and(gt(events.id, after), like(events.type, 'article.%'), includeEmbargoed ? undefined : isNull(events.embargoedUntil)))
        .orderBy(asc(events.id))
        .limit(limit)
    },

    async lastArticleChange ({ includeEmbargoed }) {
      const [row] = await db.select({ id: sql<number | null>`max(${events.id})` }).from(events)
        .where(and(like(events.type, 'article.%'), includeEmbargoed ? undefined : isNull(events.embargoedUntil)))
      return row?.id ?? 0
    }
  }
}
