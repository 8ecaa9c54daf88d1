// Every query about reader replies on PostgreSQL: the twin of replies.repository.ts, whose row mappings it reuses.
import { and, asc, count, eq, gt, inArray, ne, sql, type SQLWrapper } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articles, replies, sections } from '../../db/schema.pg.js'
import { isPublic } from '../../db/visibility.js'
import { decodeTimeCursor, type CursorKey } from '../../shared/cursor.js'
import { paginate, toModerated, toThreadItem, type RepliesRepository, type ThreadRow } from './replies.repository.js'

// The first of the two keys of every reply-thread lock; the second is the article's id.
const THREAD_LOCK_CLASS = 72662077

// The parameter is cast: in a row comparison PostgreSQL does not infer its type from the column.
const after = (createdAt: SQLWrapper, id: SQLWrapper, [time, afterId]: CursorKey) => sql`(${createdAt}, ${id}) > (cast(${time} as timestamptz), ${afterId})`

const moderatedColumns = {
  id: replies.id,
  parentId: replies.parentId,
  authorName: replies.authorName,
  body: replies.body,
  createdAt: replies.createdAt,
  articleId: replies.articleId,
  articleSlug: articles.slug,
  articleHeadline: articles.headline,
  authorEmail: replies.authorEmail,
  ipHash: replies.ipHash,
  status: replies.status,
  updatedAt: replies.updatedAt,
  moderatedAt: replies.moderatedAt,
  moderatedBy: replies.moderatedBy
}

const notRemoved = ne(replies.status, 'removed')

type ThreadRecord = Omit<ThreadRow, 'createdAt'> & { createdAt: Date | string }

