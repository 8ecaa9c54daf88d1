// The reads behind sitemaps and feed titles on PostgreSQL: the twin of syndication.repository.ts, with the same results.
import { and, asc, count, desc, eq, gt, inArray, max, sql } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articleAuthors, articles, articleTags, authors, sections, tags } from '../../db/schema.pg.js'
import { isAuthorPublic, isPublic, isTagPublic } from '../../db/visibility.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { byOrderGiven, sectionsLastChanged, type SyndicationRepository } from './syndication.repository.js'

const isPublicArticle = isPublic(articles)

export function createPostgresSyndicationRepository (db: PgExecutor, links: WebAddresses): SyndicationRepository {
  return {
    async publicArticleCount () {
      const [row] = await db.select({ n: count() }).from(articles).where(isPublicArticle)
      return row?.n ?? 0
    },

    async articlePagesLastChanged (size) {
      // Pages of articles in id order: an article keeps its page however many are published after it.
      const numbered = db.select({ position: sql<number>`row_number() over (order by ${articles.id})`.as('position'), updatedAt: articles.updatedAt })
        .from(articles).where(isPublicArticle).as('numbered')
      // Grouped by the first column's position: written out again, its parameter would make it another expression.
      return db.select({ page: sql<number>`(${numbered.position} - 1) / cast(${size} as integer) + 1`.mapWith(Number), lastmod: max(numbered.updatedAt) })
        .from(numbered).groupBy(sql`1`).orderBy(sql`1`)
    },

    async articleSitemap (page, size) {
      const rows = await db.select({ id: articles.id, slug: articles.slug, sectionSlug: sections.slug, publishedAt: articles.publishedAt, updatedAt: articles.updatedAt })
        .from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
        .where(isPublicArticle).orderBy(asc(articles.id)).limit(size).offset((page - 1) * size)
      return rows.map((row) => ({ loc: links.article(row), lastmod: row.updatedAt }))
    },

    async sectionSitemap () {
      const rows = await db.select({ id: sections.id, slug: sections.slug, parentId: sections.parentId, updatedAt: sections.updatedAt })
        .from(sections).orderBy(asc(sections.position), asc(sections.name), asc(sections.id))
      const newest = await db.select({ sectionId: articles.sectionId, newest: max(articles.updatedAt) })
        .from(articles).where(isPublicArticle).groupBy(articles.sectionId)
      const [overall] = await db.select({ newest: max(articles.updatedAt) }).from(articles).where(isPublicArticle)
      const latest = sectionsLastChanged(rows, new Map(newest.map((row) => [row.sectionId, row.newest as string])))
      return [
        { loc: `${links.site()}/`, lastmod: overall?.newest ?? undefined },
        ...rows.map((row) => ({ loc: links.section(row), lastmod: latest.get(row.id) }))
      ]
    },

    async authorSitemap () {
      const rows = await db.select({ id: authors.id, slug: authors.slug, updatedAt: authors.updatedAt, newest: max(articles.updatedAt) })
        .from(authors)
        .innerJoin(articleAuthors, eq(articleAuthors.authorId, authors.id))
        .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
        .where(isPublicArticle)
        .groupBy(authors.id)
        .orderBy(asc(authors.id))
      return rows.map((row) => ({ loc: links.author(row), lastmod: [row.updatedAt, row.newest ?? ''].sort().at(-1) }))
    },

    async newsSitemap (since, limit) {
      const rows = await db.select({ id: articles.id, slug: articles.slug, sectionSlug: sections.slug, headline: articles.headline, language: articles.language, publishedAt: articles.publishedAt })
        .from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
        .where(and(isPublicArticle, gt(articles.publishedAt, since)))
        .orderBy(desc(articles.publishedAt), desc(articles.id))
        .limit(limit)
      return rows.map((row) => ({ loc: links.article(row), title: row.headline, language: row.language, publishedAt: row.publishedAt as string }))
    },

    async filterNames (filter) {
      const named = { id: sections.id, slug: sections.slug, name: sections.name }
      const [section] = filter.section === undefined ? [] : await db.select(named).from(sections).where(eq(sections.slug, filter.section))
      return {
        section: section ?? null,
        authors: filter.authors === undefined
          ? []
          : byOrderGiven(filter.authors, await db.select({ id: authors.id, slug: authors.slug, name: authors.name }).from(authors).where(and(inArray(authors.slug, filter.authors), isAuthorPublic(authors.id, { articles, articleAuthors })))),
        tags: filter.tags === undefined
          ? []
          : byOrderGiven(filter.tags, await db.select({ id: tags.id, slug: tags.slug, name: tags.name }).from(tags).where(and(inArray(tags.slug, filter.tags), isTagPublic(tags.id, { articles, articleTags }))))
      }
    }
  }
}
