// Every query about authors, on PostgreSQL: the twin of authors.repository.ts, with the same results. Public reads
// never select the email column, so it cannot leak by accident.
import { and, asc, count, desc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articleAuthors, articles, authors, sections } from '../../db/schema.pg.js'
import { isAuthorPublic, isPublic } from '../../db/visibility.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { toAuthor, toAuthorPage, toAuthorWithEmail, type AuthorListRequest, type AuthorsRepository } from './authors.repository.js'
import { LATEST_ARTICLES, type Author, type AuthorPage, type AuthorWithEmail, type CreateAuthorInput, type UpdateAuthorInput } from './authors.schemas.js'

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

// SQLite puts nulls last in a descending order and PostgreSQL first; said here so both engines list alike.
const newestFirst = [sql`${articles.publishedAt} desc nulls last`, desc(articles.id)]

export function createPostgresAuthorsRepository (db: PgExecutor, links: WebAddresses): AuthorsRepository {
  const bySlug = async (slug: string) => (await db.select(publicColumns).from(authors).where(eq(authors.slug, slug)))[0]
  const creditedInPublic = isAuthorPublic(authors.id, { articles, articleAuthors })

  return {
    /**
     * The authors public articles credit, or (every) all authors for the newsroom, alphabetical by name (collate "C",
     * so in SQLite's order), paginated by the (name, id) keyset.
     */
    async list ({ limit, cursor, every = false }: AuthorListRequest): Promise<Page<Author>> {
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      const rows = await db.select(publicColumns).from(authors)
        .where(and(every ? undefined : creditedInPublic, after && or(gt(authors.name, after[0]), and(eq(authors.name, after[0]), gt(authors.id, after[1])))))
        .orderBy(asc(authors.name), asc(authors.id))
        .limit(limit + 1)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { data: page.map((author) => toAuthor(author, links)), nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null }
    },

    async count ({ every = false } = {}) {
      const [row] = await db.select({ n: count() }).from(authors).where(every ? undefined : creditedInPublic)
      return row?.n ?? 0
    },

    async findBySlug (slug: string): Promise<Author | null> {
      const row = await bySlug(slug)
      return row ? toAuthor(row, links) : null
    },

    /**
     * The public profile with what an author page shows beside it: how many articles, and the newest. null when no
     * public article credits the author, as when there is no such author.
     */
    async findPageBySlug (slug: string): Promise<AuthorPage | null> {
      const row = await bySlug(slug)
      if (!row) return null
      const credited = and(eq(articleAuthors.authorId, row.id), isPublic(articles))
      const [counted] = await db.select({ n: count() }).from(articleAuthors)
        .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
        .where(credited)
      const articleCount = counted?.n ?? 0
      if (articleCount === 0) return null
      // The newest ids first, then only those rows: an author with thousands of articles costs index entries, not rows.
      const newestIds = db.select({ id: articleAuthors.articleId }).from(articleAuthors)
        .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
        .where(credited)
        .orderBy(...newestFirst)
        .limit(LATEST_ARTICLES)
      const latest = await db.select(teaserColumns).from(articles)
        .innerJoin(sections, eq(sections.id, articles.sectionId))
        .where(inArray(articles.id, newestIds))
        .orderBy(...newestFirst)
      return toAuthorPage(row, articleCount, latest, links)
    },

    async exists (id: number): Promise<boolean> {
      return (await db.select({ id: authors.id }).from(authors).where(eq(authors.id, id))).length > 0
    },

    /** With the private email, for writers. */
    async findById (id: number): Promise<AuthorWithEmail | null> {
      const [row] = await db.select().from(authors).where(eq(authors.id, id))
      return row ? toAuthorWithEmail(row, links) : null
    },

    async isSlugTaken (slug: string, exceptId?: number): Promise<boolean> {
      // Two transactions giving an author the same slug queue here, so the second sees the first's row once it commits.
      await db.execute(sql`select pg_advisory_xact_lock(hashtext('authors.slug:' || ${slug}))`)
      const rows = await db.select({ id: authors.id }).from(authors)
        .where(exceptId === undefined ? eq(authors.slug, slug) : and(eq(authors.slug, slug), ne(authors.id, exceptId)))
        .limit(1)
      return rows.length > 0
    },

    async insert (values: CreateAuthorInput & { slug: string }): Promise<AuthorWithEmail> {
      const [row] = await db.insert(authors).values(values).returning()
      return toAuthorWithEmail(row, links)
    },

    /** null when there is no such author. */
    async update (id: number, values: UpdateAuthorInput): Promise<AuthorWithEmail | null> {
      const [row] = await db.update(authors).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(authors.id, id)).returning()
      return row ? toAuthorWithEmail(row, links) : null
    },

    /** How many articles credit the author. */
    async creditCount (id: number): Promise<number> {
      const [counted] = await db.select({ n: count() }).from(articleAuthors).where(eq(articleAuthors.authorId, id))
      return counted?.n ?? 0
    },

    /** false when there is no such author. */
    async delete (id: number): Promise<boolean> {
      return (await db.delete(authors).where(eq(authors.id, id)).returning({ id: authors.id })).length === 1
    }
  }
}
