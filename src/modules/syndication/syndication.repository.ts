// The reads behind sitemaps and feed titles: every public address with its last change, the newest articles for
// Google News, and the names a feed's filters stand for.
import { and, asc, count, desc, eq, gt, max, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articleAuthors, articles, articleTags, authors, sections, tags } from '../../db/schema.js'
import { isAuthorPublic, isPublic, isTagPublic } from '../../db/visibility.js'
import type { FeedFilter, WebAddresses } from '../../shared/web-addresses.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

/** A page of a sitemap: its web address and when it last changed. */
export interface SitemapEntry {
  loc: string
  lastmod?: string | undefined
}

/** An article as a Google News sitemap lists it. */
export interface NewsEntry {
  loc: string
  title: string
  language: string
  publishedAt: string
}

export interface Named {
  id: number
  slug: string
  name: string
}

/** What a feed's filters name, in the order they name it; unknown slugs are left out. */
export interface FilterNames {
  section: Named | null
  authors: Named[]
  tags: Named[]
}

export interface SectionChange {
  id: number
  slug: string
  parentId: number | null
  updatedAt: string
}

/**
 * Each section's last change: its own, or that of the newest public article in it or below it, whichever is later.
 * Walked in memory, as a site has dozens of sections; a loop in a hand-edited tree stops where it comes round.
 */
export function sectionsLastChanged (rows: SectionChange[], newestBySection: Map<number, string>): Map<number, string> {
  const latest = new Map<number, string>()
  const byId = new Map(rows.map((row) => [row.id, row]))
  for (const row of rows) {
    const change = [row.updatedAt, newestBySection.get(row.id)].filter((time) => time !== undefined).sort().at(-1) as string
    const seen = new Set<number>()
    for (let at: SectionChange | undefined = row; at !== undefined && !seen.has(at.id); at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      seen.add(at.id)
      if ((latest.get(at.id) ?? '') < change) latest.set(at.id, change)
    }
  }
  return latest
}

export function byOrderGiven (slugs: string[] | undefined, rows: Named[]): Named[] {
  const bySlug = new Map(rows.map((row) => [row.slug, row]))
  return (slugs ?? []).map((slug) => bySlug.get(slug)).filter((row) => row !== undefined)
}

const isPublicArticle = isPublic(articles)
const ph = (name: string) => sql.placeholder(name)

