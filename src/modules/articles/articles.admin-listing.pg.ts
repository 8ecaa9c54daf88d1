// The editors' article list on PostgreSQL: the twin of articles.admin-listing.ts, with the same pages and cursors.
import { and, count, eq, gte, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articleAuthors, articles, sections } from '../../db/schema.pg.js'
import { sectionSubtree } from '../../db/visibility.js'
import { EDITOR_SORT_KEYS, editorCursor, editorKeyOf, type EditorKey, type EditorListRequest } from './articles.admin-list.js'
import type { WriterArticleSummary } from './articles.admin-list.schemas.js'
import type { EditorListing } from './articles.admin-listing.js'
import { pageOfItems, type ItemReader } from './articles.listing.js'
import { bylineConditions, snippetsOf, tsQueryOf } from './articles.listing.pg.js'
import { searchWords } from './articles.search.js'

// Kept out of schema.pg.ts (see its header): named here, where the search queries need it.
const searchVector = sql`${articles}.search_vector`

export function createPostgresEditorListing (db: PgExecutor, summaries: ItemReader<WriterArticleSummary>): EditorListing {
  /** The filters of the request, the scope first: a contributor's or author's list is the few articles that credit them. */
  function filterConditions (request: EditorListRequest, query: SQL | null): SQL[] {
    const conditions: SQL[] = []
    if (request.creditedTo !== null) {
      conditions.push(inArray(articles.id, db.select({ id: articleAuthors.articleId }).from(articleAuthors).where(eq(articleAuthors.authorId, request.creditedTo))))
    }
    if (request.statuses) conditions.push(inArray(articles.status, request.statuses))
    if (request.withdrawn !== undefined) conditions.push(request.withdrawn ? isNotNull(articles.withdrawnAt) : isNull(articles.withdrawnAt))
    if (request.section !== undefined) {
      const root = sql`(select id from ${sections} where slug = ${request.section})`
      conditions.push(inArray(articles.sectionId, sql`(${sectionSubtree(root)} select id from subtree)`))
    }
    conditions.push(...bylineConditions(db, request))
    if (request.updatedSince !== undefined) conditions.push(gte(articles.updatedAt, request.updatedSince))
    if (query) conditions.push(sql`${searchVector} @@ ${query}`)
    return conditions
  }

  /** Rows after the cursor's article; those without the sort's time come last, as on SQLite. */
  function afterCondition (request: EditorListRequest, after: EditorKey | undefined): SQL | undefined {
    if (after === undefined) return undefined
    const { column: name, descending } = EDITOR_SORT_KEYS[request.sort]
    const column = articles[name]
    const beyond = descending ? sql`<` : sql`>`
    if (after.key === null) return sql`(${column} is null and ${articles.id} ${beyond} ${after.id})`
    return sql`(${column} is null or (${column}, ${articles.id}) ${beyond} (cast(${after.key} as timestamptz), cast(${after.id} as integer)))`
  }

  return {
    async list (request) {
      const after = request.cursor === undefined ? undefined : editorKeyOf(request.cursor, request.sort)
      const words = request.q === undefined ? null : searchWords(request.q)
      // Text with nothing searchable in it: nothing to list.
      if (words?.length === 0) return { data: [], nextCursor: null }
      const query = words === null ? null : tsQueryOf(words)
      const { column: name, descending } = EDITOR_SORT_KEYS[request.sort]
      const column = articles[name]
      const direction = sql.raw(descending ? 'desc' : 'asc')
      const keys: EditorKey[] = await db.select({ id: articles.id, key: sql<string | null>`${column}`.mapWith(column) }).from(articles)
        .where(and(...filterConditions(request, query), afterCondition(request, after)))
        .orderBy(sql`${column} ${direction} nulls last`, sql`${articles.id} ${direction}`)
        .limit(request.limit + 1)
      return pageOfItems(request.limit, keys, summaries, words === null ? null : (ids) => snippetsOf(db, ids, words, query as SQL), (last) => editorCursor(last, request.sort))
    },

    async count (request) {
      const words = request.q === undefined ? null : searchWords(request.q)
      if (words?.length === 0) return 0
      const [row] = await db.select({ count: count() }).from(articles).where(and(...filterConditions(request, words === null ? null : tsQueryOf(words))))
      return row?.count ?? 0
    }
  }
}
