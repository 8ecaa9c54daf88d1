// Where things live on the newsroom's website and on this service: the url of every article, section, author and
// tag, preview links, and the feeds that carry them.
import { Type, type Static } from 'typebox'
import type { Config } from '../config.js'

export type WebSettings = Pick<Config, 'publicBaseUrl' | 'siteUrl' | 'articleUrlTemplate' | 'sectionUrlTemplate' | 'authorUrlTemplate' |
  'tagUrlTemplate' | 'previewUrlTemplate'>

/** The filters a feed takes, as the article list takes them. */
export interface FeedFilter {
  section?: string | undefined
  authors?: string[] | undefined
  tags?: string[] | undefined
}

/** The example shows the demo site's address for the thing at hand. */
export function webUrlSchema (example: string) {
  return Type.String({
    format: 'uri',
    description: 'Its page on the website: an absolute URL made from SITE_URL by the configured template (ARTICLE_URL_TEMPLATE and its like).',
    examples: [`https://www.worldweeklynews.example/${example}`]
  })
}

export const FeedLinksSchema = Type.Object({
  rss: Type.String({ format: 'uri', description: 'RSS 2.0.', examples: ['https://api.worldweeklynews.example/feeds/rss.xml?section=africa'] }),
  atom: Type.String({ format: 'uri', description: 'Atom 1.0.', examples: ['https://api.worldweeklynews.example/feeds/atom.xml?section=africa'] }),
  json: Type.String({ format: 'uri', description: 'JSON Feed 1.1.', examples: ['https://api.worldweeklynews.example/feeds/feed.json?section=africa'] })
}, { title: 'FeedLinks', description: 'The newest articles of this page as feeds, for feed readers and partners.' })

export type FeedLinks = Static<typeof FeedLinksSchema>

type Values = Record<string, string | number>
type Template = (site: string, values: Values) => string

/**
 * The template cut once into literal text and placeholders, so an address costs a few concatenations. Values are
 * percent-encoded, as each fills a path segment or a query value; {site} is the configured address as it is.
 */
function compile (template: string): Template {
  const parts = template.split(/\{(\w+)\}/)
  return (site, values) => {
    let url = parts[0] as string
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i] as string
      url += (name === 'site' ? site : encodeURIComponent(values[name] as string | number)) + (parts[i + 1] as string)
    }
    return url
  }
}

const twoDigits = (n: number) => n < 10 ? `0${n}` : String(n)

export interface ArticleAddress {
  id: number
  slug: string
  sectionSlug: string
  /** Dates the address with {year}, {month} and {day}; an article not yet published is dated by when it will be, or today. */
  publishedAt: string | null
  scheduledAt?: string | null | undefined
}

interface Named {
  id: number
  slug: string
}

export function createWebAddresses (settings: WebSettings) {
  const article = compile(settings.articleUrlTemplate)
  const section = compile(settings.sectionUrlTemplate)
  const author = compile(settings.authorUrlTemplate)
  const tag = compile(settings.tagUrlTemplate)
  const preview = settings.previewUrlTemplate === null ? null : compile(settings.previewUrlTemplate)
  // Read at each use, not now: with PORT=0 the default public address is known only once the service listens.
  const site = () => settings.siteUrl ?? settings.publicBaseUrl

  /** The query of a filtered feed, the same for its three formats. */
  function feedQuery (filter: FeedFilter): string {
    const query = new URLSearchParams()
    if (filter.section !== undefined) query.set('section', filter.section)
    if (filter.authors !== undefined) query.set('author', filter.authors.join(','))
    if (filter.tags !== undefined) query.set('tag', filter.tags.join(','))
    const search = query.toString()
    return search === '' ? '' : `?${search}`
  }

  function articleUrl (ref: ArticleAddress): string {
    const date = new Date(ref.publishedAt ?? ref.scheduledAt ?? Date.now())
    return article(site(), {
      id: ref.id,
      slug: ref.slug,
      section: ref.sectionSlug,
      year: date.getUTCFullYear(),
      month: twoDigits(date.getUTCMonth() + 1),
      day: twoDigits(date.getUTCDate())
    })
  }

  const sectionUrl = (ref: Named) => section(site(), { id: ref.id, slug: ref.slug, section: ref.slug })
  const authorUrl = (ref: Named) => author(site(), { id: ref.id, slug: ref.slug })
  const tagUrl = (ref: Named) => tag(site(), { id: ref.id, slug: ref.slug })

  return {
    site,
    /** The settings every address is made from: what was stored with addresses under other settings is out of date. */
    settingsKey: () => `${site()} ${settings.publicBaseUrl} ${settings.articleUrlTemplate} ${settings.sectionUrlTemplate} ${settings.authorUrlTemplate} ${settings.tagUrlTemplate}`,
    article: articleUrl,
    section: sectionUrl,
    author: authorUrl,
    tag: tagUrl,

    /** The frontend's preview page when PREVIEW_URL_TEMPLATE is set; this API's preview route otherwise. */
    preview (token: string): string {
      return preview === null ? `${settings.publicBaseUrl}/v1/previews/${token}` : preview(site(), { token })
    },

    /** The feeds of the whole site, or of the articles the filter lists, on this service. */
    feeds (filter: FeedFilter = {}): FeedLinks {
      const query = feedQuery(filter)
      const base = `${settings.publicBaseUrl}/feeds/`
      return { rss: `${base}rss.xml${query}`, atom: `${base}atom.xml${query}`, json: `${base}feed.json${query}` }
    },

    // References arrive from the database without their url: these add it.
    withSectionUrl: <T extends Named> (ref: T): T & { url: string } => ({ ...ref, url: sectionUrl(ref) }),
    withAuthorUrl: <T extends Named> (ref: T): T & { url: string } => ({ ...ref, url: authorUrl(ref) }),
    withTagUrl: <T extends Named> (ref: T): T & { url: string } => ({ ...ref, url: tagUrl(ref) })
  }
}

export type WebAddresses = ReturnType<typeof createWebAddresses>
