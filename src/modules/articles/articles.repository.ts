// Every query about articles. Reads embed section, authors and tags in one statement per page.
import { and, desc, eq, ne, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articleAuthors, articleRevisions, articles, articleTags, sections } from '../../db/schema.js'
import type { Block, FeaturedImage } from '../../shared/content-types.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import { ConflictError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import type { Article, ArticleStatus, ArticleSummary } from './articles.schemas.js'

/** Everything stored about an article, as the service decides it. */
export interface ArticleRecord {
  slug: string
  headline: string
  subtitle: string | null
  excerpt: string
  body: Block[]
  bodyHtml: string
  bodyText: string
  wordCount: number
  readingTime: number
  status: ArticleStatus
  publishedAt: string | null
  scheduledAt: string | null
  sectionId: number
  authorIds: number[]
  tagIds: number[]
  featuredImage: FeaturedImage | null
  dateline: string | null
  language: string
  canonicalUrl: string | null
  featured: boolean
}

// SQLite builds the embedded lists itself (json_group_array keeps the ORDER BY since 3.44),
// so a page of articles is one statement however many authors and tags it has.
const authorsJson = sql<string>`(
  select json_group_array(json_object(
    'id', au.id, 'slug', au.slug, 'name', au.name, 'jobTitle', au.job_title, 'avatarUrl', au.avatar_url
  ) order by aa.position)
  from article_authors aa join authors au on au.id = aa.author_id
  where aa.article_id = ${articles.id}
)`.as('authors_json')

const tagsJson = sql<string>`(
  select json_group_array(json_object('id', t.id, 'slug', t.slug, 'name', t.name) order by at.position)
  from article_tags at join tags t on t.id = at.tag_id
  where at.article_id = ${articles.id}
)`.as('tags_json')

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
  authorsJson,
  tagsJson
}

const fullColumns = {
  ...summaryColumns,
  body: articles.body,
  bodyHtml: articles.bodyHtml,
  bodyText: articles.bodyText,
  wordCount: articles.wordCount,
  scheduledAt: articles.scheduledAt,
  canonicalUrl: articles.canonicalUrl,
  createdAt: articles.createdAt
}

interface SummaryRow {
  id: number
  slug: string
  headline: string
  subtitle: string | null
  excerpt: string
  status: ArticleStatus
  publishedAt: string | null
  updatedAt: string
  featuredImage: FeaturedImage | null
  dateline: string | null
  language: string
  featured: boolean
  readingTime: number
  sectionId: number
  sectionSlug: string
  sectionName: string
  authorsJson: string
  tagsJson: string
}

function toSummary (row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    subtitle: row.subtitle,
    excerpt: row.excerpt,
    status: row.status,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    section: { id: row.sectionId, slug: row.sectionSlug, name: row.sectionName },
    authors: JSON.parse(row.authorsJson),
    tags: JSON.parse(row.tagsJson),
    featuredImage: row.featuredImage,
    dateline: row.dateline,
    language: row.language,
    featured: row.featured,
    readingTime: row.readingTime
  }
}

type FullRow = SummaryRow & Pick<typeof articles.$inferSelect, 'body' | 'bodyHtml' | 'bodyText' | 'wordCount' | 'scheduledAt' | 'canonicalUrl' | 'createdAt'>

function toArticle (row: FullRow): Article {
  return {
    ...toSummary(row),
    body: row.body,
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    wordCount: row.wordCount,
    scheduledAt: row.scheduledAt,
    canonicalUrl: row.canonicalUrl,
    createdAt: row.createdAt
  }
}

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * The one commit point of every article write, called last inside its transaction: bumps the version
 * (the ETag writers send back in If-Match), stamps who and when, and stores the full snapshot as a revision,
 * so no path can change an article without leaving a revision behind. Returns the new version.
 */
export function commitArticleChange (tx: Transaction, articleId: number, tokenId: number | null): number {
  const now = new Date().toISOString()
  const row = tx.update(articles)
    .set({ version: sql`${articles.version} + 1`, updatedAt: now, updatedBy: tokenId })
    .where(eq(articles.id, articleId))
    .returning()
    .get()
  if (!row) throw new Error(`Article ${articleId} vanished inside its own transaction`)
  const authorIds = tx.select({ id: articleAuthors.authorId }).from(articleAuthors)
    .where(eq(articleAuthors.articleId, articleId)).orderBy(articleAuthors.position).all().map((link) => link.id)
  const tagIds = tx.select({ id: articleTags.tagId }).from(articleTags)
    .where(eq(articleTags.articleId, articleId)).orderBy(articleTags.position).all().map((link) => link.id)
  tx.insert(articleRevisions).values({
    articleId,
    number: row.version,
    snapshot: { ...row, authorIds, tagIds },
    createdAt: now,
    createdBy: tokenId
  }).run()
  return row.version
}

