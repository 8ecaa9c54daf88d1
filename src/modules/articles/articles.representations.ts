// The stored public representation of an article: its JSON rendered once, when something it shows changes, with the
// ETag and surrogate keys a read needs, so an article read is a lookup and a send, and a revalidation compares a stored
// tag without touching the body. The database's triggers queue every change (migrations 0010); the commit of an
// article write renders its own at once, and the refresher renders what other writes queued (a rename, a moderation).
import { hash } from 'node:crypto'
import { articleKeys } from '../../shared/surrogate-keys.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { feedBodyOf, feedItemPartsOf, type FeedItemParts } from '../syndication/syndication.feeds.js'
import { ArticleSchema, ArticleSummarySchema, BODY_FORMATS, type Article, type ArticleHead, type ArticleSummary, type BodyFormat } from './articles.schemas.js'

/**
 * Bump when an article, or its feed items, render differently while its schemas stay the same (a value computed
 * another way): every stored representation is then rendered again. A change to the schemas, or to the web address
 * settings, does this by itself. 2: the body is stored apart, its digest in the ETag (migration 0011 queued them all).
 */
const RENDERING_VERSION = 2

const SHAPE = hash('sha1', JSON.stringify([RENDERING_VERSION, ArticleSchema, ArticleSummarySchema]), 'base64url')

/** What is stored of an article besides its body: each part JSON, ready to be spliced, and its feed items cut around the body. */
export interface Representation extends FeedItemParts {
  /** Names the representation with every body form: a choice of forms adds its own suffix. */
  etag: string
  surrogateKeys: string
  summary: string
  /** The article without its body forms. */
  head: string
}

/** The body's stored forms, each JSON-encoded but the XML, and their digest: kept while the article's body is. */
export interface StoredBody {
  digest: string
  bodyHtml: string
  bodyText: string
  bodyBlocks: string
  bodyXml: string
}

/** The stored parts a read takes: the head and the forms asked for. */
export type RepresentationParts = Pick<Representation, 'head'> & Partial<Pick<StoredBody, 'bodyHtml' | 'bodyText' | 'bodyBlocks'>>

/** A published article's stored representation as a read finds it. */
export interface StoredArticle {
  /** false when it is queued, missing or rendered under other settings: the read renders the article afresh. */
  current: boolean
  etag: string
  /** When the representation last changed. */
  lastModified: string
  surrogateKeys: string
  parts: RepresentationParts
  /** The default forms in the coding asked for, when that coding of this representation is stored; null otherwise. */
  encoded: Buffer | null
}

/** A stored representation queued for its encodings: what its default response is spliced from. */
export interface PendingEncoding extends Pick<Representation, 'etag' | 'head'> {
  articleId: number
  /** null while its body is not stored (an edit dropped it): the refresher stores it first. */
  bodyHtml: string | null
}

/** The encodings of a representation, made from it as it was stored under this ETag. */
export interface EncodedRepresentation {
  articleId: number
  etag: string
  /** null for one that goes as it is: shorter than COMPRESSION_THRESHOLD. */
  codings: { br: Buffer, gzip: Buffer } | null
}

/** What a page needs to render, once: the body as HTML, as Ghost's Content API gives it by default. */
export const DEFAULT_FORMATS: readonly BodyFormat[] = ['html']

const FIELD: Record<BodyFormat, string> = { blocks: ',"body":', html: ',"bodyHtml":', text: ',"bodyText":' }
export const COLUMN: Record<BodyFormat, 'bodyBlocks' | 'bodyHtml' | 'bodyText'> = { blocks: 'bodyBlocks', html: 'bodyHtml', text: 'bodyText' }

/** The forms asked for, each once and in one order, so that the same choice is always the same representation. */
export function parseFormats (value: string | undefined): readonly BodyFormat[] {
  if (value === undefined) return DEFAULT_FORMATS
  const asked = new Set(value.split(','))
  const formats = BODY_FORMATS.filter((format) => asked.has(format))
  return formats.length === 1 && formats[0] === 'html' ? DEFAULT_FORMATS : formats
}

