// The public lists of articles: filters, sorts, full-text search, related articles and old slugs.
// Every value a reader sends is a bound parameter; each query shape is prepared once and reused.
import { and, asc, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm'
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client.js'
import { articleRepresentationQueue, articleRepresentations, articles, articleSlugHistory, articleTags, sections } from '../../db/schema.js'
import { isPublic, isPublished, sectionSubtree } from '../../db/visibility.js'
import { decodeCursor, decodeTimeCursor, encodeCursor } from '../../shared/cursor.js'
import { BadRequestError } from '../../shared/errors.js'
import type { EncodedItem, Page } from '../../shared/pagination.js'
import { HIT_END, HIT_START, snippetToHtml, toFtsQuery } from './articles.search.js'
import type { ArticleSort } from './articles.schemas.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

/** What a list asks for, already checked: slugs split, times normalised to UTC. */
export interface ArticleListRequest {
  limit: number
  cursor?: string | undefined
  sort: ArticleSort
  section?: string | undefined
  authors?: string[] | undefined
  tags?: string[] | undefined
  featured?: boolean | undefined
  publishedAfter?: string | undefined
  publishedBefore?: string | undefined
  q?: string | undefined
}

/** The repository's own way to read list items, so lists and article pages never drift apart. */
export interface ItemReader<T> {
  /** The items of these articles, in no particular order. */
  byIds: (ids: number[]) => Promise<T[]>
}

/** What the statement that picks a page reads of each article's stored representation: every column null when it has none. */
export interface StoredSummary {
  id: number
  summary: string | null
  surrogateKeys: string | null
  renderedWith: string | null
  queued: number | null
}

/** A list item as JSON text, ready to be spliced into its list: the article's stored summary, or one rendered now. */
export type EncodedSummary = EncodedItem & { id: number }

/**
 * The items of a page's articles, in its order: each stored summary that is current, and the others rendered now (an
 * article queued for refreshing, or stored under other settings). The repository's, which knows what current means.
 */
export type SummaryReader = (rows: StoredSummary[]) => Promise<EncodedSummary[]>

type StoredSummaryColumn = 'summary' | 'surrogateKeys' | 'renderedWith'

/** The columns of StoredSummary, from either engine's tables, joined to the articles by id. */
export function storedSummaryColumns<R extends Record<StoredSummaryColumn, unknown>, Q extends { articleId: unknown }> (representations: R, queue: Q): Pick<R, StoredSummaryColumn> & { queued: Q['articleId'] } {
  return { summary: representations.summary, surrogateKeys: representations.surrogateKeys, renderedWith: representations.renderedWith, queued: queue.articleId }
}

export const storedSummary = storedSummaryColumns(articleRepresentations, articleRepresentationQueue)

/** Joins each article's stored representation, and its place in the refresh queue, for storedSummary's columns. */
export function withStoredSummaries<T extends SQLiteSelect> (query: T) {
  return query
    .leftJoin(articleRepresentations, eq(articleRepresentations.articleId, articles.id))
    .leftJoin(articleRepresentationQueue, eq(articleRepresentationQueue.articleId, articles.id))
}

const isPublicArticle = isPublic(articles)

// bm25 weights per column: a word in the headline counts most, then the subtitle, then the body.
const RANK = 'bm25(10.0, 4.0, 1.0)'

// Relevance ranks the newest matches only: ranking has to read every match, and a common word matches
// most of the archive. Fewer matches than this are ranked exactly.
export const SEARCH_WINDOW = 2000

/** The sorts by time: the article column each orders by, and which way. */
export const TIME_SORTS = {
  '-publishedAt': { column: 'publishedAt', descending: true },
  publishedAt: { column: 'publishedAt', descending: false },
  '-updatedAt': { column: 'updatedAt', descending: true }
} as const

export type TimeSort = keyof typeof TIME_SORTS

export const INVALID_CURSOR = 'The cursor is not one this API issued. Use meta.nextCursor of the previous page as it is, or drop it to start again.'

/** An article of a list and its sort key: a time, or with relevance its place in the ranking (1 for the first). */
export interface Key {
  id: number
  key: string | number
}

/**
 * The cursor's key, checked to be of the kind its sort orders by: anything else was edited by hand. A relevance
 * cursor holds the last article of its page and its place, never its score: a score is computed from the whole
 * index, so a cursor carrying one would tell more than the page it follows.
 */
export function afterKey (cursor: string, sort: ArticleSort): Key {
  if (sort !== 'relevance') {
    const [time, id] = decodeTimeCursor(cursor, sort)
    return { id, key: time }
  }
  const [raw, id] = decodeCursor(cursor, sort)
  const place = Number(raw)
  if (!Number.isSafeInteger(place) || place < 1 || place > SEARCH_WINDOW || String(place) !== raw) throw new BadRequestError('INVALID_CURSOR', INVALID_CURSOR)
  return { id, key: place }
}

/**
 * Where a relevance page starts: at the top; after the cursor's article, which is still a public hit and so has a
 * score now; or, when it has left the hits (taken down, edited, out of the window), at its place, which the hit
 * that followed it has moved up to.
 */
export type RelevanceStart = 'top' | 'afterHit' | 'atPlace'

export function relevanceStart (after: Key | undefined, anchored: boolean): RelevanceStart {
  if (after === undefined) return 'top'
  return anchored ? 'afterHit' : 'atPlace'
}

/** How many hits rank above the page. */
export function hitsAbove (after: Key | undefined, start: RelevanceStart): number {
  if (after === undefined) return 0
  return start === 'atPlace' ? after.key as number - 1 : after.key as number
}

/** The hits of a relevance page keyed by their places. */
export function placed<R extends { id: number }> (rows: R[], above: number): Array<R & Key> {
  return rows.map((row, index) => ({ ...row, key: above + index + 1 }))
}

/** A search hit's text, with its matches between HIT_START and HIT_END. */
export interface Snippet {
  id: number
  snippet: string
}

/** The items of these articles in this order, leaving out any deleted since its key was read. */
async function itemsInOrder<T extends { id: number }> (reader: ItemReader<T>, ids: number[]): Promise<T[]> {
  const byId = new Map((await reader.byIds(ids)).map((item) => [item.id, item]))
  return ids.map((id) => byId.get(id)).filter((item) => item !== undefined)
}

/**
 * The page that the keys of up to limit + 1 articles make: their items in key order, each search hit with its
 * snippet as safe HTML, and a cursor after the last one when there is more.
 */
export async function pageOfItems<K extends { id: number }, T extends { id: number, snippet?: string }> (
  limit: number, keys: K[], reader: ItemReader<T>, snippetsOf: ((ids: number[]) => Promise<Snippet[]>) | null, cursorAfter: (last: K) => string
): Promise<Page<T>> {
  const page = keys.slice(0, limit)
  const ids = page.map((row) => row.id)
  const items = await itemsInOrder(reader, ids)
  if (snippetsOf && ids.length > 0) {
    const byId = new Map(items.map((item) => [item.id, item]))
    for (const hit of await snippetsOf(ids)) {
      const item = byId.get(hit.id)
      if (item) item.snippet = snippetToHtml(hit.snippet)
    }
  }
  const last = page.at(-1)
  return { data: items, nextCursor: keys.length > limit && last ? cursorAfter(last) : null }
}

/** A list item that can carry a search hit's snippet. */
export type Listed<T> = T & { snippet?: string }

/** A page of a public list, its items read by the reader given: summaries, or whole articles. */
export async function pageOf<T extends { id: number }> (request: ArticleListRequest, keys: Key[], reader: ItemReader<Listed<T>>, snippetsOf: ((ids: number[]) => Promise<Snippet[]>) | null): Promise<Page<Listed<T>>> {
  return pageOfItems<Key, Listed<T>>(request.limit, keys, reader, snippetsOf, (last) => encodeCursor([String(last.key), last.id], request.sort))
}

/**
 * A page of a public list from the stored summaries its statement read beside the keys, each search hit with its
 * snippet as safe HTML, and a cursor after the last one when there is more.
 */
export async function summaryPageOf (request: ArticleListRequest, rows: Array<Key & StoredSummary>, summaries: SummaryReader, snippetsOf: ((ids: number[]) => Promise<Snippet[]>) | null): Promise<Page<EncodedSummary>> {
  const page = rows.slice(0, request.limit)
  const items = await summaries(page)
  const hits = snippetsOf === null || items.length === 0 ? [] : await snippetsOf(items.map((item) => item.id))
  const snippets = new Map(hits.map((hit) => [hit.id, hit.snippet]))
  const last = page.at(-1)
  return {
    data: hits.length === 0 ? items : items.map((item) => withSnippet(item, snippets.get(item.id))),
    nextCursor: rows.length > request.limit && last ? encodeCursor([String(last.key), last.id], request.sort) : null
  }
}

/** The item with the hit's snippet spliced in as its last property, where an item read as an object gets it. */
function withSnippet (item: EncodedSummary, snippet: string | undefined): EncodedSummary {
  if (snippet === undefined) return item
  return { ...item, json: `${item.json.slice(0, -1)},"snippet":${JSON.stringify(snippetToHtml(snippet))}}` }
}

export interface RelatedCandidate extends StoredSummary {
  sectionId: number
  publishedAt: string | null
}

/**
 * The summaries of the best `limit` candidates: most tags in common with the article (`shared` counts them), then
 * in its section, then the newest.
 */
export async function rankRelated (summaries: SummaryReader, sectionId: number, shared: Map<number, number>, candidates: RelatedCandidate[], limit: number): Promise<EncodedSummary[]> {
  const ranked = candidates
    .map((row) => ({ ...row, score: [shared.get(row.id) ?? 0, row.sectionId === sectionId ? 1 : 0] as const }))
    .sort((a, b) => b.score[0] - a.score[0] || b.score[1] - a.score[1] || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id - a.id)
    .slice(0, limit)
  return summaries(ranked)
}

const ph = (name: string) => sql.placeholder(name)

/** The list every frontend asks for first, served by the repository's single prepared statement. */
export function isPlainList (request: ArticleListRequest): boolean {
  return request.sort === '-publishedAt' && request.section === undefined && request.authors === undefined && request.tags === undefined &&
    request.featured === undefined && request.publishedAfter === undefined && request.publishedBefore === undefined && request.q === undefined
}

/** Articles crediting any of the authors, and carrying any of the tags, named by slug in the authors and tags parameters. */
export function bylineConditions (request: { authors?: string[] | undefined, tags?: string[] | undefined }): SQL[] {
  const conditions: SQL[] = []
  // The unary + keeps SQLite walking the date-ordered index and testing membership, instead of fetching
  // every article of a large tag to sort them: that costs a bounded index scan at worst.
  if (request.authors) {
    conditions.push(sql`+${articles.id} in (select aa.article_id from article_authors aa join authors au on au.id = aa.author_id
      where au.slug in (select value from json_each(${ph('authors')})))`)
  }
  if (request.tags) {
    conditions.push(sql`+${articles.id} in (select at.article_id from article_tags at join tags t on t.id = at.tag_id
      where t.slug in (select value from json_each(${ph('tags')})))`)
  }
  return conditions
}

/** The filters every shape shares; the section is an equality, run once per section of the subtree. */
function filterConditions (request: ArticleListRequest): SQL[] {
  const conditions: SQL[] = [isPublicArticle, ...bylineConditions(request)]
  if (request.featured !== undefined) conditions.push(eq(articles.featured, sql`${ph('featured')}`))
  if (request.publishedAfter) conditions.push(gt(articles.publishedAt, ph('publishedAfter')))
  if (request.publishedBefore) conditions.push(lt(articles.publishedAt, ph('publishedBefore')))
  return conditions
}

function shapeOf (request: ArticleListRequest, parts: Record<string, boolean>): string {
  const present = { ...parts, authors: !!request.authors, tags: !!request.tags, featured: request.featured !== undefined, publishedAfter: !!request.publishedAfter, publishedBefore: !!request.publishedBefore }
  return `${request.sort}:${Object.entries(present).filter(([, on]) => on).map(([name]) => name).join(',')}`
}

export function createArticleListing (db: Db, summaries: SummaryReader) {
  const prepared = new Map<string, { all: (values: Record<string, unknown>) => unknown[] }>()

  /** Prepares each shape of query once; shapes are few (which filters are present), values are parameters. */
  function statement (shape: string, build: () => { all: (values: Record<string, unknown>) => unknown[] }) {
    let found = prepared.get(shape)
    if (!found) prepared.set(shape, found = build())
    return found
  }

  const sectionTree = preparedOnFirstUse(() => db.select({ id: sql<number>`id` })
    .from(sql`(${sectionSubtree(sql`(select id from ${sections} where slug = ${ph('slug')})`)} select id from subtree) as subtree`)
    .where(sql`id is not null`)
    .prepare())

  // Every search of the public reads articles_public_fts, which holds public articles only: bm25 weighs a word by the
  // articles of its index that hold it, so an index with drafts in it would let them move public scores.
  const anyMatch = preparedOnFirstUse(() => db.select({ id: sql<number>`rowid` }).from(sql`articles_public_fts`)
    .where(sql`articles_public_fts match ${ph('fts')}`).limit(1).prepare())
  // The rowid of the oldest match inside the window; rowids grow with every new article.
  const windowFloor = preparedOnFirstUse(() => db.select({ id: sql<number>`rowid` }).from(sql`articles_public_fts`)
    .where(sql`articles_public_fts match ${ph('fts')}`).orderBy(sql`rowid desc`).limit(1).offset(SEARCH_WINDOW - 1).prepare())
  const rankOf = preparedOnFirstUse(() => db.select({ rank: sql<number>`rank` }).from(sql`articles_public_fts`)
    .where(sql`articles_public_fts match ${ph('fts')} and rank match ${RANK} and rowid = cast(${ph('id')} as integer) and rowid >= cast(${ph('floor')} as integer)`)
    .prepare())
  const snippets = prepareSnippets(db, 'articles_public_fts')

  function timePage (request: ArticleListRequest, sectionId: number | undefined, after: Key | undefined, fts: string | null, stored: boolean): Key[] {
    const sort = TIME_SORTS[request.sort as TimeSort]
    const column = articles[sort.column]
    const shape = shapeOf(request, { section: sectionId !== undefined, after: after !== undefined, fts: fts !== null, stored })
    const query = statement(shape, () => {
      const conditions = filterConditions(request)
      if (sectionId !== undefined) conditions.push(eq(articles.sectionId, sql`${ph('sectionId')}`))
      if (fts !== null) conditions.push(sql`+${articles.id} in (select rowid from articles_public_fts where articles_public_fts match ${ph('fts')})`)
      if (after) {
        conditions.push(sort.descending
          ? sql`(${column}, ${articles.id}) < (${ph('afterKey')}, ${ph('afterId')})`
          : sql`(${column}, ${articles.id}) > (${ph('afterKey')}, ${ph('afterId')})`)
      }
      const direction = sort.descending ? desc : asc
      const page = db.select({ id: articles.id, key: column, ...(stored && storedSummary) }).from(articles).$dynamic()
      return (stored ? withStoredSummaries(page) : page)
        .where(and(...conditions))
        .orderBy(direction(column), direction(articles.id))
        .limit(ph('limit'))
        .prepare()
    })
    return query.all({ ...valuesOf(request), sectionId, fts, afterKey: after?.key, afterId: after?.id, limit: request.limit + 1 }) as Key[]
  }

  function relevancePage (request: ArticleListRequest, sectionIds: number[] | undefined, after: Key | undefined, fts: string, stored: boolean): Key[] {
    const floor = (windowFloor.get({ fts }) as { id: number } | undefined)?.id ?? 0
    const anchor = after === undefined ? undefined : rankOf.get({ fts, floor, id: after.id })
    const start = relevanceStart(after, anchor !== undefined)
    const shape = shapeOf(request, { sections: sectionIds !== undefined, [start]: true, stored })
    const query = statement(shape, () => {
      const conditions = filterConditions(request)
      if (sectionIds) conditions.push(sql`${articles.sectionId} in (select value from json_each(${ph('sectionIds')}))`)
      if (start === 'afterHit') conditions.push(sql`(hits.rank, hits.id) > (${ph('afterRank')}, ${ph('afterId')})`)
      const hits = sql`(select rowid as id, rank from articles_public_fts
        where articles_public_fts match ${ph('fts')} and rank match ${RANK} and rowid >= cast(${ph('floor')} as integer)
        order by rank limit -1) as hits`
      // Left to itself the planner walks every public article and probes the hits; looking each hit up in the
      // small covering index instead is four times faster on 100k articles and never reads the large rows.
      const hit = db.select({ id: sql<number>`hits.id`, ...(stored && storedSummary) }).from(hits)
        .innerJoin(sql`${articles} indexed by articles_visibility_idx`, sql`${articles.id} = hits.id`).$dynamic()
      const page = (stored ? withStoredSummaries(hit) : hit)
        .where(and(...conditions))
        .orderBy(sql`hits.rank`, sql`hits.id`)
        .limit(ph('limit'))
      return (start === 'atPlace' ? page.offset(ph('above')) : page).prepare()
    })
    const above = hitsAbove(after, start)
    const rows = query.all({
      ...valuesOf(request), sectionIds: JSON.stringify(sectionIds), fts, floor, afterRank: anchor?.rank, afterId: after?.id, above, limit: request.limit + 1
    }) as Array<{ id: number }>
    return placed(rows, above)
  }

  function valuesOf (request: ArticleListRequest) {
    return {
      authors: JSON.stringify(request.authors ?? []),
      tags: JSON.stringify(request.tags ?? []),
      featured: request.featured ? 1 : 0,
      publishedAfter: request.publishedAfter,
      publishedBefore: request.publishedBefore
    }
  }

  /** The k newest of each section, merged: each section walks its own date index instead of sorting the subtree. */
  function mergedSectionPage (request: ArticleListRequest, sectionIds: number[], after: Key | undefined, fts: string | null, stored: boolean): Key[] {
    const descending = TIME_SORTS[request.sort as TimeSort].descending
    const rows = sectionIds.flatMap((sectionId) => timePage(request, sectionId, after, fts, stored))
    const compare = (a: Key, b: Key) => a.key === b.key ? a.id - b.id : (a.key < b.key ? -1 : 1)
    return rows.sort((a, b) => descending ? compare(b, a) : compare(a, b)).slice(0, request.limit + 1)
  }

  /** The keys of the page, and with `stored` what each article's stored representation holds for lists. */
  function keysOf (request: ArticleListRequest, after: Key | undefined, fts: string | null, stored: boolean): Key[] {
    const sectionIds = request.section === undefined ? undefined : sectionTree.all({ slug: request.section }).map((row) => row.id)
    if (sectionIds?.length === 0) return []
    if (request.sort === 'relevance') return fts === null ? [] : relevancePage(request, sectionIds, after, fts, stored)
    if (sectionIds) return mergedSectionPage(request, sectionIds, after, fts, stored)
    return timePage(request, undefined, after, fts, stored)
  }

  /** The page's keys, read as `stored` says, and the snippets of its hits; null when the search can match nothing. */
  function pageKeys (request: ArticleListRequest, stored: boolean) {
    const after = request.cursor === undefined ? undefined : afterKey(request.cursor, request.sort)
    const fts = request.q === undefined ? null : toFtsQuery(request.q)
    // Text with nothing searchable in it, or words no article has: nothing to list.
    if (request.q !== undefined && (fts === null || anyMatch.get({ fts }) === undefined)) return null
    return { keys: keysOf(request, after, fts, stored), snippetsOf: fts === null ? null : async (ids: number[]) => snippets(fts, ids) }
  }

  async function listWith<T extends { id: number }> (request: ArticleListRequest, reader: ItemReader<Listed<T>>): Promise<Page<Listed<T>>> {
    const page = pageKeys(request, false)
    return page === null ? { data: [], nextCursor: null } : pageOf(request, page.keys, reader, page.snippetsOf)
  }

  return {
    /** A page of summaries, read from the stored ones by the statement that picks it. */
    async list (request: ArticleListRequest): Promise<Page<EncodedSummary>> {
      const page = pageKeys(request, true)
      return page === null ? { data: [], nextCursor: null } : summaryPageOf(request, page.keys as Array<Key & StoredSummary>, summaries, page.snippetsOf)
    },

    /** The same page, each item read by the reader given, such as one that reads whole articles. */
    listWith,

    /** How many articles the list has over all its pages; with relevance, only the window it ranks. */
    async count (request: ArticleListRequest): Promise<number> {
      const fts = request.q === undefined ? null : toFtsQuery(request.q)
      if (request.q !== undefined && fts === null) return 0
      const sectionIds = request.section === undefined ? undefined : sectionTree.all({ slug: request.section }).map((row) => row.id)
      if (sectionIds?.length === 0) return 0
      const relevance = request.sort === 'relevance'
      if (relevance && fts === null) return 0
      const floor = relevance ? (windowFloor.get({ fts }) as { id: number } | undefined)?.id ?? 0 : 0
      const shape = `count:${shapeOf(request, { sections: sectionIds !== undefined, fts: fts !== null })}`
      const query = statement(shape, () => {
        const conditions = filterConditions(request)
        if (sectionIds) conditions.push(sql`${articles.sectionId} in (select value from json_each(${ph('sectionIds')}))`)
        if (fts !== null) conditions.push(sql`${articles.id} in (select rowid from articles_public_fts where articles_public_fts match ${ph('fts')})`)
        if (relevance) conditions.push(sql`${articles.id} >= ${ph('floor')}`)
        return db.select({ count: sql<number>`count(*)` }).from(articles).where(and(...conditions)).prepare()
      })
      const [row] = query.all({ ...valuesOf(request), sectionIds: JSON.stringify(sectionIds), fts, floor }) as Array<{ count: number }>
      return row?.count ?? 0
    }
  }
}

/**
 * The marked passages of these articles that match an FTS5 query, for search hits, from the public index or the
 * editors' one. Both read text without HIT_START and HIT_END (migrations/sqlite/0007_public_search.sql), so every
 * marker in a snippet is one FTS5 put there.
 */
export function prepareSnippets (db: Db, index: 'articles_fts' | 'articles_public_fts'): (fts: string, ids: number[]) => Snippet[] {
  const table = sql.raw(index)
  // The rowid is cast: FTS5 ignores a rowid constraint bound as a real number, which is how numbers arrive.
  const snippets = preparedOnFirstUse(() => db.select({
    id: sql<number>`rowid`,
    snippet: sql<string>`snippet(${table}, -1, ${HIT_START}, ${HIT_END}, '…', 24)`
  }).from(sql`${table}`)
    .where(sql`${table} match ${ph('fts')} and rowid in (select cast(value as integer) from json_each(${ph('ids')}))`)
    .prepare())
  return (fts, ids) => snippets.all({ fts, ids: JSON.stringify(ids) })
}

export type ArticleListing = ReturnType<typeof createArticleListing>

/** Related articles and old slugs: the other public reads an article page makes. */
export function createArticleNeighbours (db: Db, summaries: SummaryReader) {
  // Per tag, the newest articles that carry it: enough candidates to rank, however popular the tag.
  const TAG_POOL = 200
  const publicArticle = preparedOnFirstUse(() => db.select({ id: articles.id, sectionId: articles.sectionId }).from(articles)
    .where(and(eq(articles.slug, ph('slug')), isPublicArticle)).prepare())
  const tagsOf = preparedOnFirstUse(() => db.select({ tagId: articleTags.tagId }).from(articleTags).where(eq(articleTags.articleId, sql`${ph('id')}`)).prepare())
  const taggedWith = preparedOnFirstUse(() => db.select({ id: articleTags.articleId }).from(articleTags)
    .where(eq(articleTags.tagId, sql`${ph('tagId')}`)).orderBy(desc(articleTags.articleId)).limit(TAG_POOL).prepare())
  const newest = (inSection: boolean) => preparedOnFirstUse(() => db.select({ id: articles.id }).from(articles)
    .where(and(isPublicArticle, inSection ? eq(articles.sectionId, sql`${ph('sectionId')}`) : undefined))
    .orderBy(desc(articles.publishedAt), desc(articles.id)).limit(ph('limit')).prepare())
  const newestInSection = newest(true)
  const newestOverall = newest(false)
  const candidates = preparedOnFirstUse(() => withStoredSummaries(db.select({ id: articles.id, sectionId: articles.sectionId, publishedAt: articles.publishedAt, ...storedSummary }).from(articles).$dynamic())
    .where(and(isPublicArticle, sql`${articles.id} in (select value from json_each(${ph('ids')}))`)).prepare())
  // Only a slug the public once read redirects: one given up before publication, under embargo or while taken down
  // would tell whoever guesses it what the newsroom had called the piece. Revisions hold every version, slug and all.
  const currentSlug = preparedOnFirstUse(() => db.select({ slug: articles.slug }).from(articleSlugHistory)
    .innerJoin(articles, eq(articles.id, articleSlugHistory.articleId))
    .where(and(eq(articleSlugHistory.slug, ph('slug')), isPublished(articles), sql`exists (select 1 from article_revisions r
      where r.article_id = ${articles.id} and json_extract(r.snapshot, '$.slug') = ${articleSlugHistory.slug}
      and json_extract(r.snapshot, '$.status') = 'published' and json_extract(r.snapshot, '$.embargoedUntil') is null)`)).prepare())

  return {
    /** Ranked by tags in common, then the same section, then recency; null when the article is not public. */
    async related (slug: string, limit: number): Promise<EncodedSummary[] | null> {
      const article = publicArticle.get({ slug })
      if (!article) return null
      const shared = new Map<number, number>()
      for (const { tagId } of tagsOf.all({ id: article.id })) {
        for (const { id } of taggedWith.all({ tagId })) shared.set(id, (shared.get(id) ?? 0) + 1)
      }
      // Without tags in common, the newest of the section and then of the site fill the list.
      const pool = { limit: limit + 1, sectionId: article.sectionId }
      const ids = new Set([...shared.keys(), ...newestInSection.all(pool).map((row) => row.id), ...newestOverall.all(pool).map((row) => row.id)])
      ids.delete(article.id)
      return rankRelated(summaries, article.sectionId, shared, candidates.all({ ids: JSON.stringify([...ids]) }), limit)
    },

    /** The current slug of a published article that had this slug before, or null. */
    async currentSlug (oldSlug: string): Promise<string | null> {
      return currentSlug.get({ slug: oldSlug })?.slug ?? null
    }
  }
}

export type ArticleNeighbours = ReturnType<typeof createArticleNeighbours>