export function createPostgresRepliesRepository (db: PgExecutor): RepliesRepository {
  // Withdrawn articles keep their URL but lose their replies, like their body.
  const visibleArticle = async (slug: string) => (await db
    .select({ id: articles.id, repliesEnabled: articles.repliesEnabled, sectionAutoApprove: sections.repliesAutoApprove })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(eq(articles.slug, slug), isPublic(articles))))[0] ?? null

  /**
   * Approved replies, and placeholders for the hidden or removed replies above any of them, in one keyset order.
   * Hidden ancestors are found by walking up from every approved reply until an approved one is reached. The first
   * page has no keyset condition: SQLite's stand-in cursor there, '', is not a time PostgreSQL would read.
   */
  const threadPage = async (articleId: number, cursor: CursorKey | undefined, limit: number): Promise<ThreadRow[]> => {
    const keyset = cursor === undefined ? sql`true` : after(sql`r.created_at`, sql`r.id`, cursor)
    const { rows } = await db.execute<ThreadRecord>(sql`
      with recursive hidden_ancestors(id, parent_id) as (
        select parent.id, parent.parent_id from replies child join replies parent on parent.id = child.parent_id
        where child.article_id = ${articleId} and child.status = 'approved' and parent.status <> 'approved'
        union
        select parent.id, parent.parent_id from hidden_ancestors hidden join replies parent on parent.id = hidden.parent_id
        where parent.status <> 'approved'
      )
      select r.id, r.parent_id as "parentId", r.author_name as "authorName", r.body, r.created_at as "createdAt", 0 as placeholder
      from replies r
      where r.article_id = ${articleId} and r.status = 'approved' and ${keyset}
      union all
      select r.id, r.parent_id, null, null, r.created_at, 1
      from replies r join hidden_ancestors hidden on hidden.id = r.id
      where ${keyset}
      order by "createdAt", id
      limit ${limit}
    `)
    // Raw SQL skips the column's mapping: Drizzle's driver hands timestamptz over as PostgreSQL's text, in the
    // session's time zone, where the API shows an ISO string in UTC.
    return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt).toISOString() }))
  }

  const findById = async (id: number) => {
    const [row] = await db.select(moderatedColumns).from(replies)
      .innerJoin(articles, eq(articles.id, replies.articleId))
      .where(and(eq(replies.id, id), notRemoved))
    return row ? toModerated(row) : null
  }

  const approvedCount = async (articleId: number) => {
    const [row] = await db.select({ total: count() }).from(replies)
      .where(and(eq(replies.articleId, articleId), eq(replies.status, 'approved')))
    return row?.total ?? 0
  }

  return {
    async listThread (slug, { limit, cursor }) {
      const article = await visibleArticle(slug)
      if (!article) return null
      const rows = await threadPage(article.id, cursor === undefined ? undefined : decodeTimeCursor(cursor), limit + 1)
      const { page, nextCursor } = paginate(rows, limit)
      return {
        data: page.map(toThreadItem),
        nextCursor,
        total: await approvedCount(article.id),
        repliesEnabled: article.repliesEnabled
      }
    },

    async findTarget (slug) {
      return visibleArticle(slug)
    },

    /**
     * Queues the submissions to one article's thread until this transaction ends, so a duplicate or a hidden parent
     * cannot slip in between the checks and the insert. The two-key form keeps these locks apart from single-key ones.
     */
    async lockThread (articleId) {
      await db.execute(sql`select pg_advisory_xact_lock(${THREAD_LOCK_CLASS}, ${articleId})`)
    },

    async isApprovedReplyOf (id, articleId) {
      const rows = await db.select({ id: replies.id }).from(replies)
        .where(and(eq(replies.id, id), eq(replies.articleId, articleId), eq(replies.status, 'approved')))
      return rows.length > 0
    },

    /** Drizzle has no recursive CTE builder, hence raw SQL. */
    async depthOf (id) {
      const { rows } = await db.execute<{ depth: number }>(sql`
        with recursive chain(id, parent_id) as (
          select id, parent_id from replies where id = ${id}
          union all
          select r.id, r.parent_id from replies r join chain c on r.id = c.parent_id
        )
        select count(*)::int as depth from chain
      `)
      return rows[0].depth
    },

    /** Any case, as SQLite's collate nocase. */
    async hasRecentDuplicate ({ articleId, authorEmail, body, since }) {
      const rows = await db.select({ id: replies.id }).from(replies)
        .where(and(
          eq(replies.articleId, articleId),
          sql`lower(${replies.authorEmail}) = lower(${authorEmail})`,
          gt(replies.createdAt, since),
          eq(replies.body, body)
        ))
        .limit(1)
      return rows.length > 0
    },

    async insert (reply) {
      const [row] = await db.insert(replies).values({ ...reply, updatedAt: reply.createdAt }).returning({ id: replies.id })
      return row.id
    },

    async listForModeration ({ status, articleId, limit, cursor }) {
      const filter = and(eq(replies.status, status), articleId === undefined ? undefined : eq(replies.articleId, articleId))
      const rows = await db.select(moderatedColumns).from(replies)
        .innerJoin(articles, eq(articles.id, replies.articleId))
        .where(cursor === undefined ? filter : and(filter, after(replies.createdAt, replies.id, decodeTimeCursor(cursor))))
        .orderBy(asc(replies.createdAt), asc(replies.id))
        .limit(limit + 1)
      const { page, nextCursor } = paginate(rows, limit)
      const [counted] = await db.select({ total: count() }).from(replies).where(filter)
      return { data: page.map(toModerated), nextCursor, total: counted?.total ?? 0 }
    },

    async findById (id) {
      return findById(id)
    },

    async moderate (id, status, tokenId) {
      const now = new Date().toISOString()
      const changed = await db.update(replies)
        .set({ status, moderatedAt: now, moderatedBy: tokenId, updatedAt: now })
        .where(and(eq(replies.id, id), notRemoved))
        .returning({ id: replies.id })
      return changed.length === 1 ? findById(id) : null
    },

    async moderateMany (ids, status, tokenId) {
      const now = new Date().toISOString()
      const rows = await db.update(replies)
        .set({ status, moderatedAt: now, moderatedBy: tokenId, updatedAt: now })
        .where(and(inArray(replies.id, ids), notRemoved))
        .returning({ id: replies.id })
      const changed = new Set(rows.map((row) => row.id))
      return { status, updated: ids.filter((id) => changed.has(id)), notFound: ids.filter((id) => !changed.has(id)) }
    },

    async findNode (id) {
      const [row] = await db.select({ parentId: replies.parentId, status: replies.status }).from(replies).where(eq(replies.id, id))
      return row ?? null
    },

    async hasAnswers (id) {
      const rows = await db.select({ id: replies.id }).from(replies).where(eq(replies.parentId, id)).limit(1)
      return rows.length > 0
    },

    async blank (id, tokenId) {
      const now = new Date().toISOString()
      await db.update(replies)
        .set({ status: 'removed', authorName: '', authorEmail: '', body: '', ipHash: null, updatedAt: now, moderatedAt: now, moderatedBy: tokenId })
        .where(eq(replies.id, id))
    },

    async delete (id) {
      await db.delete(replies).where(eq(replies.id, id))
    }
  }
}
