// Drizzle tables: the one description of the database that migrations are generated from.
import { sql } from 'drizzle-orm'
import { sqliteTable, integer, text, blob, index, primaryKey, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { Block, FeaturedImage, AuthorLink } from '../shared/content-types.js'

// Times are ISO 8601 UTC strings: they sort correctly as text and read well in a SQL shell.
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
const createdAt = () => text('created_at').notNull().default(now)
const updatedAt = () => text('updated_at').notNull().default(now)

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const
export const REPLY_STATUSES = ['pending', 'approved', 'spam', 'rejected'] as const
// Never set through the API: a deleted reply that others answered stays as an emptied row, so its answers keep their place in the thread.
export const STORED_REPLY_STATUSES = [...REPLY_STATUSES, 'removed'] as const
export const CORRECTION_KINDS = ['correction', 'update', 'clarification'] as const
export const ROLES = ['partner', 'contributor', 'author', 'editor', 'admin'] as const
export const EVENT_TYPES = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted', 'reply.created', 'reply.approved'] as const
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const

export const sections = sqliteTable('sections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  parentId: integer('parent_id').references((): AnySQLiteColumn => sections.id, { onDelete: 'restrict' }),
  position: integer('position').notNull().default(0),
  // Replies to articles in this section skip the moderation queue (a newsroom's trusted corners).
  repliesAutoApprove: integer('replies_auto_approve', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  index('sections_parent_position_idx').on(table.parentId, table.position)
])

export const authors = sqliteTable('authors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  jobTitle: text('job_title').notNull().default(''),
  bio: text('bio').notNull().default(''),
  avatarUrl: text('avatar_url'),
  links: text('links', { mode: 'json' }).$type<AuthorLink[]>().notNull().default(sql`'[]'`),
  email: text('email'),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  index('authors_name_idx').on(table.name)
])

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  index('tags_name_idx').on(table.name)
])

export const articles = sqliteTable('articles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  headline: text('headline').notNull(),
  subtitle: text('subtitle'),
  excerpt: text('excerpt').notNull().default(''),
  wordCount: integer('word_count').notNull(),
  readingTime: integer('reading_time').notNull(),
  status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
  publishedAt: text('published_at'),
  scheduledAt: text('scheduled_at'),
  sectionId: integer('section_id').notNull().references(() => sections.id, { onDelete: 'restrict' }),
  featuredImage: text('featured_image', { mode: 'json' }).$type<FeaturedImage>(),
  dateline: text('dateline'),
  language: text('language').notNull().default('en'),
  canonicalUrl: text('canonical_url'),
  featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
  // Shown instead of the author names when set: "By our correspondent in Bamako".
  byline: text('byline'),
  repliesEnabled: integer('replies_enabled', { mode: 'boolean' }).notNull().default(true),
  // A withdrawn (retracted) article keeps its URL and notice but loses its body, lists and search.
  withdrawnAt: text('withdrawn_at'),
  withdrawnReason: text('withdrawn_reason'),
  // Published to partners with a syndication token, hidden from the public until the scheduler lifts it at this time.
  embargoedUntil: text('embargoed_until'),
  // Bumped by every write: the ETag writers send back in If-Match.
  version: integer('version').notNull().default(1),
  // Named in every preview link minted for the article: bumping it (withdrawal, unpublishing, on demand) revokes them all.
  previewGeneration: integer('preview_generation').notNull().default(0),
  createdBy: integer('created_by').references((): AnySQLiteColumn => apiTokens.id, { onDelete: 'set null' }),
  updatedBy: integer('updated_by').references((): AnySQLiteColumn => apiTokens.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  // Last, as the table stores them since migration 0013: a row of some 12 KB spills into overflow pages, and SQLite
  // reaches a column by walking the row from its start, so every column stored after the bodies cost a read of two
  // or three overflow pages, even where only the status and dates were wanted (a list, a refresh, a lookup).
  // PostgreSQL keeps large values out of the row, and its table keeps the order it was created with.
  body: text('body', { mode: 'json' }).$type<Block[]>().notNull(),
  // Derived from body when the article is written, so reads never render.
  bodyHtml: text('body_html').notNull(),
  bodyText: text('body_text').notNull()
}, (table) => [
  // The public list: published articles, newest first, with id as the tie-breaker of the keyset.
  // withdrawn_at sits before the sort keys: every public read asks for it IS NULL and then walks in order.
  index('articles_status_published_idx').on(table.status, table.withdrawnAt, table.publishedAt, table.id),
  index('articles_section_published_idx').on(table.sectionId, table.status, table.withdrawnAt, table.publishedAt, table.id),
  // Covers "is this linked article public?" for joins from authors and tags without reading the large rows.
  index('articles_visibility_idx').on(table.id, table.status, table.withdrawnAt, table.publishedAt),
  index('articles_featured_published_idx').on(table.featured, table.status, table.publishedAt, table.id),
  index('articles_status_updated_idx').on(table.status, table.updatedAt, table.id),
  index('articles_scheduled_idx').on(table.status, table.scheduledAt),
  index('articles_embargo_idx').on(table.embargoedUntil)
])