export function createSyndicationRepository (db: Db, links: WebAddresses) {
  const publicCount = preparedOnFirstUse(() => db.select({ n: count() }).from(articles).where(isPublicArticle).prepare())
  // Pages of articles in id order: an article keeps its page however many are published after it.
  const numbered = db.select({ position: sql<number>`row_number() over (order by ${articles.id})`.as('position'), updatedAt: articles.updatedAt })
    .from(articles).where(isPublicArticle).as('numbered')
  // Grouped by the first column's position: written out again, its placeholder would make it another expression.
  const pagesLastChanged = preparedOnFirstUse(() => db.select({ page: sql<number>`(${numbered.position} - 1) / cast(${ph('size')} as integer) + 1`.mapWith(Number), lastmod: max(numbered.updatedAt) })
    .from(numbered).groupBy(sql`1`).orderBy(sql`1`).prepare())
  const articlePage = preparedOnFirstUse(() => db.select({ id: articles.id, slug: articles.slug, sectionSlug: sections.slug, publishedAt: articles.publishedAt, updatedAt: articles.updatedAt })
    .from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(isPublicArticle).orderBy(asc(articles.id)).limit(ph('size')).offset(ph('offset')).prepare())
  const everySection = preparedOnFirstUse(() => db.select({ id: sections.id, slug: sections.slug, parentId: sections.parentId, updatedAt: sections.updatedAt })
    .from(sections).orderBy(asc(sections.position), asc(sections.name), asc(sections.id)).prepare())
  const newestBySection = preparedOnFirstUse(() => db.select({ sectionId: articles.sectionId, newest: max(articles.updatedAt) })
    .from(articles).where(isPublicArticle).groupBy(articles.sectionId).prepare())
  const newestOverall = preparedOnFirstUse(() => db.select({ newest: max(articles.updatedAt) }).from(articles).where(isPublicArticle).prepare())
  const creditedAuthors = preparedOnFirstUse(() => db.select({ id: authors.id, slug: authors.slug, updatedAt: authors.updatedAt, newest: max(articles.updatedAt) })
    .from(authors)
    .innerJoin(articleAuthors, eq(articleAuthors.authorId, authors.id))
    .innerJoin(articles, eq(articles.id, articleAuthors.articleId))
    .where(isPublicArticle)
    .groupBy(authors.id)
    .orderBy(asc(authors.id))
    .prepare())
  const recent = preparedOnFirstUse(() => db.select({ id: articles.id, slug: articles.slug, sectionSlug: sections.slug, headline: articles.headline, language: articles.language, publishedAt: articles.publishedAt })
    .from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(isPublicArticle, gt(articles.publishedAt, ph('since'))))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(ph('limit'))
    .prepare())
  const sectionBySlug = preparedOnFirstUse(() => db.select({ id: sections.id, slug: sections.slug, name: sections.name }).from(sections).where(eq(sections.slug, ph('slug'))).prepare())
  const authorsBySlugs = preparedOnFirstUse(() => db.select({ id: authors.id, slug: authors.slug, name: authors.name }).from(authors)
    .where(and(sql`${authors.slug} in (select value from json_each(${ph('slugs')}))`, isAuthorPublic(authors.id, { articles, articleAuthors }))).prepare())
  const tagsBySlugs = preparedOnFirstUse(() => db.select({ id: tags.id, slug: tags.slug, name: tags.name }).from(tags)
    .where(and(sql`${tags.slug} in (select value from json_each(${ph('slugs')}))`, isTagPublic(tags.id, { articles, articleTags }))).prepare())

  return {
    async publicArticleCount (): Promise<number> {
      return publicCount.get()?.n ?? 0
    },

    /** Each page of size articles, in id order, with the last change of any article on it. */
    async articlePagesLastChanged (size: number): Promise<Array<{ page: number, lastmod: string | null }>> {
      return pagesLastChanged.all({ size })
    },

    /** The articles of one page, numbered from 1. */
    async articleSitemap (page: number, size: number): Promise<SitemapEntry[]> {
      return articlePage.all({ size, offset: (page - 1) * size })
        .map((row) => ({ loc: links.article(row), lastmod: row.updatedAt }))
    },

    /** The front page, then every section front in tree order. */
    async sectionSitemap (): Promise<SitemapEntry[]> {
      const rows = everySection.all()
      const latest = sectionsLastChanged(rows, new Map(newestBySection.all().map((row) => [row.sectionId, row.newest as string])))
      return [
        { loc: `${links.site()}/`, lastmod: newestOverall.get()?.newest ?? undefined },
        ...rows.map((row) => ({ loc: links.section(row), lastmod: latest.get(row.id) }))
      ]
    },

    /** The pages of authors credited on a public article: one without any is not worth a crawler's visit. */
    async authorSitemap (): Promise<SitemapEntry[]> {
      return creditedAuthors.all().map((row) => ({ loc: links.author(row), lastmod: [row.updatedAt, row.newest ?? ''].sort().at(-1) }))
    },

    /** Public articles published after since, newest first. */
    async newsSitemap (since: string, limit: number): Promise<NewsEntry[]> {
      return recent.all({ since, limit }).map((row) => ({
        loc: links.article(row),
        title: row.headline,
        language: row.language,
        publishedAt: row.publishedAt as string
      }))
    },

    async filterNames (filter: FeedFilter): Promise<FilterNames> {
      return {
        section: filter.section === undefined ? null : sectionBySlug.get({ slug: filter.section }) ?? null,
        authors: filter.authors === undefined ? [] : byOrderGiven(filter.authors, authorsBySlugs.all({ slugs: JSON.stringify(filter.authors) })),
        tags: filter.tags === undefined ? [] : byOrderGiven(filter.tags, tagsBySlugs.all({ slugs: JSON.stringify(filter.tags) }))
      }
    }
  }
}

export type SyndicationRepository = ReturnType<typeof createSyndicationRepository>
