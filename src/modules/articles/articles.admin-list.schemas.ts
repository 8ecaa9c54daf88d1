// The API contract of the editors' article list: every status, the writer's summary, the sorts an editorial screen needs.
import { Type, type Static } from 'typebox'
import { ARTICLE_STATUSES } from '../../db/schema.js'
import { webUrlSchema } from '../../shared/web-addresses.js'
import { CursorSchema, IdSchema, LimitSchema, TimestampSchema, TotalSchema, listOf, slugWithExample } from '../../shared/http-schemas.js'
import { ArticleStatusSchema, AuthorRefSchema, FLAGSHIP_SLUG, MAX_LISTED_SLUGS, SectionRefSchema, SlugListSchema, TagRefSchema, TokenRefSchema } from './articles.schemas.js'

export const EDITOR_SORTS = ['-updatedAt', 'updatedAt', '-scheduledAt', 'scheduledAt', '-publishedAt', 'publishedAt', '-createdAt'] as const

const NullableTimestamp = (description: string) => Type.Union([TimestampSchema, Type.Null()], { description })

export const WriterArticleSummarySchema = Type.Object({
  id: IdSchema,
  slug: slugWithExample(FLAGSHIP_SLUG),
  url: Type.String({ ...webUrlSchema(`africa/${FLAGSHIP_SLUG}`), description: 'Its page on the website; before publication, where it will be once published (dated by its schedule, or today).' }),
  headline: Type.String({ examples: ['Lake Chad\'s fishermen return as the waters rise'] }),
  subtitle: Type.Union([Type.String(), Type.Null()]),
  status: ArticleStatusSchema,
  withdrawnAt: NullableTimestamp('When the article was withdrawn (its status stays published); null when it is not.'),
  section: SectionRefSchema,
  authors: Type.Array(AuthorRefSchema, { description: 'In byline order.' }),
  tags: Type.Array(TagRefSchema),
  featured: Type.Boolean(),
  wordCount: Type.Integer({ minimum: 0 }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  publishedAt: NullableTimestamp('First publication; null until the article is published.'),
  scheduledAt: NullableTimestamp('When a scheduled article goes out; null for every other status.'),
  version: Type.Integer({ minimum: 1, description: 'The article\'s ETag, for If-Match on the write that follows.' }),
  createdBy: Type.Union([TokenRefSchema, Type.Null()]),
  updatedBy: Type.Union([TokenRefSchema, Type.Null()], { description: 'The token that changed the article last; null for the system and the scheduler.' }),
  snippet: Type.Optional(Type.String({
    description: 'With q only: the passage that matched, as safe HTML where only <mark> elements are markup.',
    examples: ['…the fishermen of <mark>Lake</mark> <mark>Chad</mark> are back on the water…']
  }))
}, {
  title: 'WriterArticleSummary',
  description: 'One row of an editorial screen: an article of any status without its body. GET /v1/admin/articles/{id} reads the whole of it.'
})

export const WriterArticleListSchema = listOf(WriterArticleSummarySchema, 'WriterArticleList')

export const ListArticlesForEditorsQuerySchema = Type.Object({
  status: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    maxItems: MAX_LISTED_SLUGS,
    description: `Statuses among ${ARTICLE_STATUSES.join(', ')}, repeated (status=draft&status=scheduled) or comma-separated ` +
      '(status=draft,scheduled); an article in any of them is listed. Every status by default.',
    examples: [['draft,scheduled']]
  })),
  withdrawn: Type.Optional(Type.Boolean({
    description: 'Withdrawal is not a status (a withdrawn article stays published, with its notice): true lists withdrawn articles only, false the others.'
  })),
  section: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 120,
    description: 'A section slug, as on the public list: articles in that section and in all its subsections (world includes africa). An unknown slug matches nothing.',
    examples: ['world']
  })),
  author: Type.Optional(SlugListSchema('author', ['adrian-ovalle'])),
  tag: Type.Optional(SlugListSchema('tag', ['climate', 'water'])),
  updatedSince: Type.Optional(Type.String({ format: 'date-time', description: 'Changed at or after this time.', examples: ['2026-03-01T00:00:00Z'] })),
  q: Type.Optional(Type.String({
    maxLength: 2000,
    description: 'Full-text search in headline, subtitle and body, unpublished work included, as on the public list: accent-insensitive, every word must match. Hits carry a snippet; the sort stays as asked.',
    examples: ['lake chad']
  })),
  sort: Type.Optional(Type.Enum(EDITOR_SORTS, {
    type: 'string',
    description: '-updatedAt (last changed first, the default), updatedAt, scheduledAt (next to go out first), -scheduledAt, -publishedAt, publishedAt or ' +
      '-createdAt. Articles without the time sorted on (drafts have no publishedAt, only scheduled articles a scheduledAt) come last.'
  })),
  limit: Type.Optional(LimitSchema),
  cursor: Type.Optional(CursorSchema),
  total: Type.Optional(TotalSchema)
}, { additionalProperties: false })

export type WriterArticleSummary = Static<typeof WriterArticleSummarySchema>
export type EditorSort = typeof EDITOR_SORTS[number]
export type ListArticlesForEditorsQuery = Static<typeof ListArticlesForEditorsQuerySchema>
