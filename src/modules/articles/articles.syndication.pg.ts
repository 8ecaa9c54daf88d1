// The keys of the syndication list on PostgreSQL: the twin of articles.syndication.ts, with the same pages and cursors.
import { and, asc, desc, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articles, sections } from '../../db/schema.pg.js'
import { isPublished, isSyndicated, sectionSubtree } from '../../db/visibility.js'
import type { Key } from './articles.listing.js'
import { bylineConditions } from './articles.listing.pg.js'
import { afterSyndicationKey, isDescending, type SyndicatedListRequest } from './articles.syndication.js'

export function createPostgresSyndicationListing (db: PgExecutor) {
  return {
    /** The keys of up to limit + 1 articles from the cursor on. */
    async keys (request: SyndicatedListRequest): Promise<Key[]> {
      const after = afterSyndicationKey(request)
      const descending = isDescending(request.sort)
      const conditions: SQL[] = [request.includeEmbargoed ? isSyndicated(articles) : isPublished(articles), ...bylineConditions(db, request)]
      if (request.section !== undefined) {
        const root = sql`(select id from ${sections} where slug = ${request.section})`
        conditions.push(inArray(articles.sectionId, sql`(${sectionSubtree(root)} select id from subtree)`))
      }
      if (request.publishedAfter !== undefined) conditions.push(gt(articles.publishedAt, request.publishedAfter))
      if (request.publishedBefore !== undefined) conditions.push(lt(articles.publishedAt, request.publishedBefore))
      if (request.updatedSince !== undefined) conditions.push(gte(articles.updatedAt, request.updatedSince))
      if (after) {
        const position = sql`(${articles.updatedAt}, ${articles.id})`
        // bigint: a cursor may carry any safe integer, more than an integer parameter holds.
        const cursor = sql`(cast(${after.key} as timestamptz), cast(${after.id} as bigint))`
        conditions.push(descending ? sql`${position} < ${cursor}` : sql`${position} > ${cursor}`)
      }
      const direction = descending ? desc : asc
      return db.select({ id: articles.id, key: sql<string>`${articles.updatedAt}`.mapWith(articles.updatedAt) }).from(articles)
        .where(and(...conditions))
        .orderBy(direction(articles.updatedAt), direction(articles.id))
        .limit(request.limit + 1)
    }
  }
}
