// Every query about reader replies; the rules of submitting and deleting them are in the service.
import { and, asc, count, eq, gt, inArray, ne, sql, type Placeholder } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, replies, sections } from '../../db/schema.js'
import { isPublic } from '../../db/visibility.js'
import { decodeTimeCursor, encodeCursor, type CursorKey } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import { escapeHtml } from '../../shared/rendering.js'
import type { BulkModerationResult, ModeratedReply, ModerationDecision, ReplyStatus, ThreadItem } from './replies.schemas.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

export interface CountedPage<T> extends Page<T> {
  total: number
}

export interface ThreadPage extends CountedPage<ThreadItem> {
  repliesEnabled: boolean
}

export interface PageRequest {
  limit: number
  cursor?: string | undefined
}

export interface QueueFilter extends PageRequest {
  status: ReplyStatus
  articleId?: number | undefined
}

/** A public article as the reply form sees it. */
export interface ReplyTarget {
  id: number
  repliesEnabled: boolean
  /** The article's section approves its replies without moderation. */
  sectionAutoApprove: boolean
}

export interface NewReply {
  articleId: number
  parentId: number | null
  authorName: string
  authorEmail: string
  body: string
  status: ReplyStatus
  ipHash: string
  createdAt: string
}

// Sorts before every stored timestamp, so the first page needs no statement of its own.
const FIRST_PAGE: CursorKey = ['', 0]

/** Plain text as safe HTML: escaped, blank lines between paragraphs, single line breaks kept. */
function plainTextToHtml (text: string): string {
  return text.split(/\r?\n(?:[ \t]*\r?\n)+/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('')
}

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

interface ModeratedRow extends Omit<ModeratedReply, 'article' | 'status'> {
  articleSlug: string
  articleHeadline: string
  status: ReplyStatus | 'removed'
}

export function toModerated ({ articleSlug, articleHeadline, status, ...row }: ModeratedRow): ModeratedReply {
  // The queries behind this mapping all leave out removed replies.
  return { ...row, status: status as ReplyStatus, article: { slug: articleSlug, headline: articleHeadline } }
}

export interface ThreadRow {
  id: number
  parentId: number | null
  authorName: string
  body: string
  createdAt: string
  placeholder: 0 | 1
}

export function toThreadItem (row: ThreadRow): ThreadItem {
  if (row.placeholder === 1) return { id: row.id, parentId: row.parentId, placeholder: true, createdAt: row.createdAt }
  return {
    id: row.id,
    parentId: row.parentId,
    placeholder: false,
    authorName: row.authorName,
    body: row.body,
    bodyHtml: plainTextToHtml(row.body),
    createdAt: row.createdAt
  }
}

/** Rows come one past the limit: the extra one only says that a next page exists. */
export function paginate<T extends { createdAt: string, id: number }> (rows: T[], limit: number): { page: T[], nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null }
}

// Row values compare (createdAt, id) as one key, which SQLite and PostgreSQL both answer from the index.
const after = (createdAt: string | Placeholder, id: number | Placeholder) => sql`(${replies.createdAt}, ${replies.id}) > (${createdAt}, ${id})`

const notRemoved = ne(replies.status, 'removed')

