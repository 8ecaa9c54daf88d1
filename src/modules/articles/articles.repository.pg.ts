// Every query about articles on PostgreSQL: the twin of articles.repository.ts, with the same results and the row
// locks SQLite's single writer makes unnecessary. Reads embed section, authors and tags in one statement per page.
import { and, desc, eq, exists, getTableColumns, gt, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { PgExecutor } from '../../db/postgres.js'
import { heldElsewhere, type SettingsRepository } from '../../db/settings.js'
import { articleAuthors, articleEncodingQueue, articleRepresentationBodies, articleRepresentationEncodings, articleRepresentationQueue, articleRepresentations, articleRevisions, articles, articleTags, sections } from '../../db/schema.pg.js'
import { isPublic, isPublished, isSyndicated, sectionAncestry } from '../../db/visibility.js'
import type { ContentCoding } from '../../shared/compression.js'
import { encodeCursor } from '../../shared/cursor.js'
import { PreconditionFailedError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import type { WriterArticleSummary } from './articles.admin-list.schemas.js'
import { createPostgresEditorListing } from './articles.admin-listing.pg.js'
import { afterKey, isPlainList, type ArticleListRequest, type EncodedSummary, type StoredSummary } from './articles.listing.js'
import { createPostgresArticleListing, createPostgresArticleNeighbours, storedSummary, withStoredSummaries } from './articles.listing.pg.js'
import {
  bodiesToRender, columnsOf, inOrderOf, insertedValues, pendingEncodingColumns, recordArticleEvent, refreshedBody, refreshedRepresentation, renderedNow, representationsOf, staleReadColumnsOf, storedArticleOf, storedColumns, storedFeedItems, storedItemColumns, storedStatementKey,
  storedSyndicated, storedSyndicatedColumns, summaryReader, toArticle, toSyndicated, toSummary, toWriterArticle, toWriterSummary, type ArticleRecord,
  type FeedItem, type StoredItemRow, type StoredRow, type StoredSyndicatedRow, type ArticlesRepository, type SyndicatedArticle, type SyndicatedRow,
  type BodySourceRow, type ExpectedVersions, type FullRow, type RefreshRow, type StaleReadRow, type SummaryRow, type WriterRow,
  type WriterSummaryRow
} from './articles.repository.js'
import { syndicatedPage, type SyndicatedListRequest } from './articles.syndication.js'
import { createPostgresSyndicationListing } from './articles.syndication.pg.js'
import { renderedWith, type EncodedRepresentation, type PendingEncoding, type RenderedArticle, type StoredArticle } from './articles.representations.js'
import type { Article, ArticleStatus, BodyFormat, WriterArticle } from './articles.schemas.js'
import type { ArticleVisibility } from '../events/events.js'
import type { FeedFormat } from '../syndication/syndication.feeds.js'
import { createPostgresEventsRepository } from '../events/events.repository.pg.js'

// The embedded lists are built in SQL, one statement per page, with the keys in the order SQLite's json_object gives
// them. They are selected as text because the row mappers shared with SQLite parse them: the driver would otherwise
// have parsed the json itself, so the cast costs nothing.
const authorsJson = sql<string>`(
  select coalesce(json_agg(json_build_object(
    'id', au.id, 'slug', au.slug, 'name', au.name, 'jobTitle', au.job_title, 'avatarUrl', au.avatar_url
  ) order by aa.position), '[]'::json)::text
  from article_authors aa join authors au on au.id = aa.author_id
  where aa.article_id = ${articles.id}
)`.as('authors_json')

const tagsJson = sql<string>`(
  select coalesce(json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) order by at.position), '[]'::json)::text
  from article_tags at join tags t on t.id = at.tag_id
  where at.article_id = ${articles.id}
)`.as('tags_json')

// Times inside JSON are formatted here: no column type maps them, and they must read as SQLite stores them.
const correctionsJson = sql<string>`(
  select coalesce(json_agg(json_build_object(
    'id', c.id, 'kind', c.kind, 'text', c.text,
    'createdAt', to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  ) order by c.created_at, c.id), '[]'::json)::text
  from article_corrections c
  where c.article_id = ${articles.id}
)`.as('corrections_json')

const tokenRefJson = (column: typeof articles.createdBy | typeof articles.updatedBy, name: string) => sql<string | null>`(
  select json_build_object('id', t.id, 'name', t.name)::text from api_tokens t where t.id = ${column}
)`.as(name)

const summaryColumns = {
  id: articles.id,
  slug: articles.slug,
  headline: articles.headline,
  subtitle: articles.subtitle,
  excerpt: articles.excerpt,
  status: articles.status,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  featuredImage: articles.featuredImage,
  dateline: articles.dateline,
  language: articles.language,
  featured: articles.featured,
  readingTime: articles.readingTime,
  sectionId: sections.id,
  sectionSlug: sections.slug,
  sectionName: sections.name,
  byline: articles.byline,
  authorsJson,
  tagsJson
}

const writerSummaryColumns = {
  id: articles.id,
  slug: articles.slug,
  headline: articles.headline,
  subtitle: articles.subtitle,
  status: articles.status,
  withdrawnAt: articles.withdrawnAt,
  sectionId: sections.id,
  sectionSlug: sections.slug,
  sectionName: sections.name,
  authorsJson,
  tagsJson,
  featured: articles.featured,
  wordCount: articles.wordCount,
  createdAt: articles.createdAt,
  updatedAt: articles.updatedAt,
  publishedAt: articles.publishedAt,
  scheduledAt: articles.scheduledAt,
  version: articles.version,
  createdByJson: tokenRefJson(articles.createdBy, 'created_by_json'),
  updatedByJson: tokenRefJson(articles.updatedBy, 'updated_by_json')
}

// Sections form a shallow tree: walking up from the article's section costs a few primary-key lookups.
const breadcrumbJson = sql<string>`(
  ${sectionAncestry(sql`${articles.sectionId}`)}
  select coalesce(json_agg(json_build_object('id', id, 'slug', slug, 'name', name) order by depth desc), '[]'::json)::text from ancestry
)`.as('breadcrumb_json')

const fullColumns = {
  ...summaryColumns,
  body: articles.body,
  bodyHtml: articles.bodyHtml,
  bodyText: articles.bodyText,
  wordCount: articles.wordCount,
  scheduledAt: articles.scheduledAt,
  canonicalUrl: articles.canonicalUrl,
  createdAt: articles.createdAt,
  withdrawnAt: articles.withdrawnAt,
  withdrawnReason: articles.withdrawnReason,
  repliesEnabled: articles.repliesEnabled,
  correctionsJson,
  breadcrumbJson,
  // count(*) is a bigint, which node-postgres hands over as a string.
  replyCount: sql<number>`(select count(*)::int from replies r where r.article_id = ${articles.id} and r.status = 'approved')`.as('reply_count')
}

// What a refresh reads of an article: all but its body, with the digest of its stored body forms, reused while they stand.
const { body: _body, bodyHtml: _bodyHtml, bodyText: _bodyText, ...headColumns } = fullColumns
const refreshColumns = { ...headColumns, digest: articleRepresentationBodies.digest, bodyRenderedWith: articleRepresentationBodies.renderedWith }
const staleReadColumns = staleReadColumnsOf(fullColumns, articleRepresentationBodies)

const syndicatedColumns = {
  ...fullColumns,
  embargoedUntil: articles.embargoedUntil,
  version: articles.version
}

const writerColumns = {
  ...fullColumns,
  version: articles.version,
  embargoedUntil: articles.embargoedUntil,
  createdByJson: tokenRefJson(articles.createdBy, 'created_by_json'),
  updatedByJson: tokenRefJson(articles.updatedBy, 'updated_by_json')
}

/**
 * Rows to insert, as one array per column: a batch's statement has a parameter per column however many rows it holds,
 * which drizzle builds and PostgreSQL parses far faster than a row of parameters per article. In the table's order of
 * columns, as drizzle lists them in the insert.
 */
function unnested<T extends PgTable> (table: T, rows: ReadonlyArray<Record<string, unknown>>): SQL {
  const arrays = Object.entries(getTableColumns(table)).map(([key, column]) => sql`${sql.param(rows.map((row) => row[key]))}::${sql.raw(column.getSQLType())}[]`)
  return sql`select * from unnest(${sql.join(arrays, sql`, `)})`
}

export function createPostgresArticlesRepository (db: PgExecutor, links: WebAddresses, settings: SettingsRepository): ArticlesRepository {
  const selectFrom = <T extends typeof summaryColumns> (columns: T) => db.select(columns).from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
  const summaries = summaryReader(links, async (ids) => {
    const rows: SummaryRow[] = await selectFrom(summaryColumns).where(inArray(articles.id, ids))
    return rows.map((row) => toSummary(row, links))
  })
  const listing = createPostgresArticleListing(db, summaries)
  // Checked again here: a page's keys and its items are two reads, and a body must never outlive its article's visibility.
  const freshPublic = async (ids: number[]): Promise<FullRow[]> => selectFrom(fullColumns).where(and(inArray(articles.id, ids), isPublic(articles)))
  async function feedItemsByIds (ids: number[], format: FeedFormat): Promise<FeedItem[]> {
    if (ids.length === 0) return []
    const rows = await db.select(storedItemColumns<AnyPgColumn>(articles, articleRepresentations, articleRepresentationBodies, articleRepresentationQueue.articleId, format)).from(articles)
      .leftJoin(articleRepresentations, eq(articleRepresentations.articleId, articles.id))
      .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
      .leftJoin(articleRepresentationQueue, eq(articleRepresentationQueue.articleId, articles.id))
      .where(and(inArray(articles.id, ids), isPublic(articles))) as StoredItemRow[]
    return storedFeedItems(rows, format, links, freshPublic)
  }
  const neighbours = createPostgresArticleNeighbours(db, summaries)
  const editorListing = createPostgresEditorListing(db, {
    async byIds (ids: number[]): Promise<WriterArticleSummary[]> {
      if (ids.length === 0) return []
      const rows: WriterSummaryRow[] = await db.select(writerSummaryColumns).from(articles)
        .innerJoin(sections, eq(sections.id, articles.sectionId)).where(inArray(articles.id, ids))
      return rows.map((row) => toWriterSummary(row, links))
    }
  })

  async function writeLinks (articleId: number, record: Pick<ArticleRecord, 'authorIds' | 'tagIds'>): Promise<void> {
    await db.delete(articleAuthors).where(eq(articleAuthors.articleId, articleId))
    await db.delete(articleTags).where(eq(articleTags.articleId, articleId))
    if (record.authorIds.length > 0) {
      await db.insert(articleAuthors).values(record.authorIds.map((authorId, position) => ({ articleId, authorId, position })))
    }
    if (record.tagIds.length > 0) {
      await db.insert(articleTags).values(record.tagIds.map((tagId, position) => ({ articleId, tagId, position })))
    }
  }

  /** Stores the article as it is now, links included, as the revision numbered by its version. */
  async function storeRevision (articleId: number, tokenId: number | null, at: string): Promise<typeof articles.$inferSelect> {
    const [row] = await db.select().from(articles).where(eq(articles.id, articleId))
    if (!row) throw new Error(`Article ${articleId} vanished inside its own transaction`)
    const authorIds = (await db.select({ id: articleAuthors.authorId }).from(articleAuthors)
      .where(eq(articleAuthors.articleId, articleId)).orderBy(articleAuthors.position)).map((link) => link.id)
    const tagIds = (await db.select({ id: articleTags.tagId }).from(articleTags)
      .where(eq(articleTags.articleId, articleId)).orderBy(articleTags.position)).map((link) => link.id)
    await db.insert(articleRevisions).values({
      articleId,
      number: row.version,
      snapshot: { ...row, authorIds, tagIds },
      createdAt: at,
      createdBy: tokenId
    })
    return row
  }

  const freshPublished = async (ids: number[]): Promise<SyndicatedRow[]> => selectFrom(syndicatedColumns).where(and(inArray(articles.id, ids), isPublished(articles)))
  /** What the public syndicates, from the stored representations: one statement, without the embedded lists' subqueries. */
  async function storedSyndicatedWhere (where: SQL): Promise<SyndicatedArticle[]> {
    const rows = await db.select(storedSyndicatedColumns<AnyPgColumn>(articles, articleRepresentations, articleRepresentationBodies, articleRepresentationQueue.articleId)).from(articles)
      .leftJoin(articleRepresentations, eq(articleRepresentations.articleId, articles.id))
      .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
      .leftJoin(articleRepresentationQueue, eq(articleRepresentationQueue.articleId, articles.id))
      .where(and(where, isPublished(articles))) as StoredSyndicatedRow[]
    return storedSyndicated(rows, links, freshPublished)
  }

  // What the public syndicates is stored; what partners see under embargo never is, and is rendered per read.
  async function findSyndicated (ids: readonly number[], options: { includeEmbargoed: boolean }): Promise<SyndicatedArticle[]> {
    if (ids.length === 0) return []
    if (!options.includeEmbargoed) return inOrderOf(ids, await storedSyndicatedWhere(inArray(articles.id, [...ids])))
    const rows: SyndicatedRow[] = await selectFrom(syndicatedColumns).where(and(inArray(articles.id, [...ids]), isSyndicated(articles)))
    return inOrderOf(ids, rows.map((row) => toSyndicated(row, links)))
  }
  const syndication = createPostgresSyndicationListing(db)

  // One named statement per choice of forms (and one for the validators alone): parsed and planned once per connection.
  const storedBySlug = new Map<string, ReturnType<typeof prepareStoredBySlug>>()
  function prepareStoredBySlug (formats: readonly BodyFormat[] | null, coding: ContentCoding | null) {
    const columns = storedColumns<AnyPgColumn>(articleRepresentations, articleRepresentationBodies, articleRepresentationQueue.articleId, formats)
    if (coding !== null) columns.encoded = articleRepresentationEncodings[coding]
    const query = db.select(columns).from(articles)
      .leftJoin(articleRepresentations, eq(articleRepresentations.articleId, articles.id))
      .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
      .leftJoin(articleRepresentationQueue, eq(articleRepresentationQueue.articleId, articles.id))
      .$dynamic()
    // The coding only while it was made of the representation stored now.
    return (coding === null ? query : query.leftJoin(articleRepresentationEncodings, and(eq(articleRepresentationEncodings.articleId, articles.id), eq(articleRepresentationEncodings.etag, articleRepresentations.etag))))
      .where(and(eq(articles.slug, sql.placeholder('slug')), isPublished(articles)))
      .prepare(`stored_article_${storedStatementKey(formats, coding)}`)
  }
  // The queue's first rows are claimed alone, then their parts read by key: joined in one statement, the planner merged
  // the queue with the representations and their bodies, walking both from the first article to the first queued one,
  // 111 ms a batch once the archive's first 40,000 were compressed. Claimed for the encoder's unit of work: instances
  // that share the claim to render each compress other articles.
  const claimedEncodings = db.$with('claimed').as(db.select({ articleId: articleEncodingQueue.articleId }).from(articleEncodingQueue)
    .orderBy(articleEncodingQueue.articleId).limit(sql.placeholder('limit')).for('update', { skipLocked: true }))
  const pendingEncodings = db.with(claimedEncodings).select(pendingEncodingColumns<AnyPgColumn>(articleRepresentations, articleRepresentationBodies))
    .from(claimedEncodings)
    .innerJoin(articleRepresentations, eq(articleRepresentations.articleId, claimedEncodings.articleId))
    .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, claimedEncodings.articleId))
    .prepare('pending_article_encodings')

  /**
   * Renders and stores the representations of the articles given, or drops those of ones no longer published, and
   * unqueues those taken from the queue. Their queue rows are held by this unit of work (the caller's article write, or
   * the refresher's claim), so a change made meanwhile waits for it and then queues its article again; a queue entry
   * this unit of work does not hold (made after the refresher took a representation rendered under other settings)
   * stays for the next round. With reuseBodies, a stored body that still stands is kept, and not read (see bodiesToRender):
   * only the refresher reuses, as an article write renders the body it wrote whatever another transaction stored.
   */
  async function storeRepresentations (ids: number[], unqueued: number[], at: string, reuseBodies: boolean): Promise<void> {
    if (ids.length === 0) return
    const rows: RefreshRow[] = await selectFrom(refreshColumns)
      .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
      .where(and(inArray(articles.id, ids), isPublished(articles)))
    if (rows.length > 0) {
      const unrendered = bodiesToRender(rows, links, reuseBodies)
      const sources: BodySourceRow[] = unrendered.length === 0
        ? []
        : await db.select({ id: articles.id, body: articles.body, bodyHtml: articles.bodyHtml, bodyText: articles.bodyText, withdrawnAt: articles.withdrawnAt })
          .from(articles).where(inArray(articles.id, unrendered))
      const { representations, bodies } = representationsOf(rows, sources, links, at)
      if (bodies.length > 0) {
        await db.insert(articleRepresentationBodies).select(unnested(articleRepresentationBodies, bodies))
          .onConflictDoUpdate({ target: articleRepresentationBodies.articleId, set: refreshedBody(articleRepresentationBodies) })
      }
      await db.insert(articleRepresentations).select(unnested(articleRepresentations, representations))
        .onConflictDoUpdate({
          target: articleRepresentations.articleId,
          set: refreshedRepresentation(articleRepresentations, (replaced) => sql`greatest(excluded.last_modified, date_trunc('second', ${replaced}) + interval '1 second')`)
        })
    }
    const published = new Set(rows.map((row) => row.id))
    const unpublished = ids.filter((id) => !published.has(id))
    if (unpublished.length > 0) {
      await db.delete(articleRepresentations).where(inArray(articleRepresentations.articleId, unpublished))
      await db.delete(articleRepresentationBodies).where(inArray(articleRepresentationBodies.articleId, unpublished))
    }
    if (unqueued.length > 0) await db.delete(articleRepresentationQueue).where(inArray(articleRepresentationQueue.articleId, unqueued))
  }

  const outbox = createPostgresEventsRepository(db)
  // How the article stood at a version, from its revision: what the event of the next write is measured against.
  async function visibilityAt (articleId: number, number: number): Promise<ArticleVisibility | null> {
    const [row] = await db.select({
      status: sql<ArticleStatus>`${articleRevisions.snapshot}->>'status'`,
      embargoedUntil: sql<string | null>`${articleRevisions.snapshot}->>'embargoedUntil'`
    }).from(articleRevisions).where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)))
    return row ?? null
  }

  /**
   * The one commit point of every article write, as on SQLite. The If-Match check is this conditional UPDATE: a
   * second writer holding the same version waits on the first one's row lock, and READ COMMITTED then re-checks the
   * condition against the committed row, which no longer has that version, so exactly one of them passes.
   */
  async function commit (articleId: number, tokenId: number | null, expected?: ExpectedVersions, at = new Date().toISOString()): Promise<number> {
    const [row] = await db.update(articles)
      .set({ version: sql`${articles.version} + 1`, updatedAt: at, updatedBy: tokenId })
      .where(and(eq(articles.id, articleId), expected === undefined ? undefined : inArray(articles.version, [...expected])))
      .returning({ version: articles.version })
    if (!row && expected !== undefined) {
      throw new PreconditionFailedError('VERSION_MISMATCH', 'The article is no longer at the version sent in If-Match: someone else saved it in between. Fetch it again, reapply your change and send its new ETag.')
    }
    if (!row) throw new Error(`Article ${articleId} vanished inside its own transaction`)
    const stored = await storeRevision(articleId, tokenId, at)
    await recordArticleEvent(outbox, await visibilityAt(articleId, row.version - 1), stored)
    // While a process rendering otherwise holds the claim (articles.refresher.ts), the article waits for its refresher:
    // a rendering stored here would be replaced within a round, and the ETag would move twice.
    if (heldElsewhere(await settings.renderer(), renderedWith(links))) {
      await db.insert(articleRepresentationQueue).values({ articleId }).onConflictDoNothing()
    } else {
      await storeRepresentations([articleId], [articleId], at, false)
    }
    return row.version
  }

  return {
    async listPublished (request: ArticleListRequest): Promise<Page<EncodedSummary>> {
      if (!isPlainList(request)) return listing.list(request)
      const { limit } = request
      const after = request.cursor === undefined ? undefined : afterKey(request.cursor, request.sort)
      // The keyset: rows strictly after the last one of the previous page in (publishedAt desc, id desc) order.
      const keyset: SQL | undefined = after
        ? sql`(${articles.publishedAt}, ${articles.id}) < (cast(${after.key} as timestamptz), ${after.id})`
        : undefined
      const rows: Array<StoredSummary & { publishedAt: string | null }> = await withStoredSummaries(db.select({ id: articles.id, publishedAt: articles.publishedAt, ...storedSummary })
        .from(articles).$dynamic())
        .where(and(isPublic(articles), keyset))
        .orderBy(desc(articles.publishedAt), desc(articles.id))
        .limit(limit + 1)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        data: await summaries(page),
        nextCursor: rows.length > limit && last ? encodeCursor([last.publishedAt as string, last.id], request.sort) : null
      }
    },

    async listFeedItems (request, format) {
      return listing.listWith(request, { byIds: async (ids: number[]) => feedItemsByIds(ids, format) })
    },

    async countPublished (request) {
      return listing.count(request)
    },

    async listForEditors (request) {
      return editorListing.list(request)
    },

    async countForEditors (request) {
      return editorListing.count(request)
    },

    async listRelated (slug: string, limit: number): Promise<EncodedSummary[] | null> {
      return neighbours.related(slug, limit)
    },

    async findCurrentSlug (oldSlug: string): Promise<string | null> {
      return neighbours.currentSlug(oldSlug)
    },

    async findStoredBySlug (slug: string, formats: readonly BodyFormat[] | null, coding: ContentCoding | null = null): Promise<StoredArticle | null> {
      const key = storedStatementKey(formats, coding)
      let statement = storedBySlug.get(key)
      if (statement === undefined) {
        statement = prepareStoredBySlug(formats, coding)
        storedBySlug.set(key, statement)
      }
      const [row] = await statement.execute({ slug }) as unknown as StoredRow[]
      return row ? storedArticleOf(row, links) : null
    },

    async pendingEncodings (limit: number): Promise<PendingEncoding[]> {
      return await pendingEncodings.execute({ limit }) as PendingEncoding[]
    },

    async storeEncodings (encoded: EncodedRepresentation[]): Promise<void> {
      for (const { articleId, etag, codings } of encoded) {
        if (codings === null) {
          await db.delete(articleRepresentationEncodings).where(eq(articleRepresentationEncodings.articleId, articleId))
        } else {
          await db.insert(articleRepresentationEncodings).values({ articleId, etag, ...codings })
            .onConflictDoUpdate({ target: articleRepresentationEncodings.articleId, set: insertedValues(articleRepresentationEncodings) })
        }
        // A refresher that stored the representation again meanwhile found it queued already: it stays, to be encoded again.
        await db.delete(articleEncodingQueue).where(and(eq(articleEncodingQueue.articleId, articleId), exists(db.select({ id: articleRepresentations.articleId })
          .from(articleRepresentations).where(and(eq(articleRepresentations.articleId, articleId), eq(articleRepresentations.etag, etag))))))
      }
    },

    async refreshStaleRepresentations (limit: number, at = new Date().toISOString()): Promise<number> {
      // Claimed for this unit of work: instances that refresh side by side each take other articles.
      const queued = await db.select({ id: articleRepresentationQueue.articleId }).from(articleRepresentationQueue)
        .orderBy(articleRepresentationQueue.articleId).limit(limit).for('update', { skipLocked: true })
      const mine = renderedWith(links)
      const foreign = queued.length < limit
        ? await db.select({ id: articleRepresentations.articleId }).from(articleRepresentations)
          .where(or(lt(articleRepresentations.renderedWith, mine), gt(articleRepresentations.renderedWith, mine)))
          .limit(limit - queued.length).for('update', { skipLocked: true })
        : []
      const claimed = queued.map((row) => row.id)
      const ids = [...new Set([...claimed, ...foreign.map((row) => row.id)])]
      await storeRepresentations(ids, claimed, at, true)
      if (foreign.length > 0) await settings.markContentChanged()
      return ids.length
    },

    async findPublishedBySlug (slug: string): Promise<Article | null> {
      const [row]: FullRow[] = await selectFrom(fullColumns).where(and(eq(articles.slug, slug), isPublished(articles)))
      return row ? toArticle(row, links) : null
    },

    /** The published article's representation rendered now, as the refresher would store it (see renderedNow). */
    async renderPublishedBySlug (slug: string): Promise<RenderedArticle | null> {
      const [row]: StaleReadRow[] = await selectFrom(staleReadColumns)
        .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
        .where(and(eq(articles.slug, slug), isPublished(articles)))
      return row ? renderedNow(row, links) : null
    },

    findSyndicated,

    async findSyndicatedBySlug (slug: string, options: { includeEmbargoed: boolean }): Promise<SyndicatedArticle | null> {
      if (!options.includeEmbargoed) return (await storedSyndicatedWhere(eq(articles.slug, slug)))[0] ?? null
      const [row]: SyndicatedRow[] = await selectFrom(syndicatedColumns).where(and(eq(articles.slug, slug), isSyndicated(articles)))
      return row ? toSyndicated(row, links) : null
    },

    async listSyndicated (request: SyndicatedListRequest): Promise<Page<SyndicatedArticle>> {
      return syndicatedPage(request, await syndication.keys(request), (ids) => findSyndicated(ids, request))
    },

    async findById (id: number): Promise<WriterArticle | null> {
      const [row]: WriterRow[] = await selectFrom(writerColumns).where(eq(articles.id, id))
      return row ? toWriterArticle(row, links) : null
    },

    async previewGeneration (id: number): Promise<number | null> {
      const [row] = await db.select({ generation: articles.previewGeneration }).from(articles).where(eq(articles.id, id))
      return row?.generation ?? null
    },

    async creditedSince (id: number, version: number, authorId: number): Promise<boolean> {
      const dropped = await db.select({ number: articleRevisions.number }).from(articleRevisions)
        .where(and(eq(articleRevisions.articleId, id), sql`${articleRevisions.number} > ${version}`,
          sql`not exists (select 1 from json_array_elements_text(${articleRevisions.snapshot} -> 'authorIds') as credited(id) where credited.id = ${String(authorId)})`))
        .limit(1)
      return dropped.length === 0
    },

    async revokePreviews (id: number): Promise<boolean> {
      const revoked = await db.update(articles).set({ previewGeneration: sql`${articles.previewGeneration} + 1` })
        .where(eq(articles.id, id))
        .returning({ id: articles.id })
      return revoked.length === 1
    },

    async authorIdsOf (id: number): Promise<number[]> {
      // The order SQLite's primary-key index gives.
      const rows = await db.select({ authorId: articleAuthors.authorId }).from(articleAuthors)
        .where(eq(articleAuthors.articleId, id))
        .orderBy(articleAuthors.authorId)
      return rows.map((row) => row.authorId)
    },

    /**
     * Two transactions choosing the same new slug queue on this lock until the first commits; the second's query, a
     * new snapshot under READ COMMITTED, then sees the first one's row and picks another slug instead of failing.
     */
    async isSlugTaken (slug: string, exceptId?: number): Promise<boolean> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext('articles.slug:' || ${slug}))`)
      const where = exceptId === undefined ? eq(articles.slug, slug) : and(eq(articles.slug, slug), ne(articles.id, exceptId))
      const rows = await db.select({ id: articles.id }).from(articles).where(where).limit(1)
      return rows.length > 0
    },

    /** Holds the article's row until the unit of work ends, so its writes are checked against what they replace. */
    async lock (id: number): Promise<void> {
      await db.select({ id: articles.id }).from(articles).where(eq(articles.id, id)).for('update')
    },

    async insert (record: ArticleRecord, tokenId: number | null): Promise<number> {
      const [{ id }] = await db.insert(articles)
        .values({ ...columnsOf(record), version: 0, createdBy: tokenId })
        .returning({ id: articles.id })
      await writeLinks(id, record)
      await commit(id, tokenId)
      return id
    },

    async update (id: number, record: ArticleRecord, tokenId: number | null, expected?: ExpectedVersions): Promise<void> {
      await db.update(articles).set(columnsOf(record)).where(eq(articles.id, id))
      await writeLinks(id, record)
      await commit(id, tokenId, expected)
    },

    async commit (id: number, tokenId: number | null, expected?: ExpectedVersions): Promise<number> {
      return commit(id, tokenId, expected)
    },

    async delete (id: number): Promise<boolean> {
      const [deleted] = await db.delete(articles).where(eq(articles.id, id)).returning()
      if (!deleted) return false
      await recordArticleEvent(outbox, deleted, null, deleted)
      return true
    },

    async changeStatus (id: number, from: ArticleStatus, schedule: Pick<ArticleRecord, 'status' | 'publishedAt' | 'scheduledAt'>, tokenId: number | null, expected?: ExpectedVersions): Promise<boolean> {
      const changed = await db.update(articles).set(schedule)
        .where(and(eq(articles.id, id), eq(articles.status, from)))
        .returning({ id: articles.id })
      if (changed.length === 0) return false
      await commit(id, tokenId, expected)
      return true
    },

    /**
     * Publishes up to `limit` scheduled articles whose time has come, oldest first, and returns them in that order.
     * SKIP LOCKED lets several instances claim at once: each takes rows no other holds, so every article is
     * published, and its revision stored, by exactly one of them.
     */
    async publishDue (now: Date, limit: number): Promise<Array<{ id: number, slug: string, publishedAt: string }>> {
      const due = await db.select({ id: articles.id }).from(articles)
        .where(and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, now.toISOString())))
        .orderBy(articles.scheduledAt, articles.id)
        .limit(limit)
        .for('update', { skipLocked: true })
      if (due.length === 0) return []
      const ids = due.map((row) => row.id)
      const claimed = await db.update(articles)
        // A republished article keeps its first publication time; a new one is published at its scheduled time.
        .set({ status: 'published', publishedAt: sql`coalesce(${articles.publishedAt}, ${articles.scheduledAt})`, scheduledAt: null })
        .where(inArray(articles.id, ids))
        .returning({ id: articles.id, slug: articles.slug, publishedAt: articles.publishedAt })
      const byId = new Map(claimed.map((row) => [row.id, { id: row.id, slug: row.slug, publishedAt: row.publishedAt as string }]))
      const published = ids.map((id) => byId.get(id)).filter((row) => row !== undefined)
      for (const { id } of published) await commit(id, null)
      return published
    },

    /** Lifts up to `limit` embargoes that have passed, oldest first, each claimed by one instance as publishDue does. */
    async liftDueEmbargoes (now: Date, limit: number): Promise<Array<{ id: number, slug: string }>> {
      const due = await db.select({ id: articles.id }).from(articles)
        .where(lte(articles.embargoedUntil, now.toISOString()))
        .orderBy(articles.embargoedUntil, articles.id)
        .limit(limit)
        .for('update', { skipLocked: true })
      if (due.length === 0) return []
      const ids = due.map((row) => row.id)
      const lifted = await db.update(articles).set({
        embargoedUntil: null,
        // The public reads it from the embargo's end: that is its publication, in feeds and the news sitemap too.
        publishedAt: sql`case when ${articles.status} = 'published' then ${articles.embargoedUntil} else ${articles.publishedAt} end`
      }).where(inArray(articles.id, ids))
        .returning({ id: articles.id, slug: articles.slug })
      lifted.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
      for (const { id } of lifted) await commit(id, null)
      return lifted
    },

    async import (record: ArticleRecord & { createdAt: string, updatedAt: string }): Promise<number> {
      const [{ id }] = await db.insert(articles).values({ ...columnsOf(record), version: 0 }).returning({ id: articles.id })
      await writeLinks(id, record)
      await commit(id, null, undefined, record.updatedAt)
      return id
    }
  }
}
