// The bulk list partners sync full text from (ninjs): published articles, withdrawn and (for partners) embargoed ones
// included, in order of their last change, with the public list's filters. Keys here; bodies from findSyndicated.
import { and, asc, desc, gt, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, sections } from '../../db/schema.js'
import { isPublished, isSyndicated, sectionSubtree } from '../../db/visibility.js'
import { decodeTimeCursor, encodeCursor } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import { bylineConditions, type Key } from './articles.listing.js'
import type { SyndicatedArticle } from './articles.repository.js'

/** Last changed first, or first changed first: the order a mirror resumes from, as an article changed meanwhile moves to the end. */
export const SYNDICATION_SORTS = ['-updatedAt', 'updatedAt'] as const
export type SyndicationSort = typeof SYNDICATION_SORTS[number]

/** What a syndication list asks for, already checked: slugs split, times normalised to UTC. */
export interface SyndicatedListRequest {
  limit: number
  cursor?: string | undefined
  sort: SyndicationSort
  section?: string | undefined
  authors?: string[] | undefined
  tags?: string[] | undefined
  publishedAfter?: string | undefined
  publishedBefore?: string | undefined
  updatedSince?: string | undefined
  /** Partners' lists: embargoed articles too. */
  includeEmbargoed: boolean
}

export function isDescending (sort: SyndicationSort): boolean {
  return sort === '-updatedAt'
}

/** The key after which the page starts; a cursor of another sort, or edited, is a 400. */
export function afterSyndicationKey (request: SyndicatedListRequest): Key | undefined {
  if (request.cursor === undefined) return undefined
  const [time, id] = decodeTimeCursor(request.cursor, request.sort)
  return { id, key: time }
}

/**
 * The page that the keys of up to limit + 1 articles make, with their full text. An article taken down between the
 * two reads is left out; the cursor still follows the keys, so the next page starts where this one ended.
 */
export async function syndicatedPage (request: SyndicatedListRequest, keys: Key[], findSyndicated: (ids: number[]) => Promise<SyndicatedArticle[]>): Promise<Page<SyndicatedArticle>> {
  const page = keys.slice(0, request.limit)
  const last = page.at(-1)
  return {
    data: await findSyndicated(page.map((key) => key.id)),
    nextCursor: keys.length > request.limit && last ? encodeCursor([String(last.key), last.id], request.sort) : null
  }
}

const ph = (name: string) => sql.placeholder(name)

function shapeOf (request: SyndicatedListRequest, after: boolean): string {
  const present = {
    embargoed: request.includeEmbargoed,
    section: request.section !== undefined,
    authors: request.authors !== undefined,
    tags: request.tags !== undefined,
    publishedAfter: request.publishedAfter !== undefined,
    publishedBefore: request.publishedBefore !== undefined,
    updatedSince: request.updatedSince !== undefined,
    after
  }
  return `${request.sort}:${Object.entries(present).filter(([, on]) => on).map(([name]) => name).join(',')}`
}

/** The keys of a syndication list on SQLite: each shape of query (which filters are present) is prepared once. */
export function createSyndicationListing (db: Db) {
  const prepared = new Map<string, { all: (values: Record<string, unknown>) => unknown[] }>()

  function build (request: SyndicatedListRequest, after: boolean) {
    const descending = isDescending(request.sort)
    // Walks the (status, updated_at, id) index in order and tests the other filters on the way, as the public list does.
    const conditions: SQL[] = [request.includeEmbargoed ? isSyndicated(articles) : isPublished(articles), ...bylineConditions(request)]
    if (request.section !== undefined) {
      conditions.push(sql`${articles.sectionId} in (${sectionSubtree(sql`(select id from ${sections} where slug = ${ph('section')})`)} select id from subtree)`)
    }
    if (request.publishedAfter !== undefined) conditions.push(gt(articles.publishedAt, ph('publishedAfter')))
    if (request.publishedBefore !== undefined) conditions.push(lt(articles.publishedAt, ph('publishedBefore')))
    if (request.updatedSince !== undefined) conditions.push(gte(articles.updatedAt, ph('updatedSince')))
    if (after) {
      conditions.push(descending
        ? sql`(${articles.updatedAt}, ${articles.id}) < (${ph('afterKey')}, ${ph('afterId')})`
        : sql`(${articles.updatedAt}, ${articles.id}) > (${ph('afterKey')}, ${ph('afterId')})`)
    }
    const direction = descending ? desc : asc
    return db.select({ id: articles.id, key: articles.updatedAt }).from(articles)
      .where(and(...conditions))
      .orderBy(direction(articles.updatedAt), direction(articles.id))
      .limit(ph('limit'))
      .prepare()
  }

  return {
    /** The keys of up to limit + 1 articles from the cursor on. */
    keys (request: SyndicatedListRequest): Key[] {
      const after = afterSyndicationKey(request)
      const shape = shapeOf(request, after !== undefined)
      let statement = prepared.get(shape)
      if (!statement) prepared.set(shape, statement = build(request, after !== undefined))
      return statement.all({
        section: request.section,
        authors: JSON.stringify(request.authors ?? []),
        tags: JSON.stringify(request.tags ?? []),
        publishedAfter: request.publishedAfter,
        publishedBefore: request.publishedBefore,
        updatedSince: request.updatedSince,
        afterKey: after?.key,
        afterId: after?.id,
        limit: request.limit + 1
      }) as Key[]
    }
  }
}
