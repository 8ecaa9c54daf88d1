// Sitemaps (sitemaps.org 0.9), the Google News sitemap extension, and robots.txt, written from entries.
import { element, textElement, xmlDocument } from '../../shared/xml.js'
import type { NewsEntry, SitemapEntry } from './syndication.repository.js'

const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NAMESPACE = 'http://www.google.com/schemas/sitemap-news/0.9'

/** A sitemap index: the sitemaps to read, each with the last change of any page it lists. */
export function sitemapIndex (sitemaps: SitemapEntry[]): string {
  return xmlDocument(element('sitemapindex', { xmlns: SITEMAP_NAMESPACE },
    ...sitemaps.map((sitemap) => element('sitemap', {}, textElement('loc', sitemap.loc), textElement('lastmod', sitemap.lastmod)))))
}

export function urlSet (pages: SitemapEntry[]): string {
  return xmlDocument(element('urlset', { xmlns: SITEMAP_NAMESPACE },
    ...pages.map((page) => element('url', {}, textElement('loc', page.loc), textElement('lastmod', page.lastmod)))))
}

/**
 * The language as Google News takes it: an ISO 639 code of two or three letters, except zh-cn and zh-tw for
 * Simplified and Traditional Chinese. Articles carry BCP 47 tags such as pt-BR or zh-Hant-TW.
 */
export function newsLanguage (tag: string): string {
  const [language = '', ...subtags] = tag.toLowerCase().split('-')
  if (language !== 'zh') return language
  return subtags.some((subtag) => ['hant', 'tw', 'hk', 'mo'].includes(subtag)) ? 'zh-tw' : 'zh-cn'
}

export function newsUrlSet (articles: NewsEntry[], publicationName: string): string {
  return xmlDocument(element('urlset', { xmlns: SITEMAP_NAMESPACE, 'xmlns:news': NEWS_NAMESPACE },
    ...articles.map((article) => element('url', {},
      textElement('loc', article.loc),
      element('news:news', {},
        element('news:publication', {}, textElement('news:name', publicationName), textElement('news:language', newsLanguage(article.language))),
        textElement('news:publication_date', article.publishedAt),
        textElement('news:title', article.title))))))
}

/** Crawlers may read the public site and are shown its sitemaps; the Admin API and preview links are no place for them. */
export function robotsTxt (sitemaps: string[]): string {
  return ['User-agent: *', 'Disallow: /v1/admin/', 'Disallow: /v1/previews/', '', ...sitemaps.map((url) => `Sitemap: ${url}`), ''].join('\n')
}
