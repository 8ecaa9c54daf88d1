// Every query about articles. Reads embed section, authors and tags in one statement per page; public lists read each
// article's stored summary in the statement that picks the page.
import { and, desc, eq, exists, getTableColumns, gt, inArray, lt, lte, ne, or, sql, type Placeholder, type SQL, type Table } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { heldElsewhere, type SettingsRepository } from '../../db/settings.js'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { articleAuthors, articleEncodingQueue, articleRepresentationBodies, articleRepresentationEncodings, articleRepresentationQueue, articleRepresentations, articleRevisions, articles, articleTags, sections } from '../../db/schema.js'
import { isPublic, isPublished, isSyndicated, sectionAncestry } from '../../db/visibility.js'
import type { ContentCoding } from '../../shared/compression.js'
import type { Block, FeaturedImage } from '../../shared/content-types.js'
import { encodeCursor } from '../../shared/cursor.js'
import { PreconditionFailedError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import { articleKeys, summaryKeysOf } from '../../shared/surrogate-keys.js'
import type { FeedLinks, WebAddresses } from '../../shared/web-addresses.js'
import type { EditorListRequest } from './articles.admin-list.js'
import type { WriterArticleSummary } from './articles.admin-list.schemas.js'
import { createEditorListing } from './articles.admin-listing.js'
import { articleEventOf, type ArticleVisibility } from '../events/events.js'
import { createEventsRepository, type EventsRepository } from '../events/events.repository.js'
import {
  afterKey, createArticleListing, createArticleNeighbours, isPlainList, storedSummary, withStoredSummaries,
  type ArticleListRequest, type EncodedSummary, type StoredSummary, type SummaryReader
} from './articles.listing.js'
import { createSyndicationListing, syndicatedPage, type SyndicatedListRequest } from './articles.syndication.js'
import { COLUMN, isCurrent, render, renderArticle, renderBody, renderedWith, type EncodedRepresentation, type HeadRest, type PendingEncoding, type RenderedArticle, type RepresentationParts, type StoredArticle } from './articles.representations.js'
import { feedItemsOf, type FeedFormat } from '../syndication/syndication.feeds.js'
import type { Article, ArticleStatus, ArticleSummary, BodyFormat, Correction, TokenRef, WriterArticle } from './articles.schemas.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

/** Everything stored about an article, as the service decides it. */
export interface ArticleRecord {
  slug: string
  headline: string
  subtitle: string | null
  excerpt: string
  body: Block[]
  bodyHtml: string
  bodyText: string
  wordCount: number
  readingTime: number
  status: ArticleStatus
  publishedAt: string | null
  scheduledAt: string | null
  sectionId: number
  authorIds: number[]
  tagIds: number[]
  featuredImage: FeaturedImage | null
  dateline: string | null
  language: string
  canonicalUrl: string | null
  featured: boolean
  byline: string | null
  repliesEnabled: boolean
  embargoedUntil: string | null
}

/**
 * The versions an If-Match header accepts; undefined writes unconditionally. Checked by the commit's own
 * conditional UPDATE, so two writers holding the same version cannot both pass.
 */
export type ExpectedVersions = readonly number[] | undefined

// SQLite builds the embedded lists itself (json_group_array keeps the ORDER BY since 3.44),
// so a page of articles is one statement however many authors and tags it has.
const authorsJson = sql<string>`(
  select json_group_array(json_object(
    'id', au.id, 'slug', au.slug, 'name', au.name, 'jobTitle', au.job_title, 'avatarUrl', au.avatar_url
  ) order by aa.position)
  from article_authors aa join authors au on au.id = aa.author_id
  where aa.article_id = ${articles.id}
)`.as('authors_json')

const tagsJson = sql<string>`(
  select json_group_array(json_object('id', t.id, 'slug', t.slug, 'name', t.name) order by at.position)
  from article_tags at join tags t on t.id = at.tag_id
  where at.article_id = ${articles.id}
)`.as('tags_json')

const correctionsJson = sql<string>`(
  select json_group_array(json_object('id', c.id, 'kind', c.kind, 'text', c.text, 'createdAt', c.created_at) order by c.created_at, c.id)
  from article_corrections c
  where c.article_id = ${articles.id}
)`.as('corrections_json')

const tokenRefJson = (column: typeof articles.createdBy | typeof articles.updatedBy, name: string) => sql<string | null>`(
  select json_object('id', t.id, 'name', t.name) from api_tokens t where t.id = ${column}
)`.as(name)

const summaryColumns = {
  id: articles.id,
  slug: articles.slug,
  headline: articles.headline,
  subtitle: articles.subtitle,
  excerpt: articles.excerpt,
  status: articles.status,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  featuredImage: articles.featuredImage,
  dateline: articles.dateline,
  language: articles.language,
  featured: articles.featured,
  readingTime: articles.readingTime,
  sectionId: sections.id,
  sectionSlug: sections.slug,
  sectionName: sections.name,
  byline: articles.byline,
  authorsJson,
  tagsJson
}

// Sections form a shallow tree: walking up from the article's section costs a few primary-key lookups.
const breadcrumbJson = sql<string>`(
  ${sectionAncestry(sql`${articles.sectionId}`)}
  select json_group_array(json_object('id', id, 'slug', slug, 'name', name) order by depth desc) from ancestry
)`.as('breadcrumb_json')

const fullColumns = {
  ...summaryColumns,
  body: articles.body,
  bodyHtml: articles.bodyHtml,
  bodyText: articles.bodyText,
  wordCount: articles.wordCount,
  scheduledAt: articles.scheduledAt,
  canonicalUrl: articles.canonicalUrl,
  createdAt: articles.createdAt,
  withdrawnAt: articles.withdrawnAt,
  withdrawnReason: articles.withdrawnReason,
  repliesEnabled: articles.repliesEnabled,
  correctionsJson,
  breadcrumbJson,
  replyCount: sql<number>`(select count(*) from replies r where r.article_id = ${articles.id} and r.status = 'approved')`.as('reply_count')
}

// What a refresh reads of an article: all but its body, with the digest of its stored body forms, reused while they stand.
const { body: _body, bodyHtml: _bodyHtml, bodyText: _bodyText, ...headColumns } = fullColumns
const refreshColumns = { ...headColumns, digest: articleRepresentationBodies.digest, bodyRenderedWith: articleRepresentationBodies.renderedWith }
/**
 * What a read of a stale representation reads, given either dialect's columns of the article and of its stored body:
 * what a refresh reads, the stored body forms, and what they are rendered from, in one statement, so that no write
 * falls between the head and the body.
 */
export function staleReadColumnsOf<Full extends object, Bodies extends Record<'digest' | 'renderedWith' | 'bodyHtml' | 'bodyText' | 'bodyBlocks', unknown>> (full: Full, bodies: Bodies) {
  return { ...full, digest: bodies.digest, bodyRenderedWith: bodies.renderedWith, storedHtml: bodies.bodyHtml, storedText: bodies.bodyText, storedBlocks: bodies.bodyBlocks } as
    Full & { digest: Bodies['digest'], bodyRenderedWith: Bodies['renderedWith'], storedHtml: Bodies['bodyHtml'], storedText: Bodies['bodyText'], storedBlocks: Bodies['bodyBlocks'] }
}
const staleReadColumns = staleReadColumnsOf(fullColumns, articleRepresentationBodies)

const syndicatedColumns = {
  ...fullColumns,
  embargoedUntil: articles.embargoedUntil,
  version: articles.version
}

const writerColumns = {
  ...fullColumns,
  version: articles.version,
  embargoedUntil: articles.embargoedUntil,
  createdByJson: tokenRefJson(articles.createdBy, 'created_by_json'),
  updatedByJson: tokenRefJson(articles.updatedBy, 'updated_by_json')
}

const writerSummaryColumns = {
  id: articles.id,
  slug: articles.slug,
  headline: articles.headline,
  subtitle: articles.subtitle,
  status: articles.status,
  withdrawnAt: articles.withdrawnAt,
  sectionId: sections.id,
  sectionSlug: sections.slug,
  sectionName: sections.name,
  authorsJson,
  tagsJson,
  featured: articles.featured,
  wordCount: articles.wordCount,
  createdAt: articles.createdAt,
  updatedAt: articles.updatedAt,
  publishedAt: articles.publishedAt,
  scheduledAt: articles.scheduledAt,
  version: articles.version,
  createdByJson: tokenRefJson(articles.createdBy, 'created_by_json'),
  updatedByJson: tokenRefJson(articles.updatedBy, 'updated_by_json')
}

/** A summary as either engine selects it: the embedded lists arrive as JSON text. */
export interface SummaryRow {
  id: number
  slug: string
  headline: string
  subtitle: string | null
  excerpt: string
  status: ArticleStatus
  publishedAt: string | null
  updatedAt: string
  featuredImage: FeaturedImage | null
  dateline: string | null
  language: string
  featured: boolean
  readingTime: number
  sectionId: number
  sectionSlug: string
  sectionName: string
  byline: string | null
  authorsJson: string
  tagsJson: string
}

type AuthorRef = ArticleSummary['authors'][number]
type TagRef = ArticleSummary['tags'][number]
type SectionRef = ArticleSummary['section']

/**
 * What a refresh makes once for the articles of a batch, which mostly share their section, breadcrumb, authors and
 * tags: each embedded list by its JSON text, each section by its id (one statement read them all). The objects are
 * shared between the articles, and only ever encoded.
 */
export interface RefreshMemo {
  sections: Map<number, SectionRef>
  authors: Map<string, AuthorRef[]>
  tags: Map<string, TagRef[]>
  corrections: Map<string, Correction[]>
  breadcrumbs: Map<string, SectionRef[]>
  feeds: Map<string, FeedLinks>
}

function refreshMemo (): RefreshMemo {
  return { sections: new Map(), authors: new Map(), tags: new Map(), corrections: new Map(), breadcrumbs: new Map(), feeds: new Map() }
}

function remembered<K, V> (memo: Map<K, V> | undefined, key: K, make: (key: K) => V): V {
  if (memo === undefined) return make(key)
  let value = memo.get(key)
  if (value === undefined) {
    value = make(key)
    memo.set(key, value)
  }
  return value
}

/** The section, authors and tags an article row names, with their web addresses. */
function referencesOf (row: Pick<SummaryRow, 'sectionId' | 'sectionSlug' | 'sectionName' | 'authorsJson' | 'tagsJson'>, links: WebAddresses, memo?: RefreshMemo) {
  return {
    section: remembered(memo?.sections, row.sectionId, (id) => links.withSectionUrl({ id, slug: row.sectionSlug, name: row.sectionName })),
    authors: remembered(memo?.authors, row.authorsJson, (json) => (JSON.parse(json) as Array<Omit<AuthorRef, 'url'>>).map(links.withAuthorUrl)),
    tags: remembered(memo?.tags, row.tagsJson, (json) => (JSON.parse(json) as Array<Omit<TagRef, 'url'>>).map(links.withTagUrl))
  }
}

function articleUrl (row: Pick<SummaryRow, 'id' | 'slug' | 'sectionSlug' | 'publishedAt'> & { scheduledAt?: string | null }, links: WebAddresses): string {
  return links.article({ id: row.id, slug: row.slug, sectionSlug: row.sectionSlug, publishedAt: row.publishedAt, scheduledAt: row.scheduledAt })
}

export function toSummary (row: SummaryRow & { scheduledAt?: string | null }, links: WebAddresses, memo?: RefreshMemo): ArticleSummary {
  const { section, authors, tags } = referencesOf(row, links, memo)
  return {
    id: row.id,
    slug: row.slug,
    url: articleUrl(row, links),
    headline: row.headline,
    subtitle: row.subtitle,
    excerpt: row.excerpt,
    status: row.status,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    section,
    authors,
    byline: row.byline,
    tags,
    featuredImage: row.featuredImage,
    dateline: row.dateline,
    language: row.language,
    featured: row.featured,
    readingTime: row.readingTime
  }
}

export type WriterSummaryRow = Pick<SummaryRow, 'id' | 'slug' | 'headline' | 'subtitle' | 'status' | 'sectionId' | 'sectionSlug' | 'sectionName' |
  'authorsJson' | 'tagsJson' | 'featured' | 'updatedAt' | 'publishedAt'> &
  Pick<typeof articles.$inferSelect, 'withdrawnAt' | 'wordCount' | 'createdAt' | 'scheduledAt' | 'version'> &
  { createdByJson: string | null, updatedByJson: string | null }

function tokenRefOf (json: string | null): TokenRef | null {
  return json === null ? null : JSON.parse(json) as TokenRef
}

export function toWriterSummary (row: WriterSummaryRow, links: WebAddresses): WriterArticleSummary {
  const { section, authors, tags } = referencesOf(row, links)
  return {
    id: row.id,
    slug: row.slug,
    url: articleUrl(row, links),
    headline: row.headline,
    subtitle: row.subtitle,
    status: row.status,
    withdrawnAt: row.withdrawnAt,
    section,
    authors,
    tags,
    featured: row.featured,
    wordCount: row.wordCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    scheduledAt: row.scheduledAt,
    version: row.version,
    createdBy: tokenRefOf(row.createdByJson),
    updatedBy: tokenRefOf(row.updatedByJson)
  }
}

export type FullRow = SummaryRow & Pick<typeof articles.$inferSelect, 'body' | 'bodyHtml' | 'bodyText' | 'wordCount' | 'scheduledAt' | 'canonicalUrl' | 'createdAt' | 'withdrawnAt' | 'withdrawnReason' | 'repliesEnabled'> & {
  correctionsJson: string
  breadcrumbJson: string
  replyCount: number
}
export type WriterRow = FullRow & { version: number, embargoedUntil: string | null, createdByJson: string | null, updatedByJson: string | null }

/** The article of a row; summary, when given, is the row's own (toSummary), so a refresh that stores both makes it once. */
export function toArticle (row: FullRow, links: WebAddresses, summary = toSummary(row, links)): Article {
  return {
    ...summary,
    body: row.body,
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    wordCount: row.wordCount,
    scheduledAt: row.scheduledAt,
    canonicalUrl: row.canonicalUrl,
    createdAt: row.createdAt,
    corrections: JSON.parse(row.correctionsJson) as Correction[],
    withdrawn: row.withdrawnAt === null ? null : { at: row.withdrawnAt, reason: row.withdrawnReason ?? '' },
    breadcrumb: (JSON.parse(row.breadcrumbJson) as Array<Omit<Article['section'], 'url'>>).map(links.withSectionUrl),
    replyCount: row.replyCount,
    repliesEnabled: row.repliesEnabled,
    feeds: links.feeds({ section: row.sectionSlug })
  }
}

/**
 * What the head of a published article holds after its summary's keys, as the public reads it (toArticle without its
 * body forms, withholdWithdrawn applied), in the same order.
 */
function publicHeadRest (row: RefreshRow, links: WebAddresses, memo: RefreshMemo): HeadRest {
  return {
    wordCount: row.withdrawnAt === null ? row.wordCount : 0,
    scheduledAt: row.scheduledAt,
    canonicalUrl: row.canonicalUrl,
    createdAt: row.createdAt,
    corrections: remembered(memo.corrections, row.correctionsJson, (json) => JSON.parse(json) as Correction[]),
    withdrawn: row.withdrawnAt === null ? null : { at: row.withdrawnAt, reason: row.withdrawnReason ?? '' },
    breadcrumb: remembered(memo.breadcrumbs, row.breadcrumbJson, (json) => (JSON.parse(json) as Array<Omit<SectionRef, 'url'>>).map(links.withSectionUrl)),
    replyCount: row.replyCount,
    repliesEnabled: row.repliesEnabled,
    feeds: remembered(memo.feeds, row.sectionSlug, (section) => links.feeds({ section }))
  }
}

export function toWriterArticle (row: WriterRow, links: WebAddresses): WriterArticle {
  return {
    ...toArticle(row, links),
    version: row.version,
    embargoedUntil: row.embargoedUntil,
    createdBy: tokenRefOf(row.createdByJson),
    updatedBy: tokenRefOf(row.updatedByJson)
  }
}

/**
 * A published article as partners receive it in bulk: under embargo, embargoedUntil says until when; version counts
 * its changes, as the writers' version does.
 */
export type SyndicatedArticle = Article & { embargoedUntil: string | null, version: number }

export type SyndicatedRow = FullRow & { embargoedUntil: string | null, version: number }

export function toSyndicated (row: SyndicatedRow, links: WebAddresses): SyndicatedArticle {
  return { ...withholdWithdrawn(toArticle(row, links)), embargoedUntil: row.embargoedUntil, version: row.version }
}

/** Puts rows fetched by id back in the order the ids were asked for. */
export function inOrderOf<T extends { id: number }> (ids: readonly number[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.map((id) => byId.get(id)).filter((row) => row !== undefined)
}

/** What the public sees of a withdrawn article: the notice, headline and subtitle, never the retracted text (the excerpt quotes it). */
export function withholdWithdrawn (article: Article): Article {
  if (article.withdrawn === null) return article
  return { ...article, excerpt: '', body: [], bodyHtml: '', bodyText: '', wordCount: 0 }
}

/** What a webhook receiver is told about an article: the same keys, in the same order, as events.repository builds in SQL. */
export function articleEventData (row: typeof articles.$inferSelect): Record<string, unknown> {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    status: row.status,
    version: row.version,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    embargoedUntil: row.embargoedUntil
  }
}

/**
 * Writes the event an article write makes, if any (see articleEventOf), in the same unit of work. Called at the
 * commit point every article write passes, so no path can change what the public or partners see without one.
 */
export async function recordArticleEvent (outbox: EventsRepository, before: ArticleVisibility | null, after: typeof articles.$inferSelect | null, deleted?: typeof articles.$inferSelect): Promise<void> {
  const draft = articleEventOf(before, after)
  const row = after ?? deleted
  if (draft === null || !row) return
  await outbox.record({ type: draft.type, articleId: row.id, slug: row.slug, embargoedUntil: draft.embargoedUntil, data: articleEventData(row) })
}

/** The articles row of a record: its links live in their own tables. */
export function columnsOf (record: ArticleRecord) {
  const { authorIds: _authors, tagIds: _tags, ...columns } = record
  return columns
}

type PgSchema = typeof import('../../db/schema.pg.js')
type RepresentationsTable = typeof articleRepresentations | PgSchema['articleRepresentations']
type BodiesTable = typeof articleRepresentationBodies | PgSchema['articleRepresentationBodies']
type EncodingsTable = typeof articleRepresentationEncodings | PgSchema['articleRepresentationEncodings']

/** Every column but the article's id set to what the insert brought: an upsert that replaces the row's content. */
export function insertedValues (table: RepresentationsTable | BodiesTable | EncodingsTable): Record<string, SQL> {
  return Object.fromEntries(Object.entries(getTableColumns(table)).filter(([key]) => key !== 'articleId')
    .map(([key, column]) => [key, sql`excluded.${sql.identifier(column.name)}`]))
}

/**
 * What a refresh writes over a stored representation: all of it, but Last-Modified only when the representation
 * changed, and then to no earlier than the second after the one it replaces, which `datedAfter` writes in the engine's
 * terms. HTTP dates are whole seconds: two representations stored within one would share a date, and a client holding
 * the first, revalidating by date alone, would be told it still holds the second.
 */
export function refreshedRepresentation (table: RepresentationsTable, datedAfter: (replaced: SQL) => SQL) {
  return {
    ...insertedValues(table),
    // A write that leaves the representation as it was (a new version, revoked preview links) leaves its Last-Modified too.
    lastModified: sql`case when ${table.etag} = excluded.etag then ${table.lastModified} else ${datedAfter(sql`${table.lastModified}`)} end`
  }
}

/** A row of placeholders named as the table's columns: the values of a prepared insert, filled by a row object. */
function placeholdersOf<T extends Table> (table: T): Record<keyof T['_']['columns'], Placeholder> {
  return Object.fromEntries(Object.keys(getTableColumns(table)).map((key) => [key, sql.placeholder(key)])) as Record<keyof T['_']['columns'], Placeholder>
}

/** What a refresh writes over a stored body. */
export const refreshedBody = (table: BodiesTable) => insertedValues(table)

/** A published article as a refresh reads it: without its body, with the digest and settings of its stored body forms. */
export type RefreshRow = Omit<FullRow, 'body' | 'bodyHtml' | 'bodyText'> & { digest: string | null, bodyRenderedWith: string | null }

/** What a read of an article whose stored form is stale selects: what a refresh reads, and the body, stored and as written. */
export type StaleReadRow = RefreshRow & BodySourceRow & { storedHtml: string | null, storedText: string | null, storedBlocks: string | null }

/** What a body is rendered from. */
export type BodySourceRow = Pick<FullRow, 'id' | 'body' | 'bodyHtml' | 'bodyText' | 'withdrawnAt'>

const WITHHELD = { body: [], bodyHtml: '', bodyText: '' }

/**
 * The articles whose body must be rendered: all of them for an article write, which renders what it wrote; for the
 * refresher, those whose stored body is missing (never stored, or dropped by the trigger when the body changed) or
 * rendered under other settings or code. A rename keeps every body: it renders the rest alone.
 */
export function bodiesToRender (rows: RefreshRow[], links: WebAddresses, reuse: boolean): number[] {
  const rendered = renderedWith(links)
  return rows.filter((row) => !reuse || row.digest === null || row.bodyRenderedWith !== rendered).map((row) => row.id)
}

/** The rows to store for the published articles given, rendered now: their representations, and the bodies rendered. */
export function representationsOf (rows: RefreshRow[], sources: BodySourceRow[], links: WebAddresses, at: string) {
  const rendered = renderedWith(links)
  const memo = refreshMemo()
  const bodies = sources.map((source) => ({ articleId: source.id, renderedWith: rendered, ...renderBody(source.withdrawnAt === null ? source : WITHHELD) }))
  const digests = new Map(bodies.map((body) => [body.articleId, body.digest]))
  const representations = rows.map((row) => {
    const summary = toSummary(row, links, memo)
    return {
      articleId: row.id,
      renderedWith: rendered,
      lastModified: at,
      // What withholdWithdrawn takes from the head's summary keys: the excerpt (it quotes the retracted text).
      ...render(summary, row.withdrawnAt === null ? summary : { ...summary, excerpt: '' }, publicHeadRest(row, links, memo), (digests.get(row.id) ?? row.digest) as string, links)
    }
  })
  return { representations, bodies }
}

/**
 * What a read of an article whose stored form is queued or stale sends: what the refresher will store, rendered the
 * way it will be, and not stored. A rename, the usual cause, changes no body, so the stored body forms are reused
 * and the head alone is rendered; a body whose stored forms no longer stand (bodiesToRender) is rendered too.
 */
export function renderedNow (row: StaleReadRow, links: WebAddresses): RenderedArticle {
  const sources = bodiesToRender([row], links, true).length === 0 ? [] : [row]
  const { representations: [representation], bodies: [body] } = representationsOf([row], sources, links, new Date().toISOString())
  if (representation === undefined) throw new Error(`Article ${row.id} rendered no representation`)
  // A stored body that stands has every form: its columns are all NOT NULL.
  const forms = body ?? { bodyHtml: row.storedHtml as string, bodyText: row.storedText as string, bodyBlocks: row.storedBlocks as string }
  return { etag: representation.etag, surrogateKeys: representation.surrogateKeys, head: representation.head, ...forms }
}

/** A published article's stored representation as selected: every column null when it has none yet. */
export interface StoredRow {
  queued: number | null
  renderedWith: string | null
  etag: string | null
  lastModified: string | null
  surrogateKeys: string | null
  head?: string | null
  bodyHtml?: string | null
  bodyText?: string | null
  bodyBlocks?: string | null
  /** The coding asked for, when it is stored for this ETag. */
  encoded?: Buffer | null
}

export function storedArticleOf (row: StoredRow, links: WebAddresses): StoredArticle {
  return {
    current: isCurrent(row, links),
    etag: row.etag ?? '',
    lastModified: row.lastModified ?? '',
    surrogateKeys: row.surrogateKeys ?? '',
    parts: { head: row.head ?? '', bodyHtml: row.bodyHtml ?? undefined, bodyText: row.bodyText ?? undefined, bodyBlocks: row.bodyBlocks ?? undefined },
    encoded: row.encoded ?? null
  }
}

/** The statement's key, and on PostgreSQL its name's end: the forms (null: the validators alone), and the coding asked for. */
export function storedStatementKey (formats: readonly BodyFormat[] | null, coding: ContentCoding | null): string {
  return `${formats === null ? 'validators' : formats.join('_')}${coding === null ? '' : `_${coding}`}`
}

/** A public article's item in one feed format, with what a feed needs of it besides. */
export interface FeedItem {
  id: number
  updatedAt: string
  item: string
  /** The article's surrogate keys, space-separated. */
  surrogateKeys: string
}

/** A public article's stored feed item as selected: the stored columns null when it has none yet. */
export interface StoredItemRow {
  id: number
  updatedAt: string
  queued: number | null
  renderedWith: string | null
  surrogateKeys: string | null
  item: string | null
}

const SPLICED: Record<FeedFormat, (table: RepresentationsTable, bodies: BodiesTable) => SQL<string | null>> = {
  rssItem: (table, bodies) => sql`${table.rssBefore} || ${bodies.bodyXml} || ${table.rssAfter}`,
  atomEntry: (table, bodies) => sql`${table.atomBefore} || ${bodies.bodyXml} || ${table.atomAfter}`,
  jsonFeedItem: (table, bodies) => sql`${table.jsonFeedBefore} || ${bodies.bodyHtml} || ',"content_text":' || ${bodies.bodyText} || ${table.jsonFeedAfter}`
}

/**
 * The columns a read of stored feed items selects, in one format: the item spliced in SQL from its parts and the stored
 * body, as spliceFeedItems does, so the escaped body crosses to the process once, as part of the item.
 */
export function storedItemColumns<C> (article: { id: C, updatedAt: C }, table: RepresentationsTable & Record<'renderedWith' | 'surrogateKeys', C>, bodies: BodiesTable, queued: C, format: FeedFormat) {
  return { id: article.id, updatedAt: article.updatedAt, queued, renderedWith: table.renderedWith, surrogateKeys: table.surrogateKeys, item: SPLICED[format](table, bodies) }
}

/**
 * The feed items of these public articles: the stored ones, and those of articles queued or stored under other
 * settings rendered now from `fresh`, as a read of a queued article is. In no particular order.
 */
export async function storedFeedItems (rows: StoredItemRow[], format: FeedFormat, links: WebAddresses, fresh: (ids: number[]) => Promise<FullRow[]>): Promise<FeedItem[]> {
  const items: FeedItem[] = []
  const stale: number[] = []
  for (const row of rows) {
    if (isCurrent(row, links)) {
      items.push({ id: row.id, updatedAt: row.updatedAt, item: row.item as string, surrogateKeys: row.surrogateKeys as string })
    } else {
      stale.push(row.id)
    }
  }
  if (stale.length === 0) return items
  for (const row of await fresh(stale)) {
    const article = toArticle(row, links)
    items.push({ id: row.id, updatedAt: row.updatedAt, item: feedItemsOf(article, links.site())[format], surrogateKeys: articleKeys(article).join(' ') })
  }
  return items
}

/** A published article's stored representation with the writers' version, as a public syndication read selects it. */
export interface StoredSyndicatedRow {
  id: number
  version: number
  queued: number | null
  renderedWith: string | null
  head: string | null
  bodyHtml: string | null
  bodyText: string | null
  bodyBlocks: string | null
}

/** The columns a public syndication read of stored representations selects: the head, and the body from its own table. */
export function storedSyndicatedColumns<C> (article: { id: C, version: C }, table: Record<'renderedWith' | 'head', C>, bodies: Record<'bodyHtml' | 'bodyText' | 'bodyBlocks', C>, queued: C): Record<keyof StoredSyndicatedRow, C> {
  return { id: article.id, version: article.version, queued, renderedWith: table.renderedWith, head: table.head, bodyHtml: bodies.bodyHtml, bodyText: bodies.bodyText, bodyBlocks: bodies.bodyBlocks }
}

/** An article as the public syndicates it, from its stored parts: what is never under embargo says so. */
function syndicatedOf (parts: Required<RepresentationParts>, version: number): SyndicatedArticle {
  const head = JSON.parse(parts.head) as Omit<Article, 'body' | 'bodyHtml' | 'bodyText'>
  return { ...head, body: JSON.parse(parts.bodyBlocks), bodyHtml: JSON.parse(parts.bodyHtml), bodyText: JSON.parse(parts.bodyText), embargoedUntil: null, version }
}

/**
 * Published articles as the public syndicates them (ninjs, the change feed), from their stored representations; those
 * queued or stored under other settings rendered now from `fresh`, into the same parts, so both give the same bytes.
 * In no particular order.
 */
export async function storedSyndicated (rows: StoredSyndicatedRow[], links: WebAddresses, fresh: (ids: number[]) => Promise<SyndicatedRow[]>): Promise<SyndicatedArticle[]> {
  const found: SyndicatedArticle[] = []
  const stale: number[] = []
  for (const row of rows) {
    if (isCurrent(row, links)) found.push(syndicatedOf(row as Required<RepresentationParts>, row.version))
    else stale.push(row.id)
  }
  if (stale.length === 0) return found
  for (const row of await fresh(stale)) found.push(syndicatedOf(renderArticle(withholdWithdrawn(toArticle(row, links))), row.version))
  return found
}

/** A summary rendered now, encoded as a list splices it. */
function encodedSummary (summary: ArticleSummary): EncodedSummary {
  return { id: summary.id, json: JSON.stringify(summary), keys: articleKeys(summary).join(' ') }
}

/**
 * List items from the stored summaries a page's statement read: each current one as it is stored, and the others
 * (queued for refreshing, not stored yet, or stored under other settings) rendered now from the articles, by `fresh`.
 */
export function summaryReader (links: WebAddresses, fresh: (ids: number[]) => Promise<ArticleSummary[]>): SummaryReader {
  return async (rows) => {
    const stale = rows.filter((row) => !isCurrent(row, links)).map((row) => row.id)
    const renderedNow = new Map(stale.length === 0 ? [] : (await fresh(stale)).map((summary) => [summary.id, summary]))
    const items: EncodedSummary[] = []
    for (const row of rows) {
      if (isCurrent(row, links)) {
        items.push({ id: row.id, json: row.summary as string, keys: summaryKeysOf(row.surrogateKeys as string) })
        continue
      }
      // Gone since the page was read: left out, as a page read by ids leaves it out.
      const summary = renderedNow.get(row.id)
      if (summary !== undefined) items.push(encodedSummary(summary))
    }
    return items
  }
}

type StoredColumn = 'renderedWith' | 'etag' | 'lastModified' | 'surrogateKeys' | 'head'

/** The columns a read of stored representations selects: the validators, and the head and forms when the body is sent. */
export function storedColumns<C> (table: Record<StoredColumn, C>, bodies: Record<'bodyHtml' | 'bodyText' | 'bodyBlocks', C>, queued: C, formats: readonly BodyFormat[] | null): Record<string, C> {
  const columns: Record<string, C> = { queued, renderedWith: table.renderedWith, etag: table.etag, lastModified: table.lastModified, surrogateKeys: table.surrogateKeys }
  if (formats === null) return columns
  columns.head = table.head
  for (const format of formats) columns[COLUMN[format]] = bodies[COLUMN[format]]
  return columns
}

/** What the encoder reads of a queued representation: the parts its default response is spliced from, and its ETag. */
export function pendingEncodingColumns<C> (representations: Record<'articleId' | 'etag' | 'head', C>, bodies: Record<'bodyHtml', C>) {
  return { articleId: representations.articleId, etag: representations.etag, head: representations.head, bodyHtml: bodies.bodyHtml }
}

export function createArticlesRepository (db: Db, links: WebAddresses, settings: SettingsRepository) {
  const selectFull = () => db.select(fullColumns).from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
  const publishedBefore = (after: SQL | undefined) => withStoredSummaries(db.select({ id: articles.id, publishedAt: articles.publishedAt, ...storedSummary })
    .from(articles).$dynamic())
    .where(and(isPublic(articles), after))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(sql.placeholder('limit'))

  const firstPublishedPage = preparedOnFirstUse(() => publishedBefore(undefined).prepare())
  // The keyset: rows strictly after the last one of the previous page in (publishedAt desc, id desc) order.
  const nextPublishedPage = preparedOnFirstUse(() => publishedBefore(
    sql`(${articles.publishedAt}, ${articles.id}) < (${sql.placeholder('publishedAt')}, ${sql.placeholder('id')})`
  ).prepare())
  const publishedBySlug = preparedOnFirstUse(() => selectFull()
    .where(and(eq(articles.slug, sql.placeholder('slug')), isPublished(articles)))
    .prepare())
  const bySlugForPartners = preparedOnFirstUse(() => db.select(syndicatedColumns).from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(eq(articles.slug, sql.placeholder('slug')), isSyndicated(articles)))
    .prepare())
  const storedSyndicatedWhere = (where: SQL) => preparedOnFirstUse(() => db.select(storedSyndicatedColumns<AnySQLiteColumn>(articles, articleRepresentations, articleRepresentationBodies, articleRepresentationQueue.articleId))
    .from(articles)
    .leftJoin(articleRepresentations, eq(articleRepresentations.articleId, articles.id))
    .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
    .leftJoin(articleRepresentationQueue, eq(articleRepresentationQueue.articleId, articles.id))
    .where(and(where, isPublished(articles)))
    .prepare())
  const storedSyndicatedBySlug = storedSyndicatedWhere(eq(articles.slug, sql.placeholder('slug')))
  const storedSyndicatedByIds = storedSyndicatedWhere(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`)
  const syndication = createSyndicationListing(db)
  const byId = preparedOnFirstUse(() => db.select(writerColumns).from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(eq(articles.id, sql.placeholder('id'))).prepare())
  const summariesByIds = preparedOnFirstUse(() => db.select(summaryColumns).from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`)
    .prepare())
  const summaries = summaryReader(links, async (ids) => (summariesByIds.all({ ids: JSON.stringify(ids) }) as SummaryRow[]).map((row) => toSummary(row, links)))
  const listing = createArticleListing(db, summaries)
  // Checked again here: a page's keys and its items are two reads, and a body must never outlive its article's visibility.
  const publicArticlesByIds = preparedOnFirstUse(() => selectFull()
    .where(and(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`, isPublic(articles)))
    .prepare())
  const freshPublic = async (ids: number[]) => publicArticlesByIds.all({ ids: JSON.stringify(ids) }) as FullRow[]
  const storedItemsByIds = (format: FeedFormat) => preparedOnFirstUse(() => db.select(storedItemColumns<AnySQLiteColumn>(articles, articleRepresentations, articleRepresentationBodies, articleRepresentationQueue.articleId, format))
    .from(articles)
    .leftJoin(articleRepresentations, eq(articleRepresentations.articleId, articles.id))
    .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
    .leftJoin(articleRepresentationQueue, eq(articleRepresentationQueue.articleId, articles.id))
    .where(and(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`, isPublic(articles)))
    .prepare())
  const storedItems = { rssItem: storedItemsByIds('rssItem'), atomEntry: storedItemsByIds('atomEntry'), jsonFeedItem: storedItemsByIds('jsonFeedItem') }
  const neighbours = createArticleNeighbours(db, summaries)
  const writerSummariesByIds = preparedOnFirstUse(() => db.select(writerSummaryColumns).from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`)
    .prepare())
  const editorListing = createEditorListing(db, {
    byIds: async (ids) => (writerSummariesByIds.all({ ids: JSON.stringify(ids) }) as WriterSummaryRow[]).map((row) => toWriterSummary(row, links))
  })
  const authorIdsOf = preparedOnFirstUse(() => db.select({ authorId: articleAuthors.authorId }).from(articleAuthors)
    .where(eq(articleAuthors.articleId, sql.placeholder('id')))
    .prepare())
  const outbox = createEventsRepository(db)
  // How the article stood at a version, from its revision: what the event of the next write is measured against.
  const visibilityAt = preparedOnFirstUse(() => db.select({
    status: sql<ArticleStatus>`json_extract(${articleRevisions.snapshot}, '$.status')`,
    embargoedUntil: sql<string | null>`json_extract(${articleRevisions.snapshot}, '$.embargoedUntil')`
  }).from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, sql.placeholder('id')), eq(articleRevisions.number, sql.placeholder('number'))))
    .prepare())

  const publishedToRefresh = preparedOnFirstUse(() => db.select(refreshColumns).from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
    .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
    .where(and(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`, isPublished(articles)))
    .prepare())
  const publishedToRenderBySlug = preparedOnFirstUse(() => db.select(staleReadColumns).from(articles).innerJoin(sections, eq(sections.id, articles.sectionId))
    .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
    .where(and(eq(articles.slug, sql.placeholder('slug')), isPublished(articles)))
    .prepare())
  const bodySources = preparedOnFirstUse(() => db.select({ id: articles.id, body: articles.body, bodyHtml: articles.bodyHtml, bodyText: articles.bodyText, withdrawnAt: articles.withdrawnAt })
    .from(articles).where(sql`${articles.id} in (select value from json_each(${sql.placeholder('ids')}))`)
    .prepare())
  const queuedRepresentations = preparedOnFirstUse(() => db.select({ id: articleRepresentationQueue.articleId }).from(articleRepresentationQueue)
    .orderBy(articleRepresentationQueue.articleId).limit(sql.placeholder('limit')).prepare())
  // Two ranges of the index, as "not equal" would read every entry.
  const foreignRepresentations = preparedOnFirstUse(() => db.select({ id: articleRepresentations.articleId }).from(articleRepresentations)
    .where(or(lt(articleRepresentations.renderedWith, sql.placeholder('renderedWith')), gt(articleRepresentations.renderedWith, sql.placeholder('renderedWith'))))
    .limit(sql.placeholder('limit')).prepare())
  // One statement per choice of forms, one for the validators alone and one per coding, prepared when first asked for.
  const storedBySlug = new Map<string, ReturnType<typeof prepareStoredBySlug>>()
  function prepareStoredBySlug (formats: readonly BodyFormat[] | null, coding: ContentCoding | null) {
    const columns = storedColumns<AnySQLiteColumn>(articleRepresentations, articleRepresentationBodies, articleRepresentationQueue.articleId, formats)
    if (coding !== null) columns.encoded = articleRepresentationEncodings[coding]
    const query = db.select(columns).from(articles)
      .leftJoin(articleRepresentations, eq(articleRepresentations.articleId, articles.id))
      .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, articles.id))
      .leftJoin(articleRepresentationQueue, eq(articleRepresentationQueue.articleId, articles.id))
      .$dynamic()
    // The coding only while it was made of the representation stored now.
    return (coding === null ? query : query.leftJoin(articleRepresentationEncodings, and(eq(articleRepresentationEncodings.articleId, articles.id), eq(articleRepresentationEncodings.etag, articleRepresentations.etag))))
      .where(and(eq(articles.slug, sql.placeholder('slug')), isPublished(articles)))
      .prepare()
  }
  // The queue's first rows, then their parts, as on PostgreSQL (articles.repository.pg.ts says why).
  const claimedEncodings = db.$with('claimed').as(db.select({ articleId: articleEncodingQueue.articleId }).from(articleEncodingQueue)
    .orderBy(articleEncodingQueue.articleId).limit(sql.placeholder('limit')))
  const pendingEncodings = preparedOnFirstUse(() => db.with(claimedEncodings).select(pendingEncodingColumns<AnySQLiteColumn>(articleRepresentations, articleRepresentationBodies))
    .from(claimedEncodings)
    .innerJoin(articleRepresentations, eq(articleRepresentations.articleId, claimedEncodings.articleId))
    .leftJoin(articleRepresentationBodies, eq(articleRepresentationBodies.articleId, claimedEncodings.articleId))
    .prepare())
  const upsertEncoding = preparedOnFirstUse(() => db.insert(articleRepresentationEncodings).values(placeholdersOf(articleRepresentationEncodings))
    .onConflictDoUpdate({ target: articleRepresentationEncodings.articleId, set: insertedValues(articleRepresentationEncodings) }).prepare())
  const dropEncoding = preparedOnFirstUse(() => db.delete(articleRepresentationEncodings).where(eq(articleRepresentationEncodings.articleId, sql.placeholder('articleId'))).prepare())
  const unqueueEncoded = preparedOnFirstUse(() => db.delete(articleEncodingQueue)
    .where(and(eq(articleEncodingQueue.articleId, sql.placeholder('articleId')), exists(db.select({ id: articleRepresentations.articleId }).from(articleRepresentations)
      .where(and(eq(articleRepresentations.articleId, articleEncodingQueue.articleId), eq(articleRepresentations.etag, sql.placeholder('etag')))))))
    .prepare())

  // One row per run of a prepared statement: building a batch's multi-row SQL cost more than running it.
  const upsertRepresentation = preparedOnFirstUse(() => db.insert(articleRepresentations).values(placeholdersOf(articleRepresentations))
    .onConflictDoUpdate({
      target: articleRepresentations.articleId,
      set: refreshedRepresentation(articleRepresentations, (replaced) => sql`max(excluded.last_modified, strftime('%Y-%m-%dT%H:%M:%S.000Z', ${replaced}, '+1 second'))`)
    }).prepare())
  const upsertBody = preparedOnFirstUse(() => db.insert(articleRepresentationBodies).values(placeholdersOf(articleRepresentationBodies))
    .onConflictDoUpdate({ target: articleRepresentationBodies.articleId, set: refreshedBody(articleRepresentationBodies) }).prepare())

  /**
   * Renders and stores the representations of the articles given, or drops those of ones no longer published, and
   * unqueues those taken from the queue: a queue entry made by a write this unit of work did not see stays. With
   * reuseBodies, a stored body that still stands is kept, and not read (see bodiesToRender).
   */
  function storeRepresentations (ids: number[], unqueued: number[], at: string, reuseBodies: boolean): void {
    if (ids.length === 0) return
    const rows = publishedToRefresh.all({ ids: JSON.stringify(ids) }) as RefreshRow[]
    if (rows.length > 0) {
      const unrendered = bodiesToRender(rows, links, reuseBodies)
      const sources = unrendered.length === 0 ? [] : bodySources.all({ ids: JSON.stringify(unrendered) }) as BodySourceRow[]
      const { representations, bodies } = representationsOf(rows, sources, links, at)
      for (const body of bodies) upsertBody.run(body)
      for (const representation of representations) upsertRepresentation.run(representation)
    }
    const published = new Set(rows.map((row) => row.id))
    const unpublished = ids.filter((id) => !published.has(id))
    if (unpublished.length > 0) {
      db.delete(articleRepresentations).where(inArray(articleRepresentations.articleId, unpublished)).run()
      db.delete(articleRepresentationBodies).where(inArray(articleRepresentationBodies.articleId, unpublished)).run()
    }
    if (unqueued.length > 0) db.delete(articleRepresentationQueue).where(inArray(articleRepresentationQueue.articleId, unqueued)).run()
  }

  function writeLinks (articleId: number, record: Pick<ArticleRecord, 'authorIds' | 'tagIds'>) {
    db.delete(articleAuthors).where(eq(articleAuthors.articleId, articleId)).run()
    db.delete(articleTags).where(eq(articleTags.articleId, articleId)).run()
    if (record.authorIds.length > 0) {
      db.insert(articleAuthors).values(record.authorIds.map((authorId, position) => ({ articleId, authorId, position }))).run()
    }
    if (record.tagIds.length > 0) {
      db.insert(articleTags).values(record.tagIds.map((tagId, position) => ({ articleId, tagId, position }))).run()
    }
  }

  /** Stores the article as it is now, links included, as the revision numbered by its version. */
  function storeRevision (articleId: number, tokenId: number | null, at: string): typeof articles.$inferSelect {
    const row = db.select().from(articles).where(eq(articles.id, articleId)).get()
    if (!row) throw new Error(`Article ${articleId} vanished inside its own transaction`)
    const authorIds = db.select({ id: articleAuthors.authorId }).from(articleAuthors)
      .where(eq(articleAuthors.articleId, articleId)).orderBy(articleAuthors.position).all().map((link) => link.id)
    const tagIds = db.select({ id: articleTags.tagId }).from(articleTags)
      .where(eq(articleTags.articleId, articleId)).orderBy(articleTags.position).all().map((link) => link.id)
    db.insert(articleRevisions).values({
      articleId,
      number: row.version,
      snapshot: { ...row, authorIds, tagIds },
      createdAt: at,
      createdBy: tokenId
    }).run()
    return row
  }

  const selectSyndicated = (ids: readonly number[], includeEmbargoed: boolean) => db.select(syndicatedColumns).from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(inArray(articles.id, [...ids]), includeEmbargoed ? isSyndicated(articles) : isPublished(articles)))
    .all() as SyndicatedRow[]
  const freshPublished = async (ids: number[]) => selectSyndicated(ids, false)

  // What the public syndicates is stored; what partners see under embargo never is, and is rendered per read.
  async function findSyndicated (ids: readonly number[], options: { includeEmbargoed: boolean }): Promise<SyndicatedArticle[]> {
    if (ids.length === 0) return []
    if (!options.includeEmbargoed) {
      return inOrderOf(ids, await storedSyndicated(storedSyndicatedByIds.all({ ids: JSON.stringify(ids) }) as StoredSyndicatedRow[], links, freshPublished))
    }
    return inOrderOf(ids, selectSyndicated(ids, true).map((row) => toSyndicated(row, links)))
  }

  /**
   * The one commit point of every article write, called last in its unit of work: bumps the version (the ETag
   * writers send back in If-Match), stamps who and when, and stores the full snapshot as a revision, so no path
   * can change an article without leaving a revision behind. The If-Match check is this conditional UPDATE, so two
   * writers holding the same version cannot both pass. Returns the new version.
   */
  async function commit (articleId: number, tokenId: number | null, expected?: ExpectedVersions, at = new Date().toISOString()): Promise<number> {
    const row = db.update(articles)
      .set({ version: sql`${articles.version} + 1`, updatedAt: at, updatedBy: tokenId })
      .where(and(eq(articles.id, articleId), expected === undefined ? undefined : inArray(articles.version, [...expected])))
      .returning({ version: articles.version })
      .get()
    if (!row && expected !== undefined) {
      throw new PreconditionFailedError('VERSION_MISMATCH', 'The article is no longer at the version sent in If-Match: someone else saved it in between. Fetch it again, reapply your change and send its new ETag.')
    }
    if (!row) throw new Error(`Article ${articleId} vanished inside its own transaction`)
    const stored = storeRevision(articleId, tokenId, at)
    const before = visibilityAt.get({ id: articleId, number: row.version - 1 }) as ArticleVisibility | undefined
    await recordArticleEvent(outbox, before ? { status: before.status, embargoedUntil: before.embargoedUntil ?? null } : null, stored)
    // While a process rendering otherwise holds the claim (articles.refresher.ts), the article waits for its refresher:
    // a rendering stored here would be replaced within a round, and the ETag would move twice.
    if (heldElsewhere(await settings.renderer(), renderedWith(links))) {
      db.insert(articleRepresentationQueue).values({ articleId }).onConflictDoNothing().run()
    } else {
      storeRepresentations([articleId], [articleId], at, false)
    }
    return row.version
  }

  return {
    /** Published articles, newest first, each as its stored summary (see summaryReader). */
    async listPublished (request: ArticleListRequest): Promise<Page<EncodedSummary>> {
      if (!isPlainList(request)) return listing.list(request)
      const { limit } = request
      const after = request.cursor === undefined ? undefined : afterKey(request.cursor, request.sort)
      const rows = (after
        ? nextPublishedPage.all({ limit: limit + 1, publishedAt: after.key, id: after.id })
        : firstPublishedPage.all({ limit: limit + 1 })) as Array<StoredSummary & { publishedAt: string }>
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        data: await summaries(page),
        nextCursor: rows.length > limit && last ? encodeCursor([last.publishedAt, last.id], request.sort) : null
      }
    },

    /**
     * The page listPublished gives, each item a public article's item in one feed format, as stored with its
     * representation (or rendered now, for an article queued). Two reads (the page's keys, then its items).
     */
    async listFeedItems (request: ArticleListRequest, format: FeedFormat): Promise<Page<FeedItem>> {
      return listing.listWith(request, {
        byIds: async (ids: number[]) => storedFeedItems(storedItems[format].all({ ids: JSON.stringify(ids) }) as StoredItemRow[], format, links, freshPublic)
      })
    },

    /** How many public articles the list has over all its pages. */
    async countPublished (request: ArticleListRequest): Promise<number> {
      return listing.count(request)
    },

    /** Articles of every status, for the editors' list. */
    async listForEditors (request: EditorListRequest): Promise<Page<WriterArticleSummary>> {
      return editorListing.list(request)
    },

    async countForEditors (request: EditorListRequest): Promise<number> {
      return editorListing.count(request)
    },

    /** Other public articles for the foot of an article page, as lists give them; null when the article is not public. */
    async listRelated (slug: string, limit: number): Promise<EncodedSummary[] | null> {
      return neighbours.related(slug, limit)
    },

    /** The slug a published article has now, when this is one it had before; null otherwise. */
    async findCurrentSlug (oldSlug: string): Promise<string | null> {
      return neighbours.currentSlug(oldSlug)
    },

    /**
     * The stored representation of the published article at this slug, with the forms asked for, or the validators
     * alone (null); null when no published article has the slug now.
     */
    async findStoredBySlug (slug: string, formats: readonly BodyFormat[] | null, coding: ContentCoding | null = null): Promise<StoredArticle | null> {
      const key = storedStatementKey(formats, coding)
      let statement = storedBySlug.get(key)
      if (statement === undefined) {
        statement = prepareStoredBySlug(formats, coding)
        storedBySlug.set(key, statement)
      }
      const row = statement.get({ slug }) as StoredRow | undefined
      return row ? storedArticleOf(row, links) : null
    },

    /**
     * Up to `limit` stored representations queued for their encodings, with what they send by default. On SQLite the
     * unit of work holds the database; on PostgreSQL it holds the queue rows it took, and other instances take others.
     */
    async pendingEncodings (limit: number): Promise<PendingEncoding[]> {
      return pendingEncodings.all({ limit }) as PendingEncoding[]
    },

    /** Stores encodings made of queued representations, and unqueues each whose representation is still the one encoded. */
    async storeEncodings (encoded: EncodedRepresentation[]): Promise<void> {
      for (const { articleId, etag, codings } of encoded) {
        if (codings === null) dropEncoding.run({ articleId })
        else upsertEncoding.run({ articleId, etag, ...codings })
        unqueueEncoded.run({ articleId, etag })
      }
    },

    /**
     * Renders and stores, in this unit of work, up to `limit` representations that are stale: queued, or rendered
     * under other settings or code (another version, before an upgrade or a change of SITE_URL); returns how many it
     * stored. On SQLite the unit of work holds the whole database, so nothing changes them meanwhile. Rendering those
     * again moves the content clocks, as no write did: lists, feeds and their dates show them too.
     */
    async refreshStaleRepresentations (limit: number, at = new Date().toISOString()): Promise<number> {
      const queued = queuedRepresentations.all({ limit }).map((row) => row.id)
      const foreign = queued.length < limit ? foreignRepresentations.all({ renderedWith: renderedWith(links), limit: limit - queued.length }).map((row) => row.id) : []
      const ids = [...new Set([...queued, ...foreign])]
      storeRepresentations(ids, queued, at, true)
      if (foreign.length > 0) await settings.markContentChanged()
      return ids.length
    },

    async findPublishedBySlug (slug: string): Promise<Article | null> {
      const row = publishedBySlug.get({ slug }) as FullRow | undefined
      return row ? toArticle(row, links) : null
    },

    /** The published article's representation rendered now, as the refresher would store it (see renderedNow). */
    async renderPublishedBySlug (slug: string): Promise<RenderedArticle | null> {
      const row = publishedToRenderBySlug.get({ slug }) as StaleReadRow | undefined
      return row ? renderedNow(row, links) : null
    },

    /**
     * Full articles by id, in the order asked, for bulk syndication: the published ones the public sees, and with
     * includeEmbargoed those under embargo too (for partners). Others are left out; withdrawn ones come withheld.
     */
    findSyndicated,

    /** One article as findSyndicated gives it, by its current slug. */
    async findSyndicatedBySlug (slug: string, options: { includeEmbargoed: boolean }): Promise<SyndicatedArticle | null> {
      if (!options.includeEmbargoed) {
        const [article] = await storedSyndicated(storedSyndicatedBySlug.all({ slug }) as StoredSyndicatedRow[], links, freshPublished)
        return article ?? null
      }
      const row = bySlugForPartners.get({ slug }) as SyndicatedRow | undefined
      return row ? toSyndicated(row, links) : null
    },

    /** A page of the syndication list: full articles, withdrawn ones withheld, embargoed ones only when asked. */
    async listSyndicated (request: SyndicatedListRequest): Promise<Page<SyndicatedArticle>> {
      return syndicatedPage(request, syndication.keys(request), (ids) => findSyndicated(ids, request))
    },

    /** Any article as its writers see it, whatever its status. */
    async findById (id: number): Promise<WriterArticle | null> {
      const row = byId.get({ id }) as WriterRow | undefined
      return row ? toWriterArticle(row, links) : null
    },

    /** The generation every valid preview link to the article names; null when there is no such article. */
    async previewGeneration (id: number): Promise<number | null> {
      return db.select({ generation: articles.previewGeneration }).from(articles).where(eq(articles.id, id)).get()?.generation ?? null
    },

    /**
     * Whether every version of the article after `version` credits the author: a writer's preview link stands only
     * while its minter has stayed on the byline, so one taken off and credited again does not get old links back.
     */
    async creditedSince (id: number, version: number, authorId: number): Promise<boolean> {
      const dropped = db.select({ number: articleRevisions.number }).from(articleRevisions)
        .where(and(eq(articleRevisions.articleId, id), sql`${articleRevisions.number} > ${version}`,
          sql`not exists (select 1 from json_each(${articleRevisions.snapshot}, '$.authorIds') where value = ${authorId})`))
        .limit(1).get()
      return dropped === undefined
    },

    /** Revokes every preview link minted for the article so far; false when there is no such article. */
    async revokePreviews (id: number): Promise<boolean> {
      return db.update(articles).set({ previewGeneration: sql`${articles.previewGeneration} + 1` }).where(eq(articles.id, id)).run().changes === 1
    },

    async authorIdsOf (id: number): Promise<number[]> {
      return authorIdsOf.all({ id }).map((row) => row.authorId)
    },

    async isSlugTaken (slug: string, exceptId?: number): Promise<boolean> {
      const where = exceptId === undefined ? eq(articles.slug, slug) : and(eq(articles.slug, slug), ne(articles.id, exceptId))
      return db.select({ id: articles.id }).from(articles).where(where).get() !== undefined
    },

    /** Holds the article for this unit of work's writes; on SQLite, BEGIN IMMEDIATE already holds the whole database. */
    async lock (_id: number): Promise<void> {},

    /** Writes a new article as revision 1, credited to the token that wrote it. */
    async insert (record: ArticleRecord, tokenId: number | null): Promise<number> {
      const { id } = db.insert(articles)
        .values({ ...columnsOf(record), version: 0, createdBy: tokenId })
        .returning({ id: articles.id })
        .get()
      writeLinks(id, record)
      await commit(id, tokenId)
      return id
    },

    async update (id: number, record: ArticleRecord, tokenId: number | null, expected?: ExpectedVersions): Promise<void> {
      db.update(articles).set(columnsOf(record)).where(eq(articles.id, id)).run()
      writeLinks(id, record)
      await commit(id, tokenId, expected)
    },

    /** Records a change made elsewhere (a correction, a withdrawal) as a new version and revision of the article. */
    async commit (id: number, tokenId: number | null, expected?: ExpectedVersions): Promise<number> {
      return commit(id, tokenId, expected)
    },

    async delete (id: number): Promise<boolean> {
      const [deleted] = db.delete(articles).where(eq(articles.id, id)).returning().all()
      if (!deleted) return false
      await recordArticleEvent(outbox, deleted, null, deleted)
      return true
    },

    /** Moves an article on in the workflow, only if it still has the status `from`; false when it did not. */
    async changeStatus (id: number, from: ArticleStatus, schedule: Pick<ArticleRecord, 'status' | 'publishedAt' | 'scheduledAt'>, tokenId: number | null, expected?: ExpectedVersions): Promise<boolean> {
      const changed = db.update(articles).set(schedule).where(and(eq(articles.id, id), eq(articles.status, from))).run().changes
      if (changed === 0) return false
      await commit(id, tokenId, expected)
      return true
    },

    /**
     * Publishes up to `limit` scheduled articles whose time has come, oldest first, and returns them. The UPDATE
     * re-checks the status, so when several processes share the database each article is claimed by exactly one,
     * and only that one stores its revision.
     */
    async publishDue (now: Date, limit: number): Promise<Array<{ id: number, slug: string, publishedAt: string }>> {
      const isDue = and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, now.toISOString()))
      const due = db.select({ id: articles.id }).from(articles).where(isDue).orderBy(articles.scheduledAt, articles.id).limit(limit)
      const claimed = db.update(articles)
        // A republished article keeps its first publication time; a new one is published at its scheduled time.
        .set({ status: 'published', publishedAt: sql`coalesce(${articles.publishedAt}, ${articles.scheduledAt})`, scheduledAt: null })
        .where(and(isDue, inArray(articles.id, due)))
        .returning({ id: articles.id, slug: articles.slug, publishedAt: articles.publishedAt })
        .all() as Array<{ id: number, slug: string, publishedAt: string }>
      for (const { id } of claimed) await commit(id, null)
      return claimed
    },

    /** Lifts up to `limit` embargoes that have passed, oldest first: the public sees those articles from now on. */
    async liftDueEmbargoes (now: Date, limit: number): Promise<Array<{ id: number, slug: string }>> {
      const isDue = lte(articles.embargoedUntil, now.toISOString())
      const due = db.select({ id: articles.id }).from(articles).where(isDue).orderBy(articles.embargoedUntil, articles.id).limit(limit)
      const lifted = db.update(articles).set({
        embargoedUntil: null,
        // The public reads it from the embargo's end: that is its publication, in feeds and the news sitemap too.
        publishedAt: sql`case when ${articles.status} = 'published' then ${articles.embargoedUntil} else ${articles.publishedAt} end`
      })
        .where(and(isDue, inArray(articles.id, due)))
        .returning({ id: articles.id, slug: articles.slug })
        .all()
      for (const { id } of lifted) await commit(id, null)
      return lifted
    },

    /** Stores a demo or imported article as it was at `at`: its one revision and its times are the given ones. */
    async import (record: ArticleRecord & { createdAt: string, updatedAt: string }): Promise<number> {
      const { id } = db.insert(articles).values({ ...columnsOf(record), version: 0 }).returning({ id: articles.id }).get()
      writeLinks(id, record)
      await commit(id, null, undefined, record.updatedAt)
      return id
    }
  }
}

export type ArticlesRepository = ReturnType<typeof createArticlesRepository>
