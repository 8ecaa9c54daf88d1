// Every query about reader replies, and the rules of submitting and deleting one, which must hold inside one transaction.
import { createHmac } from 'node:crypto'
import { and, asc, count, eq, gt, inArray, isNull, ne, sql, type Placeholder } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, replies, sections } from '../../db/schema.js'
import { sharedSecret } from '../../db/settings.js'
import { decodeCursor, encodeCursor, type CursorKey } from '../../shared/cursor.js'
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import { escapeHtml } from '../../shared/rendering.js'
import {
  MAX_THREAD_DEPTH,
  type BulkModerationResult,
  type ModeratedReply,
  type ModerationDecision,
  type ReplyStatus,
  type SubmittedReply,
  type SubmitReplyInput,
  type ThreadItem
} from './replies.schemas.js'

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

export interface Submission {
  /** The client's address as Fastify resolved it (X-Forwarded-For only behind a trusted proxy); stored as a keyed hash. */
  ip: string
  /** The service-wide setting; a section can also approve its replies automatically. */
  autoApprove: boolean
}

const DUPLICATE_WINDOW_MS = 60_000
const IP_HASH_KEY_SETTING = 'reply_ip_hash_key'

// The same answer whether the parent is missing, pending, hidden or elsewhere: a reader learns nothing about unpublished replies.
const invalidParent = (parentId: number) => new UnprocessableError(
  'INVALID_PARENT_REPLY',
  `Reply ${parentId} is not an approved reply to this article, so it cannot be answered.`,
  [{ path: '/body/parentId', message: 'is not an approved reply to this article' }]
)

const threadTooDeep = (parentId: number) => new UnprocessableError(
  'THREAD_TOO_DEEP',
  `Reply ${parentId} is already ${MAX_THREAD_DEPTH} replies deep, the deepest a thread goes. Answer a reply higher up the thread, or start a new one without parentId.`,
  [{ path: '/body/parentId', message: `is ${MAX_THREAD_DEPTH} replies deep already` }]
)

const REPLIES_CLOSED = 'Replies to this article are closed: the newsroom takes no new ones. The replies already published stay readable.'
const DUPLICATE = 'The same reply from the same email address reached this article less than a minute ago, so this one was not stored again.'

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

function toModerated ({ articleSlug, articleHeadline, status, ...row }: ModeratedRow): ModeratedReply {
  // The queries behind this mapping all leave out removed replies.
  return { ...row, status: status as ReplyStatus, article: { slug: articleSlug, headline: articleHeadline } }
}

interface ThreadRow {
  id: number
  parentId: number | null
  authorName: string
  body: string
  createdAt: string
  placeholder: 0 | 1
}

