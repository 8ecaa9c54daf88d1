// Every query about reader replies, and the rules of submitting one, which must hold inside one transaction.
import { and, asc, count, eq, sql, type Placeholder } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, replies } from '../../db/schema.js'
import { decodeCursor, encodeCursor, type CursorKey } from '../../shared/cursor.js'
import { NotFoundError, UnprocessableError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import type { ModeratedReply, Reply, ReplyStatus, SubmittedReply, SubmitReplyInput } from './replies.schemas.js'

export interface CountedPage<T> extends Page<T> {
  total: number
}

export interface PageRequest {
  limit: number
  cursor?: string | undefined
}

export interface QueueFilter extends PageRequest {
  status: ReplyStatus
  articleId?: number | undefined
}

// The same answer whether the parent is missing, pending, hidden or elsewhere: a reader learns nothing about unpublished replies.
const invalidParent = (parentId: number) => new UnprocessableError(
  'INVALID_PARENT_REPLY',
  `Reply ${parentId} is not an approved reply to this article, so it cannot be answered.`,
  [{ path: '/body/parentId', message: 'is not an approved reply to this article' }]
)

// Sorts before every stored timestamp, so the first page needs no statement of its own.
const FIRST_PAGE: CursorKey = ['', 0]

const publicColumns = {
  id: replies.id,
  parentId: replies.parentId,
  authorName: replies.authorName,
  body: replies.body,
  createdAt: replies.createdAt
}

const moderatedColumns = {
  ...publicColumns,
  articleId: replies.articleId,
  articleSlug: articles.slug,
  articleHeadline: articles.headline,
  authorEmail: replies.authorEmail,
  status: replies.status,
  updatedAt: replies.updatedAt,
  moderatedAt: replies.moderatedAt,
  moderatedBy: replies.moderatedBy
}

interface ModeratedRow extends Reply {
  articleId: number
  articleSlug: string
  articleHeadline: string
  authorEmail: string
  status: ReplyStatus
  updatedAt: string
  moderatedAt: string | null
  moderatedBy: number | null
}

function toModerated (row: ModeratedRow): ModeratedReply {
  return {
    id: row.id,
    parentId: row.parentId,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt,
    articleId: row.articleId,
    article: { slug: row.articleSlug, headline: row.articleHeadline },
    authorEmail: row.authorEmail,
    status: row.status,
    updatedAt: row.updatedAt,
    moderatedAt: row.moderatedAt,
    moderatedBy: row.moderatedBy
  }
}

/** Rows come one past the limit: the extra one only says that a next page exists. */
function paginate<T extends { createdAt: string, id: number }> (rows: T[], limit: number): { page: T[], nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null }
}

// Row values compare (createdAt, id) as one key, which SQLite and PostgreSQL both answer from the index.
const after = (createdAt: string | Placeholder, id: number | Placeholder) => sql`(${replies.createdAt}, ${replies.id}) > (${createdAt}, ${id})`

export function createRepliesRepository (db: Db) {
  const publishedArticleId = db.select({ id: articles.id }).from(articles)
    .where(and(eq(articles.slug, sql.placeholder('slug')), eq(articles.status, 'published')))
    .prepare()
  const approvedPage = db.select(publicColumns).from(replies)
    .where(and(
      eq(replies.articleId, sql.placeholder('articleId')),
      eq(replies.status, 'approved'),
      after(sql.placeholder('afterCreatedAt'), sql.placeholder('afterId'))
    ))
    .orderBy(asc(replies.createdAt), asc(replies.id))
    .limit(sql.placeholder('limit'))
    .prepare()
  const approvedCount = db.select({ total: count() }).from(replies)
    .where(and(eq(replies.articleId, sql.placeholder('articleId')), eq(replies.status, 'approved')))
    .prepare()
  const moderatedById = db.select(moderatedColumns).from(replies)
    .innerJoin(articles, eq(articles.id, replies.articleId))
    .where(eq(replies.id, sql.placeholder('id')))
    .prepare()

  const findById = (id: number): ModeratedReply | null => {
    const row = moderatedById.get({ id })
    return row ? toModerated(row) : null
  }

  return {
    /** Approved replies of a published article, oldest first; null when no published article has the slug. */
    async listApproved (slug: string, { limit, cursor }: PageRequest): Promise<CountedPage<Reply> | null> {
      const article = publishedArticleId.get({ slug })
      if (!article) return null
      const [afterCreatedAt, afterId] = cursor === undefined ? FIRST_PAGE : decodeCursor(cursor)
      const rows = approvedPage.all({ articleId: article.id, afterCreatedAt, afterId, limit: limit + 1 })
      const { page, nextCursor } = paginate(rows, limit)
      return { data: page, nextCursor, total: approvedCount.get({ articleId: article.id })?.total ?? 0 }
    },

    /** Stores a reader's reply as pending, after checking the article and the reply it answers. */
    async submit (slug: string, input: SubmitReplyInput): Promise<SubmittedReply> {
      // IMMEDIATE takes the write lock before the checks, so another worker cannot delete or hide the parent in between.
      return db.transaction((tx) => {
        const article = publishedArticleId.get({ slug })
        if (!article) throw new NotFoundError('article', slug)
        const parentId = input.parentId ?? null
        if (parentId !== null) {
          const parent = tx.select({ id: replies.id }).from(replies)
            .where(and(eq(replies.id, parentId), eq(replies.articleId, article.id), eq(replies.status, 'approved')))
            .get()
          if (!parent) throw invalidParent(parentId)
        }
        const row = tx.insert(replies).values({
          articleId: article.id,
          parentId,
          authorName: input.authorName.trim(),
          authorEmail: input.authorEmail.trim(),
          body: input.body.trim(),
          status: 'pending'
        }).returning({ id: replies.id, createdAt: replies.createdAt }).get()
        return { id: row.id, status: 'pending' as const, createdAt: row.createdAt }
      }, { behavior: 'immediate' })
    },

    /** The moderation queue: replies in one status, optionally of one article, oldest first. */
    async listForModeration ({ status, articleId, limit, cursor }: QueueFilter): Promise<CountedPage<ModeratedReply>> {
      const filter = and(eq(replies.status, status), articleId === undefined ? undefined : eq(replies.articleId, articleId))
      const rows = db.select(moderatedColumns).from(replies)
        .innerJoin(articles, eq(articles.id, replies.articleId))
        .where(cursor === undefined ? filter : and(filter, after(...decodeCursor(cursor))))
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

    /** Sets a reply's status and records who did it and when; null when there is no such reply. */
    async moderate (id: number, status: ReplyStatus, tokenId: number): Promise<ModeratedReply | null> {
      const now = new Date().toISOString()
      const changed = db.update(replies)
        .set({ status, moderatedAt: now, moderatedBy: tokenId, updatedAt: now })
        .where(eq(replies.id, id))
        .run().changes
      return changed === 1 ? findById(id) : null
    },

    /** Deletes a reply; its answers stay, as top-level replies. False when there is no such reply. */
    async delete (id: number): Promise<boolean> {
      return db.delete(replies).where(eq(replies.id, id)).run().changes === 1
    }
  }
}

export type RepliesRepository = ReturnType<typeof createRepliesRepository>