export const articleAuthors = sqliteTable('article_authors', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  // An author with articles cannot be deleted: the API answers 409 before SQLite has to refuse.
  authorId: integer('author_id').notNull().references(() => authors.id, { onDelete: 'restrict' }),
  position: integer('position').notNull()
}, (table) => [
  primaryKey({ columns: [table.articleId, table.authorId] }),
  index('article_authors_author_idx').on(table.authorId, table.articleId)
])

export const articleTags = sqliteTable('article_tags', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  // Deleting a tag untags its articles, as in Ghost and WordPress.
  tagId: integer('tag_id').notNull().references(() => tags.id, { onDelete: 'cascade' }),
  position: integer('position').notNull()
}, (table) => [
  primaryKey({ columns: [table.articleId, table.tagId] }),
  index('article_tags_tag_idx').on(table.tagId, table.articleId)
])

/** Slugs an article had before: they answer 301 to the current one. */
export const articleSlugHistory = sqliteTable('article_slug_history', {
  slug: text('slug').primaryKey(),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  createdAt: createdAt()
}, (table) => [
  index('article_slug_history_article_idx').on(table.articleId)
])

/** A full snapshot of an article after each write, numbered from 1 per article. */
export const articleRevisions = sqliteTable('article_revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  number: integer('number').notNull(),
  snapshot: text('snapshot', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
  createdBy: integer('created_by').references((): AnySQLiteColumn => apiTokens.id, { onDelete: 'set null' })
}, (table) => [
  uniqueIndex('article_revisions_article_number_idx').on(table.articleId, table.number)
])

/** Corrections, updates and clarifications appended to a published article, shown to readers in order. */
export const articleCorrections = sqliteTable('article_corrections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: CORRECTION_KINDS }).notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
  createdBy: integer('created_by').references((): AnySQLiteColumn => apiTokens.id, { onDelete: 'set null' })
}, (table) => [
  index('article_corrections_article_idx').on(table.articleId, table.createdAt)
])

/**
 * The public representation of a published article, rendered when it or anything it shows changes, never per request:
 * an article read is one indexed lookup and a send, and a revalidation compares the ETag without touching the body.
 * Small columns first: SQLite reads a row's columns in order, so the 304 and list reads stop before the feed items.
 * The body is not here but in article_representation_bodies: a rename changes what this row holds and never the body,
 * and SQLite writes a row whole, so a row without the body's copies costs a rename a quarter of the writing.
 */
