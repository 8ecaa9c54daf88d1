// Drizzle tables for PostgreSQL: the pg-core twin of schema.ts, with the same exports, property names and row types,
// so repositories written against one type-check against the other. migrations/postgres is generated from this file.
//
// articles.search_vector (tsvector, filled by a trigger, GIN-indexed) is deliberately not declared here: it lives in
// the hand-written migration that also creates its trigger and function (migrations/postgres/0001_articles_search.sql).
// drizzle-kit generate diffs this file against its own snapshots, never against the database, so it does not need the
// column; declaring it would put a PostgreSQL-only field into the row types both engines must share, and make every
// `select()` and `returning()` of an article carry a large value no caller wants. Search queries name it in sql``.
import { sql } from 'drizzle-orm'
import { pgTable, integer, text, boolean, json, index, primaryKey, uniqueIndex, customType, type AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Block, FeaturedImage, AuthorLink } from '../shared/content-types.js'
import { ARTICLE_STATUSES, CORRECTION_KINDS, EVENT_TYPES, REPLY_STATUSES, ROLES, STORED_REPLY_STATUSES, WEBHOOK_DELIVERY_STATUSES } from './schema.js'

export { ARTICLE_STATUSES, CORRECTION_KINDS, EVENT_TYPES, REPLY_STATUSES, ROLES, STORED_REPLY_STATUSES, WEBHOOK_DELIVERY_STATUSES }

/**
 * A real timestamptz (sorts, compares and indexes as time) that the application still sees as the ISO 8601 UTC string
 * SQLite stores, e.g. 2026-03-01T08:00:00.000Z. Millisecond precision, because that is all the string holds: a time
 * in that form (Date#toISOString's, which the service writes) reads back as the same string, so cursors and ETags agree.
 */
const isoTimestamp = customType<{ data: string, driverData: Date | string }>({
  dataType: () => 'timestamp(3) with time zone',
  // node-postgres parses timestamptz into a Date; values read from JSON (relational queries) or by PGlite may be strings.
  // Writes need no mapping: PostgreSQL reads the ISO string, Z included, whatever the session's time zone.
  fromDriver: (value) => typeof value === 'string' ? isoOfPostgresText(value) : value.toISOString()
})

const POSTGRES_TIMESTAMPTZ = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d(?:\.\d+)?)([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/

/**
 * A timestamptz as PostgreSQL writes it, in the session's time zone, to ISO 8601 UTC. Not through Date's parser: it
 * reads the year of 0001-01-01 00:00:00+00 as 2001, and cannot read the offset in seconds a zone had before standard
 * time (1850-01-01 00:19:32+00:19:32 in Europe/Amsterdam).
 */
function isoOfPostgresText (text: string): string {
  const parts = POSTGRES_TIMESTAMPTZ.exec(text)
  if (!parts) throw new Error(`PostgreSQL wrote a timestamptz this service cannot read: ${text}`)
  const [, year, month, day, hours, minutes, seconds, sign, offsetHours, offsetMinutes, offsetSeconds] = parts
  const local = new Date(0)
  local.setUTCFullYear(Number(year), Number(month) - 1, Number(day))
  local.setUTCHours(Number(hours), Number(minutes), 0, Math.round(Number(seconds) * 1000))
  const offset = (Number(offsetHours) * 3600 + Number(offsetMinutes ?? 0) * 60 + Number(offsetSeconds ?? 0)) * 1000
  return new Date(local.getTime() - (sign === '-' ? -offset : offset)).toISOString()
}

/**
 * Text that lists sort and page by (name, id). "C" orders by code point, as SQLite's BINARY collation does, whatever
 * the server's default collation (often a linguistic one such as en_US): both engines return lists in one order, and
 * the btree index still serves the keyset comparison.
 */
const sortKeyText = customType<{ data: string }>({
  dataType: () => 'text collate "C"'
})

const createdAt = () => isoTimestamp('created_at').notNull().default(sql`now()`)
const updatedAt = () => isoTimestamp('updated_at').notNull().default(sql`now()`)
// By default rather than always: a copy from SQLite inserts rows with their ids, then resets the sequences.
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity()

export const sections = pgTable('sections', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: sortKeyText('name').notNull(),
  description: text('description').notNull().default(''),
  parentId: integer('parent_id').references((): AnyPgColumn => sections.id, { onDelete: 'restrict' }),
  position: integer('position').notNull().default(0),
  repliesAutoApprove: boolean('replies_auto_approve').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  index('sections_parent_position_idx').on(table.parentId, table.position)
])

export const authors = pgTable('authors', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: sortKeyText('name').notNull(),
  jobTitle: text('job_title').notNull().default(''),
  bio: text('bio').notNull().default(''),
  avatarUrl: text('avatar_url'),
  // json, not jsonb, here and below: jsonb reorders object keys, and responses must be byte-identical to SQLite's.
  links: json('links').$type<AuthorLink[]>().notNull().default([]),
  email: text('email'),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  index('authors_name_idx').on(table.name)
])

