// The public lists of articles on PostgreSQL: filters, sorts, full-text search over the public articles' vectors, related
// articles and old slugs. The twin of articles.listing.ts: the same requests give the same pages and cursors.
import { and, asc, count, desc, eq, gt, inArray, lt, sql, type Column, type SQL } from 'drizzle-orm'
import { alias, integer, pgTable, type PgSelect } from 'drizzle-orm/pg-core'
import type { PgExecutor } from '../../db/postgres.js'
import { articleAuthors, articleRepresentationQueue, articleRepresentations, articles, articleSlugHistory, articleTags, authors, sections, tags } from '../../db/schema.pg.js'
import { isPublic, isPublished, sectionSubtree } from '../../db/visibility.js'
import { BadRequestError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import {
  afterKey, hitsAbove, INVALID_CURSOR, pageOf, placed, rankRelated, relevanceStart, SEARCH_WINDOW, storedSummaryColumns, summaryPageOf, TIME_SORTS,
  type ArticleListing, type ArticleListRequest, type ArticleNeighbours, type ItemReader, type Key, type Listed, type Snippet, type StoredSummary,
  type SummaryReader, type TimeSort
} from './articles.listing.js'
import { HIT_END, HIT_START, searchWords } from './articles.search.js'

const isPublicArticle = isPublic(articles)

export const storedSummary = storedSummaryColumns(articleRepresentations, articleRepresentationQueue)

/** Joins the stored representation of the article with this id, and its place in the refresh queue, for storedSummary's columns. */
export function withStoredSummaries<T extends PgSelect> (query: T, id: Column = articles.id) {
  return query
    .leftJoin(articleRepresentations, eq(articleRepresentations.articleId, id))
    .leftJoin(articleRepresentationQueue, eq(articleRepresentationQueue.articleId, id))
}

// Public search reads the narrow table of public articles' vectors (migrations/postgres/0013_public_search_table.sql),
// declared here and not in schema.pg.ts, as articles.search_vector is not (see its header); the snippets, which read
// a page of articles by id, read the articles' own vectors.
const publicSearch = pgTable('article_public_search', { articleId: integer('article_id').primaryKey() })
const publicSearchVector = sql`${publicSearch}.search_vector`

/** Public articles that match: from the GIN index of the narrow table, never a vector read per article passed. */
export function isPublicMatch (query: SQL): SQL {
  return sql`${articles.id} in (select ${publicSearch.articleId} from ${publicSearch} where ${publicSearchVector} @@ ${query})`
}

/**
 * Public articles inside the relevance window: the SEARCH_WINDOW newest public matches, counted over every public
 * match as on SQLite; ids grow with every new article. Materialized, so the planner takes every match from the index
 * and sorts their ids: walking the primary key backwards instead would read a vector for each article it passes.
 */
export function isInWindow (query: SQL): SQL {
  return sql`${articles.id} in (with matches as materialized (select article_id from ${publicSearch} where ${publicSearchVector} @@ ${query})
    select article_id from matches order by article_id desc limit ${SEARCH_WINDOW})`
}

// ts_rank's weights for D, C, B and A: the body (D), the subtitle (B) and the headline (A) in the proportions of
// SQLite's bm25(10.0, 4.0, 1.0).
const WEIGHTS = sql`'{0.1, 0.2, 0.4, 1.0}'`

// snippet(..., 24) shows a window of 24 words around the best cluster of hits, or all of a text no longer than that.
// One fragment, because only the fragment mode centres the window on the hits; MinWords is what it shows of a text
// without hits; ShortWord=0 lets a window start or end at a word as short as "In".
const SNIPPET_WORDS = 24
const MARKS = `StartSel="${HIT_START}", StopSel="${HIT_END}"`
const WINDOW_OPTIONS = `${MARKS}, MaxFragments=1, MaxWords=${SNIPPET_WORDS}, MinWords=${SNIPPET_WORDS - 1}, ShortWord=0`
const WHOLE_OPTIONS = `${MARKS}, HighlightAll=true`

// ts_headline writes what its parser takes for an HTML tag as a space; article text is plain, so "<" stands in for
// itself as this private-use character while the headline is made, and the text keeps its words.
const TAG_OPEN = '\uE002'

// Longer than this, what lies before or after a snippet is taken to hold a word.
const MAX_EDGE = 80

/**
 * The time a cursor carries. SQLite compares it as text, so any string of its shape will do there; PostgreSQL reads it
 * and refuses a time that does not exist. The cursors this API issues hold toISOString's own writing of a real time.
 */
function cursorTime (key: string | number): string {
  const time = typeof key === 'string' ? new Date(key) : null
  if (!time || Number.isNaN(time.getTime()) || time.getUTCFullYear() < 1 || time.toISOString() !== key) {
    throw new BadRequestError('INVALID_CURSOR', INVALID_CURSOR)
  }
  return key
}

/**
 * The reader's words as a tsquery, by toFtsQuery's rules: every word a phrase of its own lexemes, all of them
 * required. phraseto_tsquery reads a word as text, never as tsquery syntax, so & | ! <-> : * and quotes are only
 * punctuation; unaccent folds the word as the stored vector was folded.
 */
export function tsQueryOf (words: string[]): SQL {
  return sql`(${sql.join(words.map((word) => sql`phraseto_tsquery('simple', news_unaccent(${word}))`), sql` && `)})`
}

/**
 * FTS5's snippet(), as near as PostgreSQL comes: the column with most of the words (on a tie, one longer than the
 * window, as snippet() gives a long column a bonus, else the first), a window of it with the hits marked, and '…'
 * where the window cuts the text.
 */
export async function snippetsOf (db: PgExecutor, ids: number[], words: string[], query: SQL): Promise<Snippet[]> {
  const { rows } = await db.execute<{ id: number, headline: string, lead: string | null, tail: string | null }>(sql`
    -- Materialized, so that each text is made, parsed and marked once, however often the steps below name it.
    with best as materialized (
      select a.id, replace(translate(col.text, ${HIT_START + HIT_END + TAG_OPEN}, ''), '<', ${TAG_OPEN}) as text, col.words
      from ${articles} a
      cross join lateral (
        select c.text, c.words from (values
          (1, a.headline, 'a', cardinality(regexp_split_to_array(btrim(a.headline), '\\s+'))),
          (2, a.subtitle, 'b', cardinality(regexp_split_to_array(btrim(a.subtitle), '\\s+'))),
          (3, a.body_text, 'd', a.word_count)
        ) as c(position, text, weight, words)
        order by 2 * (
          select count(*) from unnest(cast(${sql.param(words)} as text[])) as w(word)
          where ts_filter(a.search_vector, array[c.weight]::"char"[]) @@ phraseto_tsquery('simple', news_unaccent(w.word))
        ) + case when c.words > ${SNIPPET_WORDS} then 1 else 0 end desc, c.position
        limit 1
      ) as col
      where a.id = any(cast(${sql.param(ids)} as integer[]))
    ),
    -- The query's lexemes are folded and the text is not, so ts_headline would miss "Sénégal" for "senegal": it is
    -- given the text's own words that fold to one of the query's, quoted as tsquery lexemes. Only if none does (the
    -- words matched elsewhere) does it get the query, and show the start of the text.
    marked as materialized (
      select id, text, ts_headline('simple', text, coalesce((
        select string_agg('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery
        from unnest(to_tsvector('simple', text))
        where news_unaccent(lexeme) = any(tsvector_to_array(to_tsvector('simple', news_unaccent(${words.join(' ')}))))
      ), ${query}), case when words > ${SNIPPET_WORDS} then ${WINDOW_OPTIONS} else ${WHOLE_OPTIONS} end) as headline
      from best
    ),
    placed as (
      select id, headline, left(text, at - 1) as before, substr(text, at + size) as after, at > 0 as found
      from (
        select id, text, headline, strpos(text, translate(headline, ${HIT_START + HIT_END}, '')) as at,
          length(translate(headline, ${HIT_START + HIT_END}, '')) as size
        from marked
      ) as located
    )
    -- What lies before or after the window is kept when it holds no word (punctuation, as snippet() keeps it) and
    -- is '…' otherwise. Only a short stretch is parsed to find out: a long one holds words. A window not found as
    -- written in its text is cut on both sides.
    select id, replace(headline, ${TAG_OPEN}, '<') as headline,
      case when not found or length(before) > ${MAX_EDGE} then null
        when length(to_tsvector('simple', before)) = 0 then replace(before, ${TAG_OPEN}, '<') end as lead,
      case when not found or length(after) > ${MAX_EDGE} then null
        when length(to_tsvector('simple', after)) = 0 then replace(after, ${TAG_OPEN}, '<') end as tail
    from placed
  `)
  return rows.map((row) => ({ id: row.id, snippet: `${row.lead ?? '…'}${row.headline}${row.tail ?? '…'}` }))
}

/** Articles crediting any of the authors, and carrying any of the tags, named by slug in the authors and tags parameters. */
export function bylineConditions (db: PgExecutor, request: { authors?: string[] | undefined, tags?: string[] | undefined }): SQL[] {
  const conditions: SQL[] = []
  if (request.authors) {
    conditions.push(inArray(articles.id, db.select({ id: articleAuthors.articleId }).from(articleAuthors)
      .innerJoin(authors, eq(authors.id, articleAuthors.authorId)).where(inArray(authors.slug, request.authors))))
  }
  if (request.tags) {
    conditions.push(inArray(articles.id, db.select({ id: articleTags.articleId }).from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId)).where(inArray(tags.slug, request.tags))))
  }
  return conditions
}