export function createRepliesRepository (db: Db) {
  // Withdrawn articles keep their URL but lose their replies, like their body.
  const visibleArticle = preparedOnFirstUse(() => db.select({ id: articles.id, repliesEnabled: articles.repliesEnabled, sectionAutoApprove: sections.repliesAutoApprove })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(eq(articles.slug, sql.placeholder('slug')), isPublic(articles)))
    .prepare())
  const approvedCount = preparedOnFirstUse(() => db.select({ total: count() }).from(replies)
    .where(and(eq(replies.articleId, sql.placeholder('articleId')), eq(replies.status, 'approved')))
    .prepare())
  const approvedParent = preparedOnFirstUse(() => db.select({ id: replies.id }).from(replies)
    .where(and(eq(replies.id, sql.placeholder('id')), eq(replies.articleId, sql.placeholder('articleId')), eq(replies.status, 'approved')))
    .prepare())
  const recentDuplicate = preparedOnFirstUse(() => db.select({ id: replies.id }).from(replies)
    .where(and(
      eq(replies.articleId, sql.placeholder('articleId')),
      sql`${replies.authorEmail} = ${sql.placeholder('authorEmail')} collate nocase`,
      gt(replies.createdAt, sql.placeholder('since')),
      eq(replies.body, sql.placeholder('body'))
    ))
    .limit(1)
    .prepare())
  const moderatedById = preparedOnFirstUse(() => db.select(moderatedColumns).from(replies)
    .innerJoin(articles, eq(articles.id, replies.articleId))
    .where(and(eq(replies.id, sql.placeholder('id')), notRemoved))
    .prepare())
  const node = preparedOnFirstUse(() => db.select({ parentId: replies.parentId, status: replies.status }).from(replies).where(eq(replies.id, sql.placeholder('id'))).prepare())
  const hasAnswers = preparedOnFirstUse(() => db.select({ id: replies.id }).from(replies).where(eq(replies.parentId, sql.placeholder('id'))).limit(1).prepare())

  /**
   * Approved replies, and placeholders for the hidden or removed replies above any of them, in one keyset order.
   * Hidden ancestors are found by walking up from every approved reply until an approved one is reached.
   */
  const threadPage = (articleId: number, [afterCreatedAt, afterId]: CursorKey, limit: number): ThreadRow[] => db.all<ThreadRow>(sql`
    with recursive hidden_ancestors(id, parent_id) as (
      select parent.id, parent.parent_id from replies child join replies parent on parent.id = child.parent_id
      where child.article_id = ${articleId} and child.status = 'approved' and parent.status <> 'approved'
      union
      select parent.id, parent.parent_id from hidden_ancestors hidden join replies parent on parent.id = hidden.parent_id
      where parent.status <> 'approved'
    )
    select id, parent_id as parentId, author_name as authorName, body, created_at as createdAt, 0 as placeholder
    from replies
    where article_id = ${articleId} and status = 'approved' and (created_at, id) > (${afterCreatedAt}, ${afterId})
    union all
    select r.id, r.parent_id, null, null, r.created_at, 1
    from replies r join hidden_ancestors hidden on hidden.id = r.id
    where (r.created_at, r.id) > (${afterCreatedAt}, ${afterId})
    order by createdAt, id
    limit ${limit}
  `)

  const findById = (id: number): ModeratedReply | null => {
    const row = moderatedById.get({ id })
    return row ? toModerated(row) : null
  }

  return {
    /** The public thread of a published article, oldest first; null when no visible article has the slug. */
    async listThread (slug: string, { limit, cursor }: PageRequest): Promise<ThreadPage | null> {
      const article = visibleArticle.get({ slug })
      if (!article) return null
      const rows = threadPage(article.id, cursor === undefined ? FIRST_PAGE : decodeTimeCursor(cursor), limit + 1)
      const { page, nextCursor } = paginate(rows, limit)
      return {
        data: page.map(toThreadItem),
        nextCursor,
        total: approvedCount.get({ articleId: article.id })?.total ?? 0,
        repliesEnabled: article.repliesEnabled
      }
    },

    /** The published, not withdrawn article with this slug. */
    async findTarget (slug: string): Promise<ReplyTarget | null> {
      return visibleArticle.get({ slug }) ?? null
    },

    /**
     * Holds the article's thread for this unit of work, so a duplicate or a hidden parent cannot slip in between the
     * checks and the insert; on SQLite, BEGIN IMMEDIATE already holds the whole database.
     */
    async lockThread (_articleId: number): Promise<void> {},

    async isApprovedReplyOf (id: number, articleId: number): Promise<boolean> {
      return approvedParent.get({ id, articleId }) !== undefined
    },

    /** How deep a reply sits: 1 at the top of a thread. Drizzle has no recursive CTE builder, hence raw SQL. */
    async depthOf (id: number): Promise<number> {
      return db.get<{ depth: number }>(sql`
        with recursive chain(id, parent_id) as (
          select id, parent_id from replies where id = ${id}
          union all
          select r.id, r.parent_id from replies r join chain c on r.id = c.parent_id
        )
        select count(*) as depth from chain
      `).depth
    },

    /** Whether the same text from the same address (any case) reached the article after `since`. */
    async hasRecentDuplicate (reply: { articleId: number, authorEmail: string, body: string, since: string }): Promise<boolean> {
      return recentDuplicate.get(reply) !== undefined
    },

    async insert (reply: NewReply): Promise<number> {
      return db.insert(replies).values({ ...reply, updatedAt: reply.createdAt }).returning({ id: replies.id }).get().id
    },

    /** The moderation queue: replies in one status, optionally of one article, oldest first. */
    async listForModeration ({ status, articleId, limit, cursor }: QueueFilter): Promise<CountedPage<ModeratedReply>> {
      const filter = and(eq(replies.status, status), articleId === undefined ? undefined : eq(replies.articleId, articleId))
      const rows = db.select(moderatedColumns).from(replies)
        .innerJoin(articles, eq(articles.id, replies.articleId))
        .where(cursor === undefined ? filter : and(filter, after(...decodeTimeCursor(cursor))))
        .orderBy(asc(replies.createdAt), asc(replies.id))
        .limit(limit + 1)
        .all()
      const { page, nextCursor } = paginate(rows, limit)
      const total = db.select({ total: count() }).from(replies).where(filter).get()?.total ?? 0
      return { data: page.map(toModerated), nextCursor, total }
    },

    async findById (id: number): Promise<ModeratedReply | null> {
      return findById(id)
    },

    /** Records a moderator's decision, with who and when; null when there is no such reply. */
    async moderate (id: number, status: ModerationDecision, tokenId: number): Promise<ModeratedReply | null> {
      const now = new Date().toISOString()
      const changed = db.update(replies)
        .set({ status, moderatedAt: now, moderatedBy: tokenId, updatedAt: now })
        .where(and(eq(replies.id, id), notRemoved))
        .run().changes
      return changed === 1 ? findById(id) : null
    },

    /** The same decision on many replies at once, in one transaction. */
    async moderateMany (ids: number[], status: ModerationDecision, tokenId: number): Promise<BulkModerationResult> {
      const now = new Date().toISOString()
      const changed = new Set(db.update(replies)
        .set({ status, moderatedAt: now, moderatedBy: tokenId, updatedAt: now })
        .where(and(inArray(replies.id, ids), notRemoved))
        .returning({ id: replies.id })
        .all()
        .map((row) => row.id))
      return { status, updated: ids.filter((id) => changed.has(id)), notFound: ids.filter((id) => !changed.has(id)) }
    },

    /** The reply's parent and status; null when there is no such reply. */
    async findNode (id: number): Promise<{ parentId: number | null, status: ReplyStatus | 'removed' } | null> {
      return node.get({ id }) ?? null
    },

    async hasAnswers (id: number): Promise<boolean> {
      return hasAnswers.get({ id }) !== undefined
    },

    /** Empties a reply that others answered, keeping its place in the thread: no name, email, text or address hash. */
    async blank (id: number, tokenId: number): Promise<void> {
      const now = new Date().toISOString()
      db.update(replies)
        .set({ status: 'removed', authorName: '', authorEmail: '', body: '', ipHash: null, updatedAt: now, moderatedAt: now, moderatedBy: tokenId })
        .where(eq(replies.id, id))
        .run()
    },

    async delete (id: number): Promise<void> {
      db.delete(replies).where(eq(replies.id, id)).run()
    }
  }
}

export type RepliesRepository = ReturnType<typeof createRepliesRepository>
