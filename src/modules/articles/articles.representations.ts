// The stored public representation of an article: its JSON rendered once, when something it shows changes, with the
// ETag and surrogate keys a read needs, so an article read is a lookup and a send, and a revalidation compares a stored
// tag without touching the body. The database's triggers queue every change (migrations 0010); the commit of an
// article write renders its own at once, and the refresher renders what other writes queued (a rename, a moderation).
import { hash } from 'node:crypto'
import { articleKeys } from '../../shared/surrogate-keys.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { feedItemsOf, type FeedItems } from '../syndication/syndication.feeds.js'
import { ArticleSchema, ArticleSummarySchema, BODY_FORMATS, type Article, type ArticleSummary, type BodyFormat } from './articles.schemas.js'

/**
 * Bump when an article, or its feed items, render differently while its schemas stay the same (a value computed
 * another way): every stored representation is then rendered again. A change to the schemas, or to the web address
 * settings, does this by itself. 2: feed items are stored too; a version before them would leave them as they were.
 */
const RENDERING_VERSION = 1

const SHAPE = hash('sha1', JSON.stringify([RENDERING_VERSION, ArticleSchema, ArticleSummarySchema]), 'base64url')

/** What is stored of an article: each part JSON, ready to be spliced, and its item in each feed format. */
export interface Representation extends FeedItems {
  /** Names the representation with every body form: a choice of forms adds its own suffix. */
  etag: string
  surrogateKeys: string
  summary: string
  /** The article without its body forms. */
  head: string
  bodyHtml: string
  bodyText: string
  bodyBlocks: string
}

/** The stored parts a read takes: the head and the forms asked for. */
export type RepresentationParts = Pick<Representation, 'head'> & Partial<Pick<Representation, 'bodyHtml' | 'bodyText' | 'bodyBlocks'>>

/** A published article's stored representation as a read finds it. */
export interface StoredArticle {
  /** false when it is queued, missing or rendered under other settings: the read renders the article afresh. */
  current: boolean
  etag: string
  /** When the representation last changed. */
  lastModified: string
  surrogateKeys: string
  parts: RepresentationParts
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

/** Renders an article as the public reads it, a withdrawn one already withheld: what a read of a queued article sends. */
export function renderArticle (article: Article): Omit<Representation, 'summary' | keyof FeedItems> {
  const { body, bodyHtml, bodyText, ...rest } = article
  const parts = { head: JSON.stringify(rest), bodyHtml: JSON.stringify(bodyHtml), bodyText: JSON.stringify(bodyText), bodyBlocks: JSON.stringify(body) }
  return {
    etag: hash('sha1', `${parts.head}\n${parts.bodyHtml}\n${parts.bodyText}\n${parts.bodyBlocks}`, 'base64url'),
    surrogateKeys: articleKeys(article).join(' '),
    ...parts
  }
}

/** Renders what is stored of an article: the article, its summary as lists show it, and its feed items. */
export function render (article: Article, summary: ArticleSummary, links: WebAddresses): Representation {
  return { ...renderArticle(article), summary: JSON.stringify(summary), ...feedItemsOf(article, links.site()) }
}

/** The article's JSON with the forms asked for, spliced from the stored parts: nothing is encoded again. */
export function assemble (parts: RepresentationParts, formats: readonly BodyFormat[]): string {
  let json = parts.head.slice(0, -1)
  for (const format of formats) json += FIELD[format] + (parts[COLUMN[format]] as string)
  return `${json}}`
}
