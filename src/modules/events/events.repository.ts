// The outbox on SQLite: events written in the unit of work of the change they describe, read by the change feed and
// fanned out to webhook deliveries as they are written. BEGIN IMMEDIATE makes every writer wait for the one before
// it, so ids grow in commit order.
import { and, asc, gt, isNull, like, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { preparedOnFirstUse } from '../../db/prepared.js'
import { events } from '../../db/schema.js'
import { sectionSubtree } from '../../db/visibility.js'
import type { Embedding, EventType, StoredEvent } from './events.js'

export interface NewEvent {
  type: EventType
  articleId: number
  slug: string
  replyId?: number | null
  embargoedUntil: string | null
  data: Record<string, unknown>
}

export interface ChangesRequest {
  /** Events after this id. */
  after: number
  limit: number
  /** Partners see what is under embargo; the public does not. */
  includeEmbargoed: boolean
}

export interface EventsRepository {
  /** Writes the event and a pending delivery of it to each active webhook that asked for its type; returns its id. */
  record: (event: NewEvent) => Promise<number>
  /** An article.updated event for each published article that shows the section (or a section below it), author or tag. */
  recordForArticlesShowing: (embedding: Embedding) => Promise<number>
  /** Article events after a position, oldest first. */
  listArticleChanges: (request: ChangesRequest) => Promise<StoredEvent[]>
  /** The id of the newest article event the audience's change feed shows, 0 when there is none. */
  lastArticleChange: (options: { includeEmbargoed: boolean }) => Promise<number>
}

// What a webhook receiver is told about an article, as it is at the time of the event, in the keys' order PostgreSQL
// builds too.
export const articleEventDataSql = (alias: string) => sql.raw(`json_object(
  'id', ${alias}.id, 'slug', ${alias}.slug, 'headline', ${alias}.headline, 'status', ${alias}.status, 'version', ${alias}.version,
  'publishedAt', ${alias}.published_at, 'updatedAt', ${alias}.updated_at, 'embargoedUntil', ${alias}.embargoed_until
)`)

/** The articles that show a section (or one below it), author or tag: SQL both engines speak, over `articles a`. */
export function embeddingCondition (embedding: Embedding) {
  if ('sectionId' in embedding) {
    // A section's name shows in the breadcrumb of every article in the sections below it.
    return sql`a.section_id in (${sectionSubtree(sql`${embedding.sectionId}`)} select id from subtree)`
  }
  if ('authorId' in embedding) return sql`a.id in (select article_id from article_authors where author_id = ${embedding.authorId})`
  return sql`a.id in (select article_id from article_tags where tag_id = ${embedding.tagId})`
}

export function createEventsRepository (db: Db): EventsRepository {
  const insert = preparedOnFirstUse(() => db.insert(events).values({
    type: sql.placeholder('type'),
    articleId: sql.placeholder('articleId'),
    slug: sql.placeholder('slug'),
    replyId: sql.placeholder('replyId'),
    embargoedUntil: sql.placeholder('embargoedUntil'),
    data: sql.placeholder('data')
  }).returning({ id: events.id }).prepare())
  const lastId = () => db.get<{ id: number | null }>(sql`select max(id) as id from events`)?.id ?? 0
  // The events after a position, each to every active webhook that asked for its type.
  const fanOutAfter = (position: number) => db.run(sql`insert into webhook_deliveries (webhook_id, event_id, article_id)
    select w.id, e.id, e.article_id from events e
    join webhooks w on w.active = 1 and exists (select 1 from json_each(w.event_types) where value = e.type)
    where e.id > ${position}
    order by e.id, w.id`)

  return {
    async record (event) {
      const { id } = insert.get({ ...event, replyId: event.replyId ?? null }) as { id: number }
      fanOutAfter(id - 1)
      return id
    },

    async recordForArticlesShowing (embedding) {
      const position = lastId()
      const rows = db.all<{ id: number }>(sql`insert into events (type, article_id, slug, embargoed_until, data)
        select 'article.updated', a.id, a.slug, a.embargoed_until, ${articleEventDataSql('a')}
        from articles a where a.status = 'published' and ${embeddingCondition(embedding)}
        order by a.id
        returning id`)
      fanOutAfter(position)
      return rows.length
    },

    async listArticleChanges ({ after, limit, includeEmbargoed }) {
      return db.select().from(events)
        .where(and(gt(events.id, after), like(events.type, 'article.%'), includeEmbargoed ? undefined : isNull(events.embargoedUntil)))
        .orderBy(asc(events.id))
        .limit(limit)
        .all()
    },

    async lastArticleChange ({ includeEmbargoed }) {
      return db.select({ id: sql<number | null>`max(${events.id})` }).from(events)
        .where(and(like(events.type, 'article.%'), includeEmbargoed ? undefined : isNull(events.embargoedUntil)))
        .get()?.id ?? 0
    }
  }
}
