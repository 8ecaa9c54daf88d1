// Every query of an article's editorial record: its revisions, its corrections and its withdrawal.
import { and, count, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articleCorrections, articleRevisions, articles } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import type { ArticleSnapshot, CreateCorrectionInput, Revision, RevisionSummary } from './articles.editorial.schemas.js'
import type { ArticleStatus, Correction, TokenRef } from './articles.schemas.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

const createdByJson = sql<string | null>`(
  select json_object('id', t.id, 'name', t.name) from api_tokens t where t.id = ${articleRevisions.createdBy}
)`.as('created_by_json')

const summaryColumns = {
  number: articleRevisions.number,
  createdAt: articleRevisions.createdAt,
  createdByJson,
  headline: sql<string>`json_extract(${articleRevisions.snapshot}, '$.headline')`.as('headline'),
  status: sql<ArticleStatus>`json_extract(${articleRevisions.snapshot}, '$.status')`.as('status')
}

/** A revision summary as either engine selects it: createdBy arrives as JSON text. */
export interface SummaryRow {
  number: number
  createdAt: string
  createdByJson: string | null
  headline: string
  status: ArticleStatus
}

function tokenRef (json: string | null): TokenRef | null {
  return json === null ? null : JSON.parse(json) as TokenRef
}

export function toSummary (row: SummaryRow): RevisionSummary {
  return { number: row.number, createdAt: row.createdAt, createdBy: tokenRef(row.createdByJson), headline: row.headline, status: row.status }
}

/** The documented part of a stored row snapshot; columns added later are absent from old snapshots, hence the defaults. */
function toSnapshot (raw: Record<string, unknown>): ArticleSnapshot {
  const value = <T>(key: string, fallback: T): T => (raw[key] ?? fallback) as T
  return {
    slug: value('slug', ''),
    headline: value('headline', ''),
    subtitle: value('subtitle', null),
    excerpt: value('excerpt', ''),
    body: value('body', []),
    bodyHtml: value('bodyHtml', ''),
    bodyText: value('bodyText', ''),
    wordCount: value('wordCount', 0),
    readingTime: value('readingTime', 0),
    status: value('status', 'draft'),
    publishedAt: value('publishedAt', null),
    scheduledAt: value('scheduledAt', null),
    sectionId: value('sectionId', 0),
    authorIds: value('authorIds', []),
    tagIds: value('tagIds', []),
    featuredImage: value('featuredImage', null),
    dateline: value('dateline', null),
    language: value('language', 'en'),
    canonicalUrl: value('canonicalUrl', null),
    featured: value('featured', false),
    byline: value('byline', null),
    withdrawnAt: value('withdrawnAt', null),
    withdrawnReason: value('withdrawnReason', null),
    createdAt: value('createdAt', ''),
    updatedAt: value('updatedAt', '')
  }
}

export type RevisionRow = SummaryRow & { snapshot: Record<string, unknown> }

export function toRevision (row: RevisionRow): Revision {
  const { headline: _headline, status: _status, ...summary } = toSummary(row)
  return { ...summary, article: toSnapshot(row.snapshot) }
}

export function createEditorialRepository (db: Db) {
  const revisionsOf = (before: boolean) => preparedOnFirstUse(() => db.select(summaryColumns).from(articleRevisions)
    .where(and(
      eq(articleRevisions.articleId, sql.placeholder('articleId')),
      before ? lt(articleRevisions.number, sql.placeholder('before')) : undefined
    ))
    .orderBy(desc(articleRevisions.number))
    .limit(sql.placeholder('limit'))
    .prepare())
  const firstRevisionsPage = revisionsOf(false)
  const nextRevisionsPage = revisionsOf(true)
  const revision = preparedOnFirstUse(() => db.select({ ...summaryColumns, snapshot: articleRevisions.snapshot }).from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, sql.placeholder('articleId')), eq(articleRevisions.number, sql.placeholder('number'))))
    .prepare())
  const revisionCount = preparedOnFirstUse(() => db.select({ n: count() }).from(articleRevisions).where(eq(articleRevisions.articleId, sql.placeholder('articleId'))).prepare())

  return {
    /** Newest first. The cursor carries the last revision's time for readability; its number alone is the keyset. */
    async listRevisions (articleId: number, { limit, cursor }: { limit: number, cursor?: string | undefined }): Promise<Page<RevisionSummary>> {
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      const rows = (after
        ? nextRevisionsPage.all({ articleId, limit: limit + 1, before: after[1] })
        : firstRevisionsPage.all({ articleId, limit: limit + 1 })) as SummaryRow[]
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        data: page.map(toSummary),
        nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.number]) : null
      }
    },

    async countRevisions (articleId: number): Promise<number> {
      return revisionCount.get({ articleId })?.n ?? 0
    },

    async findRevision (articleId: number, number: number): Promise<Revision | null> {
      const row = revision.get({ articleId, number }) as RevisionRow | undefined
      return row ? toRevision(row) : null
    },

    async insertCorrection (articleId: number, input: CreateCorrectionInput, tokenId: number | null): Promise<Correction> {
      const row = db.insert(articleCorrections)
        .values({ articleId, kind: input.kind, text: input.text, createdAt: new Date().toISOString(), createdBy: tokenId })
        .returning()
        .get()
      return { id: row.id, kind: row.kind, text: row.text, createdAt: row.createdAt }
    },

    /** Withdraws the article with a reason, or reinstates it with null; false when that changed nothing. */
    async setWithdrawal (articleId: number, reason: string | null): Promise<boolean> {
      const changed = reason === null
        ? db.update(articles).set({ withdrawnAt: null, withdrawnReason: null })
          .where(and(eq(articles.id, articleId), isNotNull(articles.withdrawnAt))).run()
        : db.update(articles).set({ withdrawnAt: new Date().toISOString(), withdrawnReason: reason })
          .where(and(eq(articles.id, articleId), isNull(articles.withdrawnAt))).run()
      return changed.changes === 1
    }
  }
}

export type EditorialRepository = ReturnType<typeof createEditorialRepository>