export const tags = pgTable('tags', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: sortKeyText('name').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  index('tags_name_idx').on(table.name)
])

export const articles = pgTable('articles', {
  id: id(),
  slug: text('slug').notNull().unique(),
  headline: text('headline').notNull(),
  subtitle: text('subtitle'),
  excerpt: text('excerpt').notNull().default(''),
  body: json('body').$type<Block[]>().notNull(),
  bodyHtml: text('body_html').notNull(),
  bodyText: text('body_text').notNull(),
  wordCount: integer('word_count').notNull(),
  readingTime: integer('reading_time').notNull(),
  // text with an enum, as in SQLite, rather than a pg enum: adding a status stays a plain migration on both engines.
  status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
  publishedAt: isoTimestamp('published_at'),
  scheduledAt: isoTimestamp('scheduled_at'),
  sectionId: integer('section_id').notNull().references(() => sections.id, { onDelete: 'restrict' }),
  featuredImage: json('featured_image').$type<FeaturedImage>(),
  dateline: text('dateline'),
  language: text('language').notNull().default('en'),
  canonicalUrl: text('canonical_url'),
  featured: boolean('featured').notNull().default(false),
  byline: text('byline'),
  repliesEnabled: boolean('replies_enabled').notNull().default(true),
  withdrawnAt: isoTimestamp('withdrawn_at'),
  withdrawnReason: text('withdrawn_reason'),
  embargoedUntil: isoTimestamp('embargoed_until'),
  version: integer('version').notNull().default(1),
  // Named in every preview link minted for the article: bumping it (withdrawal, unpublishing, on demand) revokes them all.
  previewGeneration: integer('preview_generation').notNull().default(0),
  createdBy: integer('created_by').references((): AnyPgColumn => apiTokens.id, { onDelete: 'set null' }),
  updatedBy: integer('updated_by').references((): AnyPgColumn => apiTokens.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  // Indexes for the same list queries as schema.ts (see the reasons there), but for the two public lists.
  // Partial indexes of the public articles: PostgreSQL walks them in (published_at, id) order for every public list,
  // where the SQLite indexes' leading status and withdrawn_at columns would leave it to scan and sort.
  index('articles_public_published_idx').on(table.publishedAt, table.id).where(sql`${table.status} = 'published' and ${table.withdrawnAt} is null`),
  index('articles_public_section_published_idx').on(table.sectionId, table.publishedAt, table.id).where(sql`${table.status} = 'published' and ${table.withdrawnAt} is null`),
  index('articles_visibility_idx').on(table.id, table.status, table.withdrawnAt, table.publishedAt),
  index('articles_featured_published_idx').on(table.featured, table.status, table.publishedAt, table.id),
  index('articles_status_updated_idx').on(table.status, table.updatedAt, table.id),
  index('articles_scheduled_idx').on(table.status, table.scheduledAt),
  index('articles_embargo_idx').on(table.embargoedUntil).where(sql`${table.embargoedUntil} is not null`)
])

export const articleAuthors = pgTable('article_authors', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  authorId: integer('author_id').notNull().references(() => authors.id, { onDelete: 'restrict' }),
  position: integer('position').notNull()
}, (table) => [
  primaryKey({ columns: [table.articleId, table.authorId] }),
  index('article_authors_author_idx').on(table.authorId, table.articleId)
])