function isUniqueSlugViolation (error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('articles.slug')
}

export function createArticlesRepository (db: Db) {
  const selectFull = () => db.select(fullColumns).from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
  const publishedBefore = (after: SQL | undefined) => db.select(summaryColumns)
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(eq(articles.status, 'published'), after))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(sql.placeholder('limit'))

  const firstPublishedPage = publishedBefore(undefined).prepare()
  // The keyset: rows strictly after the last one of the previous page in (publishedAt desc, id desc) order.
  const nextPublishedPage = publishedBefore(
    sql`(${articles.publishedAt}, ${articles.id}) < (${sql.placeholder('publishedAt')}, ${sql.placeholder('id')})`
  ).prepare()
  const publishedBySlug = selectFull()
    .where(and(eq(articles.slug, sql.placeholder('slug')), eq(articles.status, 'published')))
    .prepare()
  const byId = selectFull().where(eq(articles.id, sql.placeholder('id'))).prepare()
  const authorIdsOf = db.select({ authorId: articleAuthors.authorId }).from(articleAuthors)
    .where(eq(articleAuthors.articleId, sql.placeholder('id')))
    .prepare()

  function writeLinks (tx: Pick<Db, 'insert' | 'delete'>, articleId: number, record: Pick<ArticleRecord, 'authorIds' | 'tagIds'>) {
    tx.delete(articleAuthors).where(eq(articleAuthors.articleId, articleId)).run()
    tx.delete(articleTags).where(eq(articleTags.articleId, articleId)).run()
    if (record.authorIds.length > 0) {
      tx.insert(articleAuthors).values(record.authorIds.map((authorId, position) => ({ articleId, authorId, position }))).run()
    }
    if (record.tagIds.length > 0) {
      tx.insert(articleTags).values(record.tagIds.map((tagId, position) => ({ articleId, tagId, position }))).run()
    }
  }

  function columnsOf (record: ArticleRecord) {
    const { authorIds: _authors, tagIds: _tags, ...columns } = record
    return columns
  }

  function refuseTakenSlug (slug: string): never {
    throw new ConflictError('SLUG_TAKEN', `The slug "${slug}" is already used by another article.`)
  }

  return {
    /** Published articles, newest first. */
    async listPublished ({ limit, cursor }: { limit: number, cursor?: string | undefined }): Promise<Page<ArticleSummary>> {
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      const rows = (after
        ? nextPublishedPage.all({ limit: limit + 1, publishedAt: after[0], id: after[1] })
        : firstPublishedPage.all({ limit: limit + 1 })) as SummaryRow[]
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        data: page.map(toSummary),
        nextCursor: rows.length > limit && last ? encodeCursor([last.publishedAt as string, last.id]) : null
      }
    },

    async findPublishedBySlug (slug: string): Promise<Article | null> {
      const row = publishedBySlug.get({ slug }) as FullRow | undefined
      return row ? toArticle(row) : null
    },

    async findById (id: number): Promise<Article | null> {
      const row = byId.get({ id }) as FullRow | undefined
      return row ? toArticle(row) : null
    },

    async authorIdsOf (id: number): Promise<number[]> {
      return authorIdsOf.all({ id }).map((row) => row.authorId)
    },

    async isSlugTaken (slug: string, exceptId?: number): Promise<boolean> {
      const where = exceptId === undefined ? eq(articles.slug, slug) : and(eq(articles.slug, slug), ne(articles.id, exceptId))
      return db.select({ id: articles.id }).from(articles).where(where).get() !== undefined
    },

    /** Writes a new article as revision 1, credited to the token that wrote it. */
    async create (record: ArticleRecord, tokenId: number | null): Promise<number> {
      try {
        return db.transaction((tx) => {
          const { id } = tx.insert(articles)
            .values({ ...columnsOf(record), version: 0, createdBy: tokenId })
            .returning({ id: articles.id })
            .get()
          writeLinks(tx, id, record)
          commitArticleChange(tx, id, tokenId)
          return id
        })
      } catch (error) {
        if (isUniqueSlugViolation(error)) refuseTakenSlug(record.slug)
        throw error
      }
    },

    async update (id: number, record: ArticleRecord, tokenId: number | null): Promise<void> {
      try {
        db.transaction((tx) => {
          tx.update(articles).set(columnsOf(record)).where(eq(articles.id, id)).run()
          writeLinks(tx, id, record)
          commitArticleChange(tx, id, tokenId)
        })
      } catch (error) {
        if (isUniqueSlugViolation(error)) refuseTakenSlug(record.slug)
        throw error
      }
    },

    async delete (id: number): Promise<boolean> {
      return db.delete(articles).where(eq(articles.id, id)).run().changes === 1
    }
  }
}

export type ArticlesRepository = ReturnType<typeof createArticlesRepository>