export function createPostgresArticleListing (db: PgExecutor, summaries: SummaryReader): ArticleListing {
  /** The filters every sort shares: visibility, the section with its subsections, authors, tags, times, the search. */
  function filtersOf (request: ArticleListRequest, query: SQL | null): SQL[] {
    const conditions: SQL[] = [isPublicArticle]
    if (request.section !== undefined) {
      const root = sql`(select id from ${sections} where slug = ${request.section})`
      conditions.push(inArray(articles.sectionId, sql`(${sectionSubtree(root)} select id from subtree)`))
    }
    conditions.push(...bylineConditions(db, request))
    if (request.featured !== undefined) conditions.push(eq(articles.featured, request.featured))
    if (request.publishedAfter) conditions.push(gt(articles.publishedAt, request.publishedAfter))
    if (request.publishedBefore) conditions.push(lt(articles.publishedAt, request.publishedBefore))
    if (query) conditions.push(isPublicMatch(query))
    return conditions
  }

  async function timePage (request: ArticleListRequest, after: Key | undefined, query: SQL | null, stored: boolean): Promise<Key[]> {
    const sort = TIME_SORTS[request.sort as TimeSort]
    const column = articles[sort.column]
    const conditions = filtersOf(request, query)
    if (after) {
      const position = sql`(${column}, ${articles.id})`
      // bigint: a cursor may carry any safe integer, more than an integer parameter holds.
      const cursor = sql`(cast(${cursorTime(after.key)} as timestamptz), cast(${after.id} as bigint))`
      conditions.push(sort.descending ? sql`${position} < ${cursor}` : sql`${position} > ${cursor}`)
    }
    const direction = sort.descending ? desc : asc
    // Public articles always have a publication time, so the key is never null.
    const page = db.select({ id: articles.id, key: sql<string>`${column}`.mapWith(column), ...(stored && storedSummary) }).from(articles).$dynamic()
    return (stored ? withStoredSummaries(page) : page)
      .where(and(...conditions))
      .orderBy(direction(column), direction(articles.id))
      .limit(request.limit + 1)
  }

  /**
   * Best first, ties by id. The key is minus the rank, so it ascends as bm25's does on SQLite, and a double: a real
   * widened to compare with a double parameter would never equal it again. ts_rank reads the article alone, never
   * the rest of the table, so unpublished articles move no score; the window and the cursor's article are public.
   */
  async function relevancePage (request: ArticleListRequest, after: Key | undefined, query: SQL, stored: boolean): Promise<Key[]> {
    const rank = sql<number>`-ts_rank(${WEIGHTS}, ${publicSearchVector}, ${query})::float8`
    const inWindow = isInWindow(query)
    // bigint: a cursor may carry any safe integer, more than an integer parameter holds.
    const [anchor] = after === undefined
      ? []
      : await db.select({ key: rank }).from(articles).innerJoin(publicSearch, eq(publicSearch.articleId, articles.id))
        .where(and(sql`${articles.id} = cast(${after.id} as bigint)`, inWindow))
    const start = relevanceStart(after, anchor !== undefined)
    const above = hitsAbove(after, start)
    // Every article of the window matches: the filters left are the request's others.
    const hits = db.select({ id: articles.id, key: rank.as('key') })
      .from(articles)
      .innerJoin(publicSearch, eq(publicSearch.articleId, articles.id))
      .where(and(...filtersOf(request, null), inWindow))
      .as('hits')
    const hit = db.select({ id: hits.id, ...(stored && storedSummary) }).from(hits).$dynamic()
    const page = (stored ? withStoredSummaries(hit, hits.id) : hit)
      .where(start === 'afterHit' ? sql`(${hits.key}, ${hits.id}) > (cast(${anchor?.key} as double precision), cast(${after?.id} as bigint))` : undefined)
      .orderBy(asc(hits.key), asc(hits.id))
      .limit(request.limit + 1)
      .offset(start === 'atPlace' ? above : 0)
    return placed(await page, above)
  }

  /** The page's keys, read as `stored` says, and the snippets of its hits; null when the search can match nothing. */
  async function pageKeys (request: ArticleListRequest, stored: boolean) {
    const after = request.cursor === undefined ? undefined : afterKey(request.cursor, request.sort)
    if (request.q === undefined) return { keys: request.sort === 'relevance' ? [] : await timePage(request, after, null, stored), snippetsOf: null }
    const words = searchWords(request.q)
    // Text with nothing searchable in it: nothing to list.
    if (words.length === 0) return null
    const query = tsQueryOf(words)
    const keys = request.sort === 'relevance' ? await relevancePage(request, after, query, stored) : await timePage(request, after, query, stored)
    return { keys, snippetsOf: (ids: number[]) => snippetsOf(db, ids, words, query) }
  }

  async function listWith<T extends { id: number }> (request: ArticleListRequest, reader: ItemReader<Listed<T>>): Promise<Page<Listed<T>>> {
    const page = await pageKeys(request, false)
    return page === null ? { data: [], nextCursor: null } : pageOf(request, page.keys, reader, page.snippetsOf)
  }

  return {
    async list (request) {
      const page = await pageKeys(request, true)
      return page === null ? { data: [], nextCursor: null } : summaryPageOf(request, page.keys as Array<Key & StoredSummary>, summaries, page.snippetsOf)
    },

    listWith,

    async count (request) {
      const words = request.q === undefined ? null : searchWords(request.q)
      if (words?.length === 0 || (request.sort === 'relevance' && words === null)) return 0
      const query = words === null ? null : tsQueryOf(words)
      // Relevance ranks the window of newest matches only, as relevancePage does, so it counts no more.
      const conditions = request.sort === 'relevance' ? [...filtersOf(request, null), isInWindow(query as SQL)] : filtersOf(request, query)
      const [row] = await db.select({ count: count() }).from(articles).where(and(...conditions))
      return row?.count ?? 0
    }
  }
}