export const articleRepresentations = sqliteTable('article_representations', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  // The rendering code and web addresses it was made with: another instance's (a rolling deploy) is not trusted.
  renderedWith: text('rendered_with').notNull(),
  etag: text('etag').notNull(),
  // When the representation last changed: an edit that leaves it as it was leaves this too.
  lastModified: text('last_modified').notNull(),
  surrogateKeys: text('surrogate_keys').notNull(),
  summary: text('summary').notNull(),
  head: text('head').notNull(),
  // The article's item in each feed, as XML or JSON, cut where its body goes: a feed splices the stored body in between.
  rssBefore: text('rss_before').notNull(),
  rssAfter: text('rss_after').notNull(),
  atomBefore: text('atom_before').notNull(),
  atomAfter: text('atom_after').notNull(),
  jsonFeedBefore: text('json_feed_before').notNull(),
  jsonFeedAfter: text('json_feed_after').notNull()
}, (table) => [
  // Declared on the table so that the row type requires the article id, as PostgreSQL's does: drizzle gives a SQLite
  // integer primary key column a default (the next rowid). The table SQLite makes is the same.
  primaryKey({ columns: [table.articleId] }),
  // The refresher finds what was rendered under other settings or code without reading the rows.
  index('article_representations_rendered_with_idx').on(table.renderedWith)
])

/**
 * The body of a stored representation, in every form a read splices: kept while the article's body is, so a rename
 * renders and writes the rest alone. A trigger (migration 0011) drops it when the article's body or its withdrawal
 * changes, in the statement that queues the article, so no stored body outlives its source.
 */
export const articleRepresentationBodies = sqliteTable('article_representation_bodies', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  renderedWith: text('rendered_with').notNull(),
  // Names the body forms below: the article's ETag hashes its head with this instead of the whole body again.
  digest: text('digest').notNull(),
  // Each form JSON-encoded, ready to be spliced into the head (and into a JSON Feed item).
  bodyHtml: text('body_html').notNull(),
  bodyText: text('body_text').notNull(),
  bodyBlocks: text('body_blocks').notNull(),
  // The HTML escaped as XML text: the content of an RSS item and of an Atom entry.
  bodyXml: text('body_xml').notNull()
}, (table) => [
  primaryKey({ columns: [table.articleId] })
])

/**
 * A stored representation as it is sent by default (the head with bodyHtml), compressed in each coding the service
 * offers, so that a client that accepts one (every browser and CDN) is sent stored bytes instead of having the article
 * compressed for its request, which cost more than the rest of the read. A read sends a coding only while its ETag is
 * the representation's: one made of an older representation is never sent, and waits to be replaced.
 */
export const articleRepresentationEncodings = sqliteTable('article_representation_encodings', {
  articleId: integer('article_id').notNull().references(() => articleRepresentations.articleId, { onDelete: 'cascade' }),
  etag: text('etag').notNull(),
  br: blob('br', { mode: 'buffer' }).notNull(),
  gzip: blob('gzip', { mode: 'buffer' }).notNull()
}, (table) => [
  primaryKey({ columns: [table.articleId] })
])

/**
 * Stored representations to compress: triggers (migration 0014) add one whenever it is stored under another ETag, and
 * the refresher compresses them in the background. A queue rather than a mark on the encodings, so that a rename, which
 * stores thousands of representations again, writes a small row for each instead of freeing its old encodings' pages.
 */
export const articleEncodingQueue = sqliteTable('article_encoding_queue', {
  articleId: integer('article_id').notNull().references(() => articleRepresentations.articleId, { onDelete: 'cascade' })
}, (table) => [
  primaryKey({ columns: [table.articleId] })
])

/**
 * Articles whose stored representation may be out of date: the database's triggers add them when anything a
 * representation shows changes (the article, its links, corrections and approved replies, the names of its section,
 * authors and tags), so no write can forget. Every article write refreshes its own at once; a rename's are refreshed
 * by the background refresher. A read finding its article here renders it afresh. generation counts the marks: a
 * refresher that rendered an older one leaves the row for the next round.
 */
export const articleRepresentationQueue = sqliteTable('article_representation_queue', {
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  generation: integer('generation').notNull().default(0)
}, (table) => [
  primaryKey({ columns: [table.articleId] })
])

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  // SHA-256 of the secret: tokens carry 256 random bits, so a slow hash would add nothing but latency.
  secretHash: text('secret_hash').notNull(),
  authorId: integer('author_id').references(() => authors.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: text('last_used_at'),
  revokedAt: text('revoked_at')
}, (table) => [
  uniqueIndex('api_tokens_secret_hash_idx').on(table.secretHash)
])

