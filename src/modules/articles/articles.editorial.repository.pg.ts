// Every query of an article's editorial record on PostgreSQL: the twin of articles.editorial.repository.ts, with the
// same results: its revisions, its corrections and its withdrawal.
import { and, count, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articleCorrections, articleRevisions, articles } from '../../db/schema.pg.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import { toRevision, toSummary, type EditorialRepository, type RevisionRow, type SummaryRow } from './articles.editorial.repository.js'
import type { CreateCorrectionInput, Revision, RevisionSummary } from './articles.editorial.schemas.js'
import type { ArticleStatus, Correction } from './articles.schemas.js'

// As text, which the row mappers shared with SQLite parse; the driver would otherwise have parsed the json itself.
const createdByJson = sql<string | null>`(
  select json_build_object('id', t.id, 'name', t.name)::text from api_tokens t where t.id = ${articleRevisions.createdBy}
)`.as('created_by_json')

const summaryColumns = {
  number: articleRevisions.number,
  createdAt: articleRevisions.createdAt,
  createdByJson,
  headline: sql<string>`${articleRevisions.snapshot}->>'headline'`.as('headline'),
  status: sql<ArticleStatus>`${articleRevisions.snapshot}->>'status'`.as('status')
}

export function createPostgresEditorialRepository (db: PgExecutor): EditorialRepository {
  return {
    /** Newest first. The cursor carries the last revision's time for readability; its number alone is the keyset. */
    async listRevisions (articleId: number, { limit, cursor }: { limit: number, cursor?: string | undefined }): Promise<Page<RevisionSummary>> {
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      const rows: SummaryRow[] = await db.select(summaryColumns).from(articleRevisions)
        .where(and(eq(articleRevisions.articleId, articleId), after ? lt(articleRevisions.number, after[1]) : undefined))
        .orderBy(desc(articleRevisions.number))
        .limit(limit + 1)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        data: page.map(toSummary),
        nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.number]) : null
      }
    },

    async countRevisions (articleId: number): Promise<number> {
      const [row] = await db.select({ n: count() }).from(articleRevisions).where(eq(articleRevisions.articleId, articleId))
      return row?.n ?? 0
    },

    async findRevision (articleId: number, number: number): Promise<Revision | null> {
      const [row]: RevisionRow[] = await db.select({ ...summaryColumns, snapshot: articleRevisions.snapshot }).from(articleRevisions)
        .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)))
      return row ? toRevision(row) : null
    },

    async insertCorrection (articleId: number, input: CreateCorrectionInput, tokenId: number | null): Promise<Correction> {
      const [row] = await db.insert(articleCorrections)
        .values({ articleId, kind: input.kind, text: input.text, createdAt: new Date().toISOString(), createdBy: tokenId })
        .returning({ id: articleCorrections.id, kind: articleCorrections.kind, text: articleCorrections.text, createdAt: articleCorrections.createdAt })
      return row
    },

    /** Withdraws the article with a reason, or reinstates it with null; false when that changed nothing. */
    async setWithdrawal (articleId: number, reason: string | null): Promise<boolean> {
      const changed = reason === null
        ? await db.update(articles).set({ withdrawnAt: null, withdrawnReason: null })
          .where(and(eq(articles.id, articleId), isNotNull(articles.withdrawnAt)))
          .returning({ id: articles.id })
        : await db.update(articles).set({ withdrawnAt: new Date().toISOString(), withdrawnReason: reason })
          .where(and(eq(articles.id, articleId), isNull(articles.withdrawnAt)))
          .returning({ id: articles.id })
      return changed.length === 1
    }
  }
}