/** Related articles and old slugs: the other public reads an article page makes. */
export function createPostgresArticleNeighbours (db: PgExecutor, summaries: SummaryReader): ArticleNeighbours {
  // Per tag, the newest articles that carry it: enough candidates to rank, however popular the tag.
  const TAG_POOL = 200
  const mine = alias(articleTags, 'mine')

  const newest = (limit: number, sectionId?: number) => db.select({ id: articles.id }).from(articles)
    .where(and(isPublicArticle, sectionId === undefined ? undefined : eq(articles.sectionId, sectionId)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)

  return {
    async related (slug, limit) {
      const [article] = await db.select({ id: articles.id, sectionId: articles.sectionId }).from(articles)
        .where(and(eq(articles.slug, slug), isPublicArticle))
      if (!article) return null
      const pool = db.select({ id: articleTags.articleId }).from(articleTags)
        .where(eq(articleTags.tagId, mine.tagId))
        .orderBy(desc(articleTags.articleId))
        .limit(TAG_POOL)
        .as('pool')
      const tagged = await db.select({ id: pool.id, shared: count() }).from(mine)
        .crossJoinLateral(pool)
        .where(eq(mine.articleId, article.id))
        .groupBy(pool.id)
      const shared = new Map(tagged.map((row) => [row.id, row.shared]))
      // Without tags in common, the newest of the section and then of the site fill the list.
      const ids = new Set([
        ...shared.keys(),
        ...(await newest(limit + 1, article.sectionId)).map((row) => row.id),
        ...(await newest(limit + 1)).map((row) => row.id)
      ])
      ids.delete(article.id)
      const candidates = await withStoredSummaries(db.select({ id: articles.id, sectionId: articles.sectionId, publishedAt: articles.publishedAt, ...storedSummary })
        .from(articles).$dynamic())
        .where(and(isPublicArticle, inArray(articles.id, [...ids])))
      return rankRelated(summaries, article.sectionId, shared, candidates, limit)
    },

    async currentSlug (oldSlug) {
      const [row] = await db.select({ slug: articles.slug }).from(articleSlugHistory)
        .innerJoin(articles, eq(articles.id, articleSlugHistory.articleId))
        .where(and(eq(articleSlugHistory.slug, oldSlug), isPublished(articles), sql`exists (select 1 from article_revisions r
          where r.article_id = ${articles.id} and r.snapshot ->> 'slug' = ${articleSlugHistory.slug}
          and r.snapshot ->> 'status' = 'published' and r.snapshot ->> 'embargoedUntil' is null)`))
      return row?.slug ?? null
    }
  }
}
