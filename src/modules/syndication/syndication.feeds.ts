// The three feed formats, written from one feed: RSS 2.0, Atom 1.0 (RFC 4287) and JSON Feed 1.1. Each article's items
// are rendered with its stored representation (feedItemPartsOf), so a feed splices stored text and encodes only its own head.
import { element, escapeXml, textElement, xmlDocument, type Xml } from '../../shared/xml.js'
import type { Article, ArticleSummary } from '../articles/articles.schemas.js'
import type { JsonFeed } from './syndication.schemas.js'

/** An article's item in each feed format: XML for RSS and Atom, JSON text for JSON Feed. */
export interface FeedItems {
  rssItem: string
  atomEntry: string
  jsonFeedItem: string
}

export type FeedFormat = keyof FeedItems

/**
 * An article's items cut where the body goes, the body left out: what a rename changes, stored apart from the body it
 * never changes. An item is its parts spliced around the body's stored forms (spliceFeedItems).
 */
export interface FeedItemParts {
  rssBefore: string
  rssAfter: string
  atomBefore: string
  atomAfter: string
  jsonFeedBefore: string
  jsonFeedAfter: string
}

/** The body as the items hold it: the HTML as XML text (RSS, Atom), the HTML and the text as JSON (JSON Feed). */
export interface FeedBody {
  bodyXml: string
  bodyHtml: string
  bodyText: string
}

export interface Feed {
  title: string
  description: string
  /** The web page the feed stands for: the site, or the one section, author or tag it is filtered by. */
  homePageUrl: string
  /** This feed, as it was asked for. */
  selfUrl: string
  /** The feed's own identity for Atom: its address without the paging a reader may add. */
  id: string
  /** The last change to any item; when there is none, the last change to public content. */
  updated: string
  publisher: { name: string, url: string }
  /** The items, in the feed's own format, newest first. */
  items: string[]
}

const NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/'
}

/** The byline when one is set, as readers see it; the authors otherwise. */
function creditsOf (article: ArticleSummary): Array<{ name: string, url?: string, avatar?: string }> {
  if (article.byline !== null) return [{ name: article.byline }]
  return article.authors.map((author) => ({ name: author.name, url: author.url, ...(author.avatarUrl !== null && { avatar: author.avatarUrl }) }))
}

/** The featured image as Media RSS describes it, understood by feed readers in RSS and Atom alike. */
function mediaContent (article: ArticleSummary): Xml | undefined {
  const image = article.featuredImage
  if (image === null) return undefined
  return element('media:content', { url: image.url, medium: 'image' },
    textElement('media:description', image.caption ?? image.alt, { type: 'plain' }),
    textElement('media:credit', image.credit))
}

/** RFC 822 dates, as RSS 2.0 has them: Sun, 01 Mar 2026 08:00:00 GMT. */
const rfc822 = (time: string) => new Date(time).toUTCString()

/**
 * A tag URI (RFC 4151) naming the article by its id and the day it was created, both fixed for its life: a reader
 * keying items on a link would take an article whose slug or section changed for a new one.
 */
function itemId (article: ArticleSummary, createdAt: string, site: string): string {
  return `tag:${hostnameOf(site)},${createdAt.slice(0, 10)}:article:${article.id}`
}

// A refresh names hundreds of items on one site: its address is parsed once.
let lastSite = ''
let lastHostname = ''
function hostnameOf (site: string): string {
  if (site !== lastSite) {
    lastHostname = new URL(site).hostname
    lastSite = site
  }
  return lastHostname
}

// Where the body goes: XML text and attribute values never hold U+0000 (escapeXml drops it), so it is found once, here.
const BODY = '\u0000' as Xml

/** The markup before the body and after it. */
function cut (xml: Xml): [string, string] {
  const at = xml.indexOf(BODY)
  return [xml.slice(0, at), xml.slice(at + BODY.length)]
}

function rssItem (article: ArticleSummary, id: string): Xml {
  return element('item', {},
    textElement('title', article.headline),
    textElement('link', article.url),
    textElement('guid', id, { isPermaLink: 'false' }),
    textElement('pubDate', rfc822(article.publishedAt as string)),
    textElement('description', article.excerpt),
    element('content:encoded', {}, BODY),
    ...creditsOf(article).map((credit) => textElement('dc:creator', credit.name)),
    textElement('category', article.section.name),
    ...article.tags.map((tag) => textElement('category', tag.name)),
    mediaContent(article))
}

function atomEntry (article: ArticleSummary, id: string): Xml {
  return element('entry', { 'xml:lang': article.language },
    textElement('id', id),
    textElement('title', article.headline, { type: 'text' }),
    element('link', { rel: 'alternate', type: 'text/html', href: article.url }),
    textElement('published', article.publishedAt),
    textElement('updated', article.updatedAt),
    ...creditsOf(article).map((credit) => element('author', {}, textElement('name', credit.name), textElement('uri', credit.url))),
    element('category', { term: article.section.slug, label: article.section.name }),
    ...article.tags.map((tag) => element('category', { term: tag.slug, label: tag.name })),
    textElement('summary', article.excerpt, { type: 'text' }),
    element('content', { type: 'html' }, BODY),
    mediaContent(article))
}