export const replies = sqliteTable('replies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  articleId: integer('article_id').notNull().references(() => articles.id, { onDelete: 'cascade' }),
  // A deleted parent keeps its children: they stay in the thread under a placeholder.
  parentId: integer('parent_id').references((): AnySQLiteColumn => replies.id, { onDelete: 'set null' }),
  authorName: text('author_name').notNull(),
  authorEmail: text('author_email').notNull(),
  body: text('body').notNull(),
  status: text('status', { enum: STORED_REPLY_STATUSES }).notNull().default('pending'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  // A keyed hash of the sender's address, for rate limits and abuse reports; the address itself is never stored.
  ipHash: text('ip_hash'),
  moderatedAt: text('moderated_at'),
  moderatedBy: integer('moderated_by').references(() => apiTokens.id, { onDelete: 'set null' })
}, (table) => [
  index('replies_article_status_created_idx').on(table.articleId, table.status, table.createdAt, table.id),
  index('replies_status_created_idx').on(table.status, table.createdAt, table.id),
  index('replies_parent_idx').on(table.parentId),
  index('replies_article_email_created_idx').on(table.articleId, table.authorEmail, table.createdAt)
])

/** Values the service makes once and every process shares, such as the key that signs preview links. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull()
})

/**
 * The outbox: one row per change to public content, written in the unit of work that made the change, in commit order.
 * The change feed reads the article events; webhook deliveries are made from every event in the same unit of work.
 * No foreign key to the article: a deleted article's events stay, as the tombstones mirrors need.
 */
export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  type: text('type', { enum: EVENT_TYPES }).notNull(),
  articleId: integer('article_id').notNull(),
  slug: text('slug').notNull(),
  replyId: integer('reply_id'),
  // Set while the article was under embargo: partners see the event, the public change feed skips it.
  embargoedUntil: text('embargoed_until'),
  // What a webhook receiver is sent as data, as it was at the time of the change.
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt()
}, (table) => [
  index('events_article_idx').on(table.articleId, table.id)
])

/** Endpoints an admin registered to be told of events, signed the Standard Webhooks way with their secret. */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  eventTypes: text('event_types', { mode: 'json' }).$type<Array<typeof EVENT_TYPES[number]>>().notNull(),
  secret: text('secret').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt()
})

/** One event for one endpoint: retried with backoff until the endpoint answers 2xx or the attempts run out. */
export const webhookDeliveries = sqliteTable('webhook_deliveries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  webhookId: integer('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
  eventId: integer('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
  // Copied from the event, so deliveries about one article go out in order without a join.
  articleId: integer('article_id').notNull(),
  status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: text('next_attempt_at').notNull().default(now),
  // A worker that claims a delivery holds it until this time; one that dies mid-delivery lets it go when it passes.
  lockedUntil: text('locked_until'),
  lastAttemptAt: text('last_attempt_at'),
  lastResponseStatus: integer('last_response_status'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  updatedAt: updatedAt()
}, (table) => [
  uniqueIndex('webhook_deliveries_webhook_event_idx').on(table.webhookId, table.eventId),
  index('webhook_deliveries_due_idx').on(table.status, table.nextAttemptAt),
  index('webhook_deliveries_webhook_article_idx').on(table.webhookId, table.articleId, table.id)
])

/** Every attempt at a delivery, for the delivery log. */
export const webhookAttempts = sqliteTable('webhook_attempts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deliveryId: integer('delivery_id').notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
  attemptedAt: text('attempted_at').notNull(),
  durationMs: integer('duration_ms').notNull(),
  responseStatus: integer('response_status'),
  error: text('error')
}, (table) => [
  index('webhook_attempts_delivery_idx').on(table.deliveryId, table.id)
])
