// Every query about authors. Public reads never select the email column, so it cannot leak by accident.
import { and, asc, count, desc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articleAuthors, articles, authors, sections } from '../../db/schema.js'
import { isAuthorPublic, isPublic } from '../../db/visibility.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { LATEST_ARTICLES, type ArticleTeaser, type Author, type AuthorPage, type AuthorWithEmail, type CreateAuthorInput, type UpdateAuthorInput } from './authors.schemas.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

const publicColumns = {
  id: authors.id,
  slug: authors.slug,
  name: authors.name,
  jobTitle: authors.jobTitle,
  bio: authors.bio,
  avatarUrl: authors.avatarUrl,
  links: authors.links,
  createdAt: authors.createdAt,
  updatedAt: authors.updatedAt
}

type PublicRow = Pick<typeof authors.$inferSelect, keyof typeof publicColumns>

/** Row to API object, shared with the PostgreSQL twin, as are the two mappers below. */
export function toAuthor (row: PublicRow, links: WebAddresses): Author {
  return {
    id: row.id,
    slug: row.slug,
    url: links.author(row),
    name: row.name,
    jobTitle: row.jobTitle,
    bio: row.bio,
    avatarUrl: row.avatarUrl,
    links: row.links,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
}

const teaserColumns = {
  id: articles.id,
  slug: articles.slug,
  headline: articles.headline,
  excerpt: articles.excerpt,
  publishedAt: articles.publishedAt,
  featuredImage: articles.featuredImage,
  readingTime: articles.readingTime,
  sectionId: sections.id,
  sectionSlug: sections.slug,
  sectionName: sections.name
}

interface TeaserRow extends Pick<typeof articles.$inferSelect, 'id' | 'slug' | 'headline' | 'excerpt' | 'publishedAt' | 'featuredImage' | 'readingTime'> {
  sectionId: number
  sectionSlug: string
  sectionName: string
}

export function toTeaser (row: TeaserRow, links: WebAddresses): ArticleTeaser {
  const section = { id: row.sectionId, slug: row.sectionSlug, name: row.sectionName }
  return {
    id: row.id,
    slug: row.slug,
    url: links.article({ id: row.id, slug: row.slug, sectionSlug: row.sectionSlug, publishedAt: row.publishedAt }),
    headline: row.headline,
    excerpt: row.excerpt,
    // Publishing always stamps publishedAt, so a public article has one.
    publishedAt: row.publishedAt as string,
    section: links.withSectionUrl(section),
    featuredImage: row.featuredImage,
    readingTime: row.readingTime
  }
}

export function toAuthorWithEmail (row: typeof authors.$inferSelect, links: WebAddresses): AuthorWithEmail {
  return { ...toAuthor(row, links), email: row.email }
}

export function toAuthorPage (row: PublicRow, articleCount: number, latest: TeaserRow[], links: WebAddresses): AuthorPage {
  return {
    ...toAuthor(row, links),
    articleCount,
    latestArticles: latest.map((teaser) => toTeaser(teaser, links)),
    feeds: links.feeds({ authors: [row.slug] })
  }
}

export interface AuthorListRequest {
  limit: number
  cursor?: string | undefined
  /** Every author, for the newsroom's byline picker, rather than the authors public articles credit. */
  every?: boolean
}

export function createAuthorsRepository (db: Db, links: WebAddresses) {
  const creditedInPublic = isAuthorPublic(authors.id, { articles, articleAuthors })
  const pages = (shown: SQL | undefined) => ({
    first: preparedOnFirstUse(() => db.select(publicColumns).from(authors)
      .where(shown)
      .orderBy(asc(authors.name), asc(authors.id))
      .limit(sql.placeholder('limit'))
      .prepare()),
    after: preparedOnFirstUse(() => db.select(publicColumns).from(authors)
      .where(and(shown, or(
        gt(authors.name, sql.placeholder('name')),
        and(eq(authors.name, sql.placeholder('name')), gt(authors.id, sql.placeholder('id')))
      )))
      .orderBy(asc(authors.name), asc(authors.id))
      .limit(sql.placeholder('limit'))
      .prepare())
  })
  const publicPages = pages(creditedInPublic)
  const everyPage = pages(undefined)
  const publicCount = preparedOnFirstUse(() => db.select({ n: count() }).from(authors).where(creditedInPublic).prepare())
  const everyCount = preparedOnFirstUse(() => db.select({ n: count() }).from(authors).prepare())
  const bySlug = preparedOnFirstUse(() => db.select(publicColumns).from(authors).where(eq(authors.slug, sql.placeholder('slug'))).prepare())
  const byId = preparedOnFirstUse(() => db.select({ id: authors.id }).from(authors).where(eq(authors.id, sql.placeholder('id'))).prepare())
  const publicArticleCount = preparedOnFirstUse(() => db.select({ n: count() }).from(articleAuthors)
    .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
    .where(and(eq(articleAuthors.authorId, sql.placeholder('id')), isPublic(articles)))
    .prepare())
  // The newest ids first, then only those rows: an author with thousands of articles costs index entries, not rows.
  const newestPublicIds = db.select({ id: articleAuthors.articleId }).from(articleAuthors)
    .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
    .where(and(eq(articleAuthors.authorId, sql.placeholder('id')), isPublic(articles)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(LATEST_ARTICLES)
  const latestPublicArticles = preparedOnFirstUse(() => db.select(teaserColumns).from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(inArray(articles.id, newestPublicIds))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .prepare())

  return {
    /**
     * The authors public articles credit, or (every) all authors for the newsroom, alphabetical by name, paginated by
     * the (name, id) keyset.
     */
    async list ({ limit, cursor, every = false }: AuthorListRequest): Promise<Page<Author>> {
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      const statements = every ? everyPage : publicPages
      const rows = after
        ? statements.after.all({ name: after[0], id: after[1], limit: limit + 1 })
        : statements.first.all({ limit: limit + 1 })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { data: page.map((author) => toAuthor(author, links)), nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null }
    },

    /** How many authors public articles credit, or (every) all authors. */
    async count ({ every = false }: { every?: boolean } = {}): Promise<number> {
      return (every ? everyCount : publicCount).get()?.n ?? 0
    },

    async findBySlug (slug: string): Promise<Author | null> {
      const row = bySlug.get({ slug })
      return row ? toAuthor(row, links) : null
    },

    /**
     * The public profile with what an author page shows beside it: how many articles, and the newest. null when no
     * public article credits the author, as when there is no such author.
     */
    async findPageBySlug (slug: string): Promise<AuthorPage | null> {
      const row = bySlug.get({ slug })
      const articleCount = row ? publicArticleCount.get({ id: row.id })?.n ?? 0 : 0
      if (!row || articleCount === 0) return null
      return toAuthorPage(row, articleCount, latestPublicArticles.all({ id: row.id }), links)
    },

    async exists (id: number): Promise<boolean> {
      return byId.get({ id }) !== undefined
    },

    /** With the private email, for writers. */
    async findById (id: number): Promise<AuthorWithEmail | null> {
      const row = db.select().from(authors).where(eq(authors.id, id)).get()
      return row ? toAuthorWithEmail(row, links) : null
    },

    async isSlugTaken (slug: string, exceptId?: number): Promise<boolean> {
      return db.select({ id: authors.id }).from(authors)
        .where(exceptId === undefined ? eq(authors.slug, slug) : and(eq(authors.slug, slug), ne(authors.id, exceptId)))
        .get() !== undefined
    },

    async insert (values: CreateAuthorInput & { slug: string }): Promise<AuthorWithEmail> {
      return toAuthorWithEmail(db.insert(authors).values(values).returning().get(), links)
    },

    /** null when there is no such author. */
    async update (id: number, values: UpdateAuthorInput): Promise<AuthorWithEmail | null> {
      const row = db.update(authors).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(authors.id, id)).returning().get()
      return row ? toAuthorWithEmail(row, links) : null
    },

    /** How many articles credit the author. */
    async creditCount (id: number): Promise<number> {
      return db.select({ n: count() }).from(articleAuthors).where(eq(articleAuthors.authorId, id)).get()?.n ?? 0
    },

    /** false when there is no such author. */
    async delete (id: number): Promise<boolean> {
      return db.delete(authors).where(eq(authors.id, id)).run().changes === 1
    }
  }
}

export type AuthorsRepository = ReturnType<typeof createAuthorsRepository>
