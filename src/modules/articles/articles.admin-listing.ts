// The editors' article list on SQLite: every status, whose articles a token sees, filters, search, and sorts on times
// that some articles lack. Every value is a bound parameter; each query shape is prepared once and reused.
import { and, gte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, sections } from '../../db/schema.js'
import { sectionSubtree } from '../../db/visibility.js'
import type { Page } from '../../shared/pagination.js'
import { EDITOR_SORT_KEYS, editorCursor, editorKeyOf, type EditorKey, type EditorListRequest } from './articles.admin-list.js'
import type { WriterArticleSummary } from './articles.admin-list.schemas.js'
import { bylineConditions, pageOfItems, prepareSnippets, type ItemReader } from './articles.listing.js'
import { toFtsQuery } from './articles.search.js'

const ph = (name: string) => sql.placeholder(name)

/** Where a page starts: at the top, after an article with the sort's time, or after one without it. */
type Start = 'top' | 'afterTime' | 'afterNull'

function startOf (after: EditorKey | undefined): Start {
  if (after === undefined) return 'top'
  return after.key === null ? 'afterNull' : 'afterTime'
}

/**
 * The filters of the request. The scope comes first: a contributor's or author's list is the few articles that
 * credit them, found through the author index.
 */
function filterConditions (request: EditorListRequest, fts: boolean): SQL[] {
  const conditions: SQL[] = []
  if (request.creditedTo !== null) conditions.push(sql`${articles.id} in (select article_id from article_authors where author_id = ${ph('creditedTo')})`)
  if (request.statuses) conditions.push(sql`${articles.status} in (select value from json_each(${ph('statuses')}))`)
  if (request.withdrawn !== undefined) conditions.push(sql`(${articles.withdrawnAt} is not null) = ${ph('withdrawn')}`)
  if (request.section !== undefined) {
    conditions.push(sql`${articles.sectionId} in (${sectionSubtree(sql`(select id from ${sections} where slug = ${ph('section')})`)} select id from subtree)`)
  }
  conditions.push(...bylineConditions(request))
  if (request.updatedSince !== undefined) conditions.push(gte(articles.updatedAt, ph('updatedSince')))
  if (fts) conditions.push(sql`${articles.id} in (select rowid from articles_fts where articles_fts match ${ph('fts')})`)
  return conditions
}

/**
 * Rows after the cursor's article. Articles without the sort's time come last whichever the direction, in id order of
 * that direction: after one of them only such articles follow.
 */
function afterCondition (request: EditorListRequest, start: Start): SQL | undefined {
  const { column: name, descending } = EDITOR_SORT_KEYS[request.sort]
  const column = articles[name]
  const beyond = descending ? sql`<` : sql`>`
  if (start === 'afterNull') return sql`(${column} is null and ${articles.id} ${beyond} ${ph('afterId')})`
  if (start === 'afterTime') return sql`(${column} is null or (${column}, ${articles.id}) ${beyond} (${ph('afterKey')}, ${ph('afterId')}))`
  return undefined
}

function shapeOf (request: EditorListRequest, parts: Record<string, boolean>): string {
  const present = {
    ...parts,
    creditedTo: request.creditedTo !== null,
    statuses: request.statuses !== undefined,
    withdrawn: request.withdrawn !== undefined,
    section: request.section !== undefined,
    authors: request.authors !== undefined,
    tags: request.tags !== undefined,
    updatedSince: request.updatedSince !== undefined
  }
  return `${request.sort}:${Object.entries(present).filter(([, on]) => on).map(([name]) => name).join(',')}`
}

function valuesOf (request: EditorListRequest, fts: string | null) {
  return {
    creditedTo: request.creditedTo,
    statuses: JSON.stringify(request.statuses ?? []),
    withdrawn: request.withdrawn ? 1 : 0,
    section: request.section,
    authors: JSON.stringify(request.authors ?? []),
    tags: JSON.stringify(request.tags ?? []),
    updatedSince: request.updatedSince,
    fts
  }
}

export function createEditorListing (db: Db, summaries: ItemReader<WriterArticleSummary>) {
  const prepared = new Map<string, { all: (values: Record<string, unknown>) => unknown[] }>()
  const snippets = prepareSnippets(db, 'articles_fts')

  /** Prepares each shape of query once; shapes are few (which filters are present), values are parameters. */
  function statement (shape: string, build: () => { all: (values: Record<string, unknown>) => unknown[] }) {
    let found = prepared.get(shape)
    if (!found) prepared.set(shape, found = build())
    return found
  }

  return {
    async list (request: EditorListRequest): Promise<Page<WriterArticleSummary>> {
      const after = request.cursor === undefined ? undefined : editorKeyOf(request.cursor, request.sort)
      const fts = request.q === undefined ? null : toFtsQuery(request.q)
      // Text with nothing searchable in it: nothing to list.
      if (request.q !== undefined && fts === null) return { data: [], nextCursor: null }
      const start = startOf(after)
      const query = statement(shapeOf(request, { [start]: true, fts: fts !== null }), () => {
        const { column: name, descending } = EDITOR_SORT_KEYS[request.sort]
        const column = articles[name]
        const direction = sql.raw(descending ? 'desc' : 'asc')
        return db.select({ id: articles.id, key: column }).from(articles)
          .where(and(...filterConditions(request, fts !== null), afterCondition(request, start)))
          .orderBy(sql`${column} ${direction} nulls last`, sql`${articles.id} ${direction}`)
          .limit(ph('limit'))
          .prepare()
      })
      const keys = query.all({ ...valuesOf(request, fts), afterKey: after?.key, afterId: after?.id, limit: request.limit + 1 }) as EditorKey[]
      return pageOfItems(request.limit, keys, summaries, fts === null ? null : async (ids) => snippets(fts, ids), (last) => editorCursor(last, request.sort))
    },

    /** How many articles the list has over all its pages. */
    async count (request: EditorListRequest): Promise<number> {
      const fts = request.q === undefined ? null : toFtsQuery(request.q)
      if (request.q !== undefined && fts === null) return 0
      // The sort changes no count: one statement serves them all.
      const query = statement(`count:${shapeOf({ ...request, sort: '-updatedAt' }, { fts: fts !== null })}`, () =>
        db.select({ count: sql<number>`count(*)` }).from(articles).where(and(...filterConditions(request, fts !== null))).prepare())
      const [row] = query.all(valuesOf(request, fts)) as Array<{ count: number }>
      return row?.count ?? 0
    }
  }
}

export type EditorListing = ReturnType<typeof createEditorListing>