/** The ETag of one choice of forms. */
export function etagOf (etag: string, formats: readonly BodyFormat[]): string {
  return formats === DEFAULT_FORMATS ? `W/"${etag}"` : `W/"${etag}.${formats.join('.')}"`
}

let lastSettings: string | undefined
let lastRenderedWith = ''

/**
 * What a representation is rendered with: this code's shapes and the web addresses' settings. One stored under others
 * (by another version during a rolling deploy, or before the settings changed) is rendered again, never served.
 */
export function renderedWith (links: WebAddresses): string {
  const settings = links.settingsKey()
  if (settings !== lastSettings) {
    lastRenderedWith = hash('sha1', `${SHAPE} ${settings}`, 'base64url')
    lastSettings = settings
  }
  return lastRenderedWith
}

/**
 * Whether a stored form may be sent as it is: stored, not queued for refreshing, and rendered with this code and these
 * settings. Anything else is rendered afresh by the read that finds it.
 */
export function isCurrent (row: { queued: number | null, renderedWith: string | null }, links: WebAddresses): boolean {
  return row.queued === null && row.renderedWith === renderedWith(links)
}

/** Renders the body of an article as the public reads it, a withdrawn one already withheld. */
export function renderBody (article: Pick<Article, 'body' | 'bodyHtml' | 'bodyText'>): StoredBody {
  const { bodyXml, bodyHtml, bodyText } = feedBodyOf(article)
  const bodyBlocks = JSON.stringify(article.body)
  return { digest: hash('sha1', `${bodyHtml}\n${bodyText}\n${bodyBlocks}`, 'base64url'), bodyHtml, bodyText, bodyBlocks, bodyXml }
}

/** The article's head: everything but its body forms. */
function headOf (article: Article): string {
  const { body: _body, bodyHtml: _html, bodyText: _text, ...rest } = article
  return JSON.stringify(rest)
}

/**
 * The ETag of a representation: its head and its body's digest, so that a rename, which keeps the body, hashes the head
 * alone; any change to what is sent changes one or the other.
 */
function etagFor (head: string, digest: string): string {
  return hash('sha1', `${head}\n${digest}`, 'base64url')
}

/** Renders an article as the public reads it, a withdrawn one already withheld: what a read of a queued article sends. */
/** An article's representation rendered now: its head, every body form, and what names them. */
export type RenderedArticle = Required<RepresentationParts> & Pick<Representation, 'etag' | 'surrogateKeys'>

export function renderArticle (article: Article): RenderedArticle {
  const head = headOf(article)
  const { digest, bodyHtml, bodyText, bodyBlocks } = renderBody(article)
  return { etag: etagFor(head, digest), surrogateKeys: articleKeys(article).join(' '), head, bodyHtml, bodyText, bodyBlocks }
}

/** What an article's head holds after its summary's keys, in the article's order: the head is the two spliced. */
export type HeadRest = Omit<ArticleHead, keyof ArticleSummary>

/**
 * Renders what is stored of an article besides its body: its head, its summary as lists show it, and its feed items
 * without the body, given the digest of its body's stored forms. shown is the summary as the head shows it (a withdrawn
 * article's withheld), the summary itself otherwise: the head is then spliced from the summary's JSON, encoded once.
 */
export function render (summary: ArticleSummary, shown: ArticleSummary, rest: HeadRest, digest: string, links: WebAddresses): Representation {
  const json = JSON.stringify(summary)
  const head = `${(shown === summary ? json : JSON.stringify(shown)).slice(0, -1)},${JSON.stringify(rest).slice(1)}`
  const keys = articleKeys({ id: summary.id, section: summary.section, breadcrumb: rest.breadcrumb, authors: summary.authors, tags: summary.tags })
  return { etag: etagFor(head, digest), surrogateKeys: keys.join(' '), head, summary: json, ...feedItemPartsOf(shown, rest.createdAt, links.site()) }
}

/** The article's JSON with the forms asked for, spliced from the stored parts: nothing is encoded again. */
export function assemble (parts: RepresentationParts, formats: readonly BodyFormat[]): string {
  let json = parts.head.slice(0, -1)
  for (const format of formats) json += FIELD[format] + (parts[COLUMN[format]] as string)
  return `${json}}`
}