type JsonFeedItem = JsonFeed['items'][number]

/** The JSON Feed item's keys before its content_html and content_text, and those after them. */
function jsonFeedItem (article: ArticleSummary, id: string): [Pick<JsonFeedItem, 'id' | 'url' | 'title'>, Omit<JsonFeedItem, 'id' | 'url' | 'title' | 'content_html' | 'content_text'>] {
  // JSON Feed's authors, when present, are one or more: an article with no byline leaves the feed's to stand.
  const credits = creditsOf(article)
  return [{ id, url: article.url, title: article.headline }, {
    summary: article.excerpt,
    ...(article.featuredImage !== null && { image: article.featuredImage.url }),
    date_published: article.publishedAt as string,
    date_modified: article.updatedAt,
    ...(credits.length > 0 && { authors: credits }),
    tags: [article.section.name, ...article.tags.map((tag) => tag.name)],
    language: article.language
  }]
}

/**
 * The article's items in every format without its body, for the website at `site` (the tag URIs' authority): they show
 * what its summary does (a withdrawn article's without the excerpt), and name it by when it was created.
 */
export function feedItemPartsOf (article: ArticleSummary, createdAt: string, site: string): FeedItemParts {
  const id = itemId(article, createdAt, site)
  const [rssBefore, rssAfter] = cut(rssItem(article, id))
  const [atomBefore, atomAfter] = cut(atomEntry(article, id))
  const [before, after] = jsonFeedItem(article, id)
  return {
    rssBefore,
    rssAfter,
    atomBefore,
    atomAfter,
    jsonFeedBefore: `${JSON.stringify(before).slice(0, -1)},"content_html":`,
    jsonFeedAfter: `,${JSON.stringify(after).slice(1)}`
  }
}

/** The article's body as its feed items hold it. */
export function feedBodyOf (article: Pick<Article, 'bodyHtml' | 'bodyText'>): FeedBody {
  return { bodyXml: escapeXml(article.bodyHtml), bodyHtml: JSON.stringify(article.bodyHtml), bodyText: JSON.stringify(article.bodyText) }
}

/** The items in every format, spliced from their parts and the body; a feed's read does the same in SQL (FEED_ITEM_SPLICE). */
export function spliceFeedItems (parts: FeedItemParts, body: FeedBody): FeedItems {
  return {
    rssItem: parts.rssBefore + body.bodyXml + parts.rssAfter,
    atomEntry: parts.atomBefore + body.bodyXml + parts.atomAfter,
    jsonFeedItem: `${parts.jsonFeedBefore}${body.bodyHtml},"content_text":${body.bodyText}${parts.jsonFeedAfter}`
  }
}

/** The article's item in every format, for the website at `site`: what a read of a queued article sends. */
export function feedItemsOf (article: Article, site: string): FeedItems {
  return spliceFeedItems(feedItemPartsOf(article, article.createdAt, site), feedBodyOf(article))
}

/** The items, already XML, as one child of the document. */
const spliced = (items: string[]) => items.join('') as Xml

export function rssFeed (feed: Feed): string {
  return xmlDocument(element('rss', { version: '2.0', 'xmlns:atom': NAMESPACES.atom, 'xmlns:content': NAMESPACES.content, 'xmlns:dc': NAMESPACES.dc, 'xmlns:media': NAMESPACES.media },
    element('channel', {},
      textElement('title', feed.title),
      textElement('link', feed.homePageUrl),
      textElement('description', feed.description),
      element('atom:link', { href: feed.selfUrl, rel: 'self', type: 'application/rss+xml' }),
      textElement('lastBuildDate', rfc822(feed.updated)),
      spliced(feed.items))))
}

export function atomFeed (feed: Feed): string {
  return xmlDocument(element('feed', { xmlns: NAMESPACES.atom, 'xmlns:media': NAMESPACES.media },
    textElement('id', feed.id),
    textElement('title', feed.title, { type: 'text' }),
    textElement('subtitle', feed.description, { type: 'text' }),
    textElement('updated', feed.updated),
    element('link', { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl }),
    element('link', { rel: 'alternate', type: 'text/html', href: feed.homePageUrl }),
    // Atom needs an author for every entry: the publication stands in where an entry names none.
    element('author', {}, textElement('name', feed.publisher.name), textElement('uri', feed.publisher.url)),
    spliced(feed.items)))
}

/** The JSON Feed document as JSON text: its head encoded here, its items spliced as stored. */
export function jsonFeed (feed: Feed): string {
  const head: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homePageUrl,
    feed_url: feed.selfUrl,
    description: feed.description,
    authors: [{ name: feed.publisher.name, url: feed.publisher.url }],
    items: []
  }
  // items is the last key: its empty array closes the text, "[]}".
  return `${JSON.stringify(head).slice(0, -2)}${feed.items.join(',')}]}`
}
