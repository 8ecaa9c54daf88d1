// Syndication: feeds of the newest articles, filtered as the article list is, and the sitemaps search engines read.
import type { Config } from '../../config.js'
import type { Store } from '../../db/store.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { slugsOf } from '../articles/articles.list-query.js'
import type { Feed, FeedFormat } from './syndication.feeds.js'
import type { FilterNames, Named, NewsEntry, SitemapEntry } from './syndication.repository.js'
import { DEFAULT_FEED_LIMIT, type FeedQuery } from './syndication.schemas.js'

/** The most URLs one sitemap may list (sitemaps.org). */
export const ARTICLES_PER_SITEMAP = 50_000
/** Google News reads articles published in the last two days, at most a thousand of them. */
const NEWS_WINDOW_MS = 48 * 3600 * 1000
const NEWS_LIMIT = 1000

function latest (times: Array<string | null | undefined>): string | undefined {
  return times.filter((time) => typeof time === 'string').sort().at(-1)
}

export function createSyndicationService (deps: { store: Store, links: WebAddresses, config: Pick<Config, 'publicationName' | 'publicBaseUrl'> }) {
  const { store, links, config } = deps

  /** A feed of one section, author or tag stands for that page of the site; any other, for the site. */
  function homePageOf ({ section, authors, tags }: FilterNames): string {
    if (section !== null && authors.length === 0 && tags.length === 0) return links.section(section)
    if (section === null && authors.length === 1 && tags.length === 0) return links.author(authors[0] as Named)
    if (section === null && authors.length === 0 && tags.length === 1) return links.tag(tags[0] as Named)
    return links.site()
  }

  const sitemapUrl = (file: string) => `${config.publicBaseUrl}/${file}`

  return {
    /**
     * The newest public articles' items in one format, filtered by section (with its subsections), authors and tags,
     * with each item's surrogate keys.
     */
    async feed (query: FeedQuery, selfUrl: string, format: FeedFormat): Promise<{ feed: Feed, itemKeys: string[] }> {
      const filter = { section: query.section, authors: slugsOf('author', query.author), tags: slugsOf('tag', query.tag) }
      const [page, names] = await Promise.all([
        store.read.articles.listFeedItems({ ...filter, limit: query.limit ?? DEFAULT_FEED_LIMIT, sort: '-publishedAt' }, format),
        store.read.syndication.filterNames(filter)
      ])
      const named = [...(names.section ? [names.section] : []), ...names.authors, ...names.tags]
      const title = named.length === 0 ? config.publicationName : `${config.publicationName}: ${named.map((thing) => thing.name).join(', ')}`
      const feed = {
        title,
        description: `The newest articles of ${title}.`,
        homePageUrl: homePageOf(names),
        selfUrl,
        id: links.feeds(filter).atom,
        updated: latest(page.data.map((item) => item.updatedAt)) ?? await store.read.settings.lastContentChange({ includeEmbargoed: false }) ?? new Date(0).toISOString(),
        publisher: { name: config.publicationName, url: links.site() },
        items: page.data.map((item) => item.item)
      }
      return { feed, itemKeys: page.data.map((item) => item.surrogateKeys) }
    },

    /** The sitemaps worth reading: sections (with the front page), authors when any is credited, and the pages of articles. */
    async sitemapIndex (): Promise<SitemapEntry[]> {
      const [sections, authors, articlePages] = await Promise.all([
        store.read.syndication.sectionSitemap(),
        store.read.syndication.authorSitemap(),
        store.read.syndication.articlePagesLastChanged(ARTICLES_PER_SITEMAP)
      ])
      return [
        { loc: sitemapUrl('sitemaps/sections.xml'), lastmod: latest(sections.map((entry) => entry.lastmod)) },
        ...(authors.length === 0 ? [] : [{ loc: sitemapUrl('sitemaps/authors.xml'), lastmod: latest(authors.map((entry) => entry.lastmod)) }]),
        ...articlePages.map(({ page, lastmod }) => ({ loc: sitemapUrl(`sitemaps/articles-${page}.xml`), lastmod: lastmod ?? undefined }))
      ]
    },

    /** One page of articles, or null past the last page. */
    async articleSitemap (page: number): Promise<SitemapEntry[] | null> {
      const count = await store.read.syndication.publicArticleCount()
      if (page > Math.ceil(count / ARTICLES_PER_SITEMAP)) return null
      return store.read.syndication.articleSitemap(page, ARTICLES_PER_SITEMAP)
    },

    async sectionSitemap (): Promise<SitemapEntry[]> {
      return store.read.syndication.sectionSitemap()
    },

    async authorSitemap (): Promise<SitemapEntry[]> {
      return store.read.syndication.authorSitemap()
    },

    async newsSitemap (now = new Date()): Promise<NewsEntry[]> {
      return store.read.syndication.newsSitemap(new Date(now.getTime() - NEWS_WINDOW_MS).toISOString(), NEWS_LIMIT)
    },

    sitemapUrls (): string[] {
      return [sitemapUrl('sitemap.xml'), sitemapUrl('news-sitemap.xml')]
    }
  }
}

export type SyndicationService = ReturnType<typeof createSyndicationService>
