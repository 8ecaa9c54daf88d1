// The API contract of the change feed: what a mirror reads to follow every change to public content.
import { Type, type Static } from 'typebox'
import { ArticleSchema, FLAGSHIP_SLUG } from '../articles/articles.schemas.js'
import { PUBLISHED_ARTICLE_EXAMPLE } from '../articles/articles.examples.js'
import { IdSchema, slugWithExample, TimestampSchema } from '../../shared/http-schemas.js'

export const CHANGE_KINDS = ['published', 'updated', 'unpublished', 'deleted'] as const

export const MAX_CHANGES_LIMIT = 1000
export const DEFAULT_CHANGES_LIMIT = 100

const ChangesTokenSchema = Type.String({
  minLength: 1,
  maxLength: 1000,
  // No example: a token is valid for one audience of one database, and Swagger UI would send it as the first request.
  description: 'The opaque meta.next of the previous page (or of the Link header). Leave it out to read from the first change.'
})

export const ListChangesQuerySchema = Type.Object({
  since: Type.Optional(ChangesTokenSchema),
  limit: Type.Optional(Type.Integer({
    minimum: 1,
    maximum: MAX_CHANGES_LIMIT,
    default: DEFAULT_CHANGES_LIMIT,
    description: `Changes per page, up to ${MAX_CHANGES_LIMIT} for a bulk mirror.`
  }))
}, { additionalProperties: false })

// Approved replies come and go with every moderation decision, which records no change: a count carried here would
// go stale in a mirror, so the feed leaves it out and a page that shows one reads GET /v1/articles/{slug}.
const { replyCount: _replyCount, ...changedArticleProperties } = ArticleSchema.properties
const { replyCount: _replyCountExample, ...CHANGED_ARTICLE_EXAMPLE } = PUBLISHED_ARTICLE_EXAMPLE

export const ChangedArticleSchema = Type.Object(changedArticleProperties, {
  title: 'ChangedArticle',
  description: 'The article as GET /v1/articles/{slug} returns it now, without replyCount.'
})

export const ChangeSchema = Type.Object({
  change: Type.Enum(CHANGE_KINDS, {
    type: 'string',
    description: 'published: the article became visible; updated: something it shows changed (its own fields, or the name of its section, an author or a tag); ' +
      'unpublished: taken down; deleted: gone for good.'
  }),
  at: { ...TimestampSchema, description: 'When the change was made.' },
  id: { ...IdSchema, description: 'The article\'s id: the key a mirror stores it under, as its slug may change.' },
  slug: { ...slugWithExample(FLAGSHIP_SLUG), description: 'The article\'s slug when the change was made.' },
  embargoedUntil: Type.Union([TimestampSchema, Type.Null()], {
    description: 'Partners only: the article is under embargo until this time, not for the public before it. Always null in the public feed.'
  }),
  article: Type.Union([ChangedArticleSchema, Type.Null()], {
    description: 'For published and updated, the article as it is now (not as it was at the change: a later change may already be folded in). ' +
      'null is a tombstone: always for unpublished and deleted, and for a published or updated article that is no longer visible, ' +
      'which a later change in the feed says. A mirror stores the article under its id, or removes the id when this is null.'
  })
}, { title: 'Change' })

export const ChangeFeedSchema = Type.Object({
  data: Type.Array(ChangeSchema, { description: 'In the order the changes were committed, oldest first.' }),
  meta: Type.Object({
    next: Type.String({ description: 'Always present: pass it as since to read on. When the page is empty it equals since, and polling with it again is how a mirror waits for news.' }),
    hasMore: Type.Boolean({ description: 'true when more changes are waiting: ask for the next page at once rather than polling later.' })
  })
}, {
  title: 'ChangeFeed',
  headers: { Link: { type: 'string', description: 'The next page as <url>; rel="next", with since set to meta.next: present on every page, the last one included.' } },
  examples: [{
    data: [
      { change: 'published', at: '2026-11-20T06:00:00.000Z', id: 1, slug: PUBLISHED_ARTICLE_EXAMPLE.slug, embargoedUntil: null, article: CHANGED_ARTICLE_EXAMPLE },
      { change: 'unpublished', at: '2026-11-20T06:05:00.000Z', id: 2, slug: 'volunteer-divers-watch-a-replanted-reef-spawn-for-the-first-time', embargoedUntil: null, article: null }
    ],
    meta: { next: 'WzEsInB1YmxpYyIsNDJd', hasMore: false }
  }]
})

export type ChangeKind = typeof CHANGE_KINDS[number]
export type ChangedArticle = Static<typeof ChangedArticleSchema>
export type Change = Static<typeof ChangeSchema>
export type ChangeFeed = Static<typeof ChangeFeedSchema>
export type ListChangesQuery = Static<typeof ListChangesQuerySchema>