export const articleTags = pgTable('article_tags', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  tagId: integer('tag_id').notNull().references(() => tags.id, { onDelete: 'cascade' }),
  position: integer('position').notNull()
}, (table) => [
  primaryKey({ columns: [table.articleId, table.tagId] }),
  index('article_tags_tag_idx').on(table.tagId, table.articleId)
])

/** Slugs an article had before: they answer 301 to the current one. */
export const articleSlugHistory = pgTable('article_slug_history', {
  slug: text('slug').primaryKey(),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  createdAt: createdAt()
}, (table) => [
  index('article_slug_history_article_idx').on(table.articleId)
])

/** A full snapshot of an article after each write, numbered from 1 per article. */
export const articleRevisions = pgTable('article_revisions', {
  id: id(),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  number: integer('number').notNull(),
  snapshot: json('snapshot').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  createdBy: integer('created_by').references((): AnyPgColumn => apiTokens.id, { onDelete: 'set null' })
}, (table) => [
  uniqueIndex('article_revisions_article_number_idx').on(table.articleId, table.number)
])

/** Corrections, updates and clarifications appended to a published article, shown to readers in order. */
export const articleCorrections = pgTable('article_corrections', {
  id: id(),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: CORRECTION_KINDS }).notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
  createdBy: integer('created_by').references((): AnyPgColumn => apiTokens.id, { onDelete: 'set null' })
}, (table) => [
  index('article_corrections_article_idx').on(table.articleId, table.createdAt)
])

/** As in SQLite (schema.ts): the stored public representation of a published article, without its body. */
export const articleRepresentations = pgTable('article_representations', {
  articleId: integer('article_id').primaryKey().references(() => articles.id, { onDelete: 'cascade' }),
  renderedWith: text('rendered_with').notNull(),
  etag: text('etag').notNull(),
  lastModified: isoTimestamp('last_modified').notNull(),
  surrogateKeys: text('surrogate_keys').notNull(),
  summary: text('summary').notNull(),
  head: text('head').notNull(),
  rssBefore: text('rss_before').notNull(),
  rssAfter: text('rss_after').notNull(),
  atomBefore: text('atom_before').notNull(),
  atomAfter: text('atom_after').notNull(),
  jsonFeedBefore: text('json_feed_before').notNull(),
  jsonFeedAfter: text('json_feed_after').notNull()
}, (table) => [
  index('article_representations_rendered_with_idx').on(table.renderedWith)
])

/**
 * As in SQLite (schema.ts): the body of a stored representation, kept while the article's body is. Apart, PostgreSQL
 * too leaves it unwritten by a rename, where rewriting the row would compress and TOAST every copy of the body again.
 */
export const articleRepresentationBodies = pgTable('article_representation_bodies', {
  articleId: integer('article_id').primaryKey().references(() => articles.id, { onDelete: 'cascade' }),
  renderedWith: text('rendered_with').notNull(),
  digest: text('digest').notNull(),
  bodyHtml: text('body_html').notNull(),
  bodyText: text('body_text').notNull(),
  bodyBlocks: text('body_blocks').notNull(),
  bodyXml: text('body_xml').notNull()
})

// pg hands bytea over as a Buffer already.
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' })

/** As in SQLite (schema.ts): the default representation compressed in each coding, sent while its ETag is the representation's. */
export const articleRepresentationEncodings = pgTable('article_representation_encodings', {
  articleId: integer('article_id').primaryKey().references(() => articleRepresentations.articleId, { onDelete: 'cascade' }),
  etag: text('etag').notNull(),
  br: bytea('br').notNull(),
  gzip: bytea('gzip').notNull()
})