function toThreadItem (row: ThreadRow): ThreadItem {
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
function paginate<T extends { createdAt: string, id: number }> (rows: T[], limit: number): { page: T[], nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return { page, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null }
}

// Row values compare (createdAt, id) as one key, which SQLite and PostgreSQL both answer from the index.
const after = (createdAt: string | Placeholder, id: number | Placeholder) => sql`(${replies.createdAt}, ${replies.id}) > (${createdAt}, ${id})`

const notRemoved = ne(replies.status, 'removed')

export function createRepliesRepository (db: Db) {
  // Withdrawn articles keep their URL but lose their replies, like their body.
  const visibleArticle = db.select({ id: articles.id, repliesEnabled: articles.repliesEnabled, sectionAutoApprove: sections.repliesAutoApprove })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(eq(articles.slug, sql.placeholder('slug')), eq(articles.status, 'published'), isNull(articles.withdrawnAt)))
    .prepare()
  const approvedCount = db.select({ total: count() }).from(replies)
    .where(and(eq(replies.articleId, sql.placeholder('articleId')), eq(replies.status, 'approved')))
    .prepare()
  const approvedParent = db.select({ id: replies.id }).from(replies)
    .where(and(eq(replies.id, sql.placeholder('id')), eq(replies.articleId, sql.placeholder('articleId')), eq(replies.status, 'approved')))
    .prepare()
  const recentDuplicate = db.select({ id: replies.id }).from(replies)
    .where(and(
      eq(replies.articleId, sql.placeholder('articleId')),
      sql`${replies.authorEmail} = ${sql.placeholder('authorEmail')} collate nocase`,
      gt(replies.createdAt, sql.placeholder('since')),
      eq(replies.body, sql.placeholder('body'))
    ))
    .limit(1)
    .prepare()
  const moderatedById = db.select(moderatedColumns).from(replies)
    .innerJoin(articles, eq(articles.id, replies.articleId))
    .where(and(eq(replies.id, sql.placeholder('id')), notRemoved))
    .prepare()
  const hasAnswers = db.select({ id: replies.id }).from(replies).where(eq(replies.parentId, sql.placeholder('id'))).limit(1).prepare()

  /** How deep a reply sits: 1 at the top of a thread. Drizzle has no recursive CTE builder, hence raw SQL. */
  const depthOf = (id: number): number => db.get<{ depth: number }>(sql`
    with recursive chain(id, parent_id) as (
      select id, parent_id from replies where id = ${id}
      union all
      select r.id, r.parent_id from replies r join chain c on r.id = c.parent_id
    )
    select count(*) as depth from chain
  `).depth

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

  let ipHashKey: Buffer | undefined
  const hashIp = (ip: string): string => {
    ipHashKey ??= sharedSecret(db, IP_HASH_KEY_SETTING)
    return createHmac('sha256', ipHashKey).update(ip).digest('base64url')
  }

  const findById = (id: number): ModeratedReply | null => {
    const row = moderatedById.get({ id })
    return row ? toModerated(row) : null
  }

  return {
    /** The public thread of a published article, oldest first; null when no visible article has the slug. */
    async listThread (slug: string, { limit, cursor }: PageRequest): Promise<ThreadPage | null> {
      const article = visibleArticle.get({ slug })
      if (!article) return null
      const rows = threadPage(article.id, cursor === undefined ? FIRST_PAGE : decodeCursor(cursor), limit + 1)
      const { page, nextCursor } = paginate(rows, limit)
      return {
        data: page.map(toThreadItem),
        nextCursor,
        total: approvedCount.get({ articleId: article.id })?.total ?? 0,
        repliesEnabled: article.repliesEnabled
      }
    },

    /**
     * Stores a reader's reply after checking the article, the reply it answers and recent duplicates.
     * A filled honeypot gets the answer a person would get but is filed as spam, so a bot learns nothing
     * and a moderator can still rescue a person whose browser filled the field.
     */
    async submit (slug: string, input: SubmitReplyInput, { ip, autoApprove }: Submission): Promise<SubmittedReply> {
      const ipHash = hashIp(ip)
      // IMMEDIATE takes the write lock before the checks, so another worker cannot hide the parent or slip in a duplicate in between.
      return db.transaction(() => {
        const article = visibleArticle.get({ slug })
        if (!article) throw new NotFoundError('article', slug)
        if (!article.repliesEnabled) throw new ConflictError('REPLIES_CLOSED', REPLIES_CLOSED)
        const parentId = input.parentId ?? null
        if (parentId !== null) {
          if (!approvedParent.get({ id: parentId, articleId: article.id })) throw invalidParent(parentId)
          if (depthOf(parentId) >= MAX_THREAD_DEPTH) throw threadTooDeep(parentId)
        }
        const authorEmail = input.authorEmail.trim()
        const body = input.body.trim()
        const now = new Date()
        const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString()
        if (recentDuplicate.get({ articleId: article.id, authorEmail, body, since })) throw new ConflictError('DUPLICATE_REPLY', DUPLICATE)
        const shownStatus = autoApprove || article.sectionAutoApprove ? 'approved' : 'pending'
        const isBot = (input.website ?? '').trim() !== ''
        const createdAt = now.toISOString()
        const row = db.insert(replies).values({
          articleId: article.id,
          parentId,
          authorName: input.authorName.trim(),
          authorEmail,
          body,
          status: isBot ? 'spam' : shownStatus,
          ipHash,
          createdAt,
          updatedAt: createdAt
        }).returning({ id: replies.id }).get()
        return { id: row.id, status: shownStatus, createdAt }
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

    /**
     * Deletes a reply for good: its name, email, text and address hash are gone. A reply that others answered
     * stays as an empty 'removed' row, which the public thread shows as a placeholder; once its last answer is
     * deleted, it goes too. False when there is no such reply.
     */
    async delete (id: number, tokenId: number): Promise<boolean> {
      return db.transaction((tx) => {
        const target = tx.select({ parentId: replies.parentId }).from(replies).where(and(eq(replies.id, id), notRemoved)).get()
        if (!target) return false
        if (hasAnswers.get({ id })) {
          const now = new Date().toISOString()
          tx.update(replies)
            .set({ status: 'removed', authorName: '', authorEmail: '', body: '', ipHash: null, updatedAt: now, moderatedAt: now, moderatedBy: tokenId })
            .where(eq(replies.id, id))
            .run()
          return true
        }
        tx.delete(replies).where(eq(replies.id, id)).run()
        let parentId = target.parentId
        while (parentId !== null) {
          const parent = tx.select({ parentId: replies.parentId, status: replies.status }).from(replies).where(eq(replies.id, parentId)).get()
          if (parent?.status !== 'removed' || hasAnswers.get({ id: parentId })) break
          tx.delete(replies).where(eq(replies.id, parentId)).run()
          parentId = parent.parentId
        }
        return true
      }, { behavior: 'immediate' })
    }
  }
}

export type RepliesRepository = ReturnType<typeof createRepliesRepository>