/** As in SQLite (schema.ts): stored representations to compress, filled by triggers. */
export const articleEncodingQueue = pgTable('article_encoding_queue', {
  articleId: integer('article_id').primaryKey().references(() => articleRepresentations.articleId, { onDelete: 'cascade' })
})

/** As in SQLite (schema.ts): articles whose stored representation may be out of date, filled by triggers. */
export const articleRepresentationQueue = pgTable('article_representation_queue', {
  articleId: integer('article_id').primaryKey().references(() => articles.id, { onDelete: 'cascade' }),
  generation: integer('generation').notNull().default(0)
})

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  secretHash: text('secret_hash').notNull(),
  authorId: integer('author_id').references(() => authors.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: isoTimestamp('last_used_at'),
  revokedAt: isoTimestamp('revoked_at')
}, (table) => [
  uniqueIndex('api_tokens_secret_hash_idx').on(table.secretHash)
])

export const replies = pgTable('replies', {
  id: id(),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  parentId: integer('parent_id').references((): AnyPgColumn => replies.id, { onDelete: 'set null' }),
  authorName: text('author_name').notNull(),
  authorEmail: text('author_email').notNull(),
  body: text('body').notNull(),
  status: text('status', { enum: STORED_REPLY_STATUSES }).notNull().default('pending'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  ipHash: text('ip_hash'),
  moderatedAt: isoTimestamp('moderated_at'),
  moderatedBy: integer('moderated_by').references(() => apiTokens.id, { onDelete: 'set null' })
}, (table) => [
  index('replies_article_status_created_idx').on(table.articleId, table.status, table.createdAt, table.id),
  index('replies_status_created_idx').on(table.status, table.createdAt, table.id),
  index('replies_parent_idx').on(table.parentId),
  index('replies_article_email_created_idx').on(table.articleId, table.authorEmail, table.createdAt)
])

/** Values the service makes once and every process shares; the content clocks (content_changed_at, syndicated_content_changed_at) are kept by triggers. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/** The outbox, as in SQLite (schema.ts). Commit order: writers take a transaction lock before they add an event. */
export const events = pgTable('events', {
  id: id(),
  type: text('type', { enum: EVENT_TYPES }).notNull(),
  articleId: integer('article_id').notNull(),
  slug: text('slug').notNull(),
  replyId: integer('reply_id'),
  embargoedUntil: isoTimestamp('embargoed_until'),
  data: json('data').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt()
}, (table) => [
  index('events_article_idx').on(table.articleId, table.id)
])

export const webhooks = pgTable('webhooks', {
  id: id(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  eventTypes: json('event_types').$type<Array<typeof EVENT_TYPES[number]>>().notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt()
})

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: id(),
  webhookId: integer('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
  eventId: integer('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  articleId: integer('article_id').notNull(),
  status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: isoTimestamp('next_attempt_at').notNull().default(sql`now()`),
  lockedUntil: isoTimestamp('locked_until'),
  lastAttemptAt: isoTimestamp('last_attempt_at'),
  lastResponseStatus: integer('last_response_status'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  uniqueIndex('webhook_deliveries_webhook_event_idx').on(table.webhookId, table.eventId),
  index('webhook_deliveries_due_idx').on(table.status, table.nextAttemptAt),
  index('webhook_deliveries_webhook_article_idx').on(table.webhookId, table.articleId, table.id)
])

export const webhookAttempts = pgTable('webhook_attempts', {
  id: id(),
  deliveryId: integer('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
  attemptedAt: isoTimestamp('attempted_at').notNull(),
  durationMs: integer('duration_ms').notNull(),
  responseStatus: integer('response_status'),
  error: text('error')
}, (table) => [
  index('webhook_attempts_delivery_idx').on(table.deliveryId, table.id)
])
