// The API contract of articles: what frontends read and what writers send.
import { Type, type Static } from 'typebox'
import { ARTICLE_STATUSES } from '../../db/schema.js'
import { BlockSchema, FeaturedImageSchema } from '../../shared/content-types.js'
import { CursorSchema, IdSchema, LimitSchema, SlugSchema, TimestampSchema, listOf } from '../../shared/http-schemas.js'

export const FLAGSHIP_SLUG = 'lake-chad-fishermen-return-as-waters-rise'

export const ArticleStatusSchema = Type.Enum(ARTICLE_STATUSES, {
  description: 'draft: being written; scheduled: published automatically at scheduledAt; published: public; archived: taken down.'
})

export const SectionRefSchema = Type.Object({
  id: IdSchema,
  slug: SlugSchema,
  name: Type.String({ examples: ['Africa'] })
}, { title: 'SectionRef' })

export const AuthorRefSchema = Type.Object({
  id: IdSchema,
  slug: SlugSchema,
  name: Type.String({ examples: ['Adrian Ovalle'] }),
  jobTitle: Type.String({ examples: ['Editor'] }),
  avatarUrl: Type.Union([Type.String({ format: 'uri' }), Type.Null()])
}, { title: 'AuthorRef' })

export const TagRefSchema = Type.Object({
  id: IdSchema,
  slug: SlugSchema,
  name: Type.String({ examples: ['Climate'] })
}, { title: 'TagRef' })

const summaryProperties = {
  id: IdSchema,
  slug: SlugSchema,
  headline: Type.String({ examples: ['Lake Chad\'s fishermen return as the waters rise'] }),
  subtitle: Type.Union([Type.String(), Type.Null()]),
  excerpt: Type.String(),
  status: ArticleStatusSchema,
  publishedAt: Type.Union([TimestampSchema, Type.Null()]),
  updatedAt: TimestampSchema,
  section: SectionRefSchema,
  authors: Type.Array(AuthorRefSchema, { description: 'In byline order.' }),
  tags: Type.Array(TagRefSchema),
  featuredImage: Type.Union([FeaturedImageSchema, Type.Null()]),
  dateline: Type.Union([Type.String(), Type.Null()], { examples: ['N\'DJAMENA, Chad'] }),
  language: Type.String({ examples: ['en'] }),
  featured: Type.Boolean(),
  readingTime: Type.Integer({ minimum: 1, description: 'Estimated minutes to read the body.' })
}

export const ArticleSummarySchema = Type.Object(summaryProperties, {
  title: 'ArticleSummary',
  description: 'An article without its body, for lists and section fronts.'
})

export const ArticleSchema = Type.Object({
  ...summaryProperties,
  body: Type.Array(BlockSchema),
  bodyHtml: Type.String({ description: 'The body as safe HTML, rendered when the article was written.' }),
  bodyText: Type.String({ description: 'The body as plain text, for search snippets and text-only clients.' }),
  wordCount: Type.Integer({ minimum: 0 }),
  scheduledAt: Type.Union([TimestampSchema, Type.Null()]),
  canonicalUrl: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
  createdAt: TimestampSchema
}, { title: 'Article', description: 'An article with everything an article page renders.' })

export const ArticleListSchema = listOf(ArticleSummarySchema, 'ArticleList')

export const ListArticlesQuerySchema = Type.Object({
  limit: Type.Optional(LimitSchema),
  cursor: Type.Optional(CursorSchema)
})

export const ArticleSlugParamsSchema = Type.Object({
  slug: Type.String({ ...SlugSchema, examples: [FLAGSHIP_SLUG] })
})

// A slug always has a letter, so a numeric segment is an id: /v1/articles/42 and /v1/articles/some-slug never collide.
export const ArticleIdParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, examples: [1] })
})

const HeadlineSchema = Type.String({ minLength: 1, maxLength: 200 })
const WritableFields = {
  slug: SlugSchema,
  subtitle: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
  excerpt: Type.String({ maxLength: 500, description: 'Made from the first paragraph when left out.' }),
  body: Type.Array(BlockSchema, { minItems: 1, maxItems: 500 }),
  status: ArticleStatusSchema,
  publishedAt: Type.String({ format: 'date-time', description: 'Defaults to the moment of publication; set it to import an article published elsewhere.' }),
  scheduledAt: Type.Union([Type.String({ format: 'date-time', description: 'Required, in the future, with status scheduled.' }), Type.Null()]),
  sectionId: IdSchema,
  authorIds: Type.Array(IdSchema, {
    maxItems: 10,
    uniqueItems: true,
    description: 'The byline, in order. Contributor and author tokens are credited automatically when this is left out.'
  }),
  tagIds: Type.Array(IdSchema, { maxItems: 20, uniqueItems: true }),
  featuredImage: Type.Union([FeaturedImageSchema, Type.Null()]),
  dateline: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
  language: Type.String({ pattern: '^[a-z]{2,3}(-[A-Z][A-Za-z0-9]{1,7})?$', maxLength: 12, description: 'A BCP 47 language tag such as en or pt-BR.' }),
  canonicalUrl: Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }), Type.Null()]),
  featured: Type.Boolean()
}

const EXAMPLE_BODY = [
  { type: 'paragraph', text: 'Councillors in <b>Maradi</b> voted on Tuesday to open the city\'s grain reserve three weeks early.' },
  { type: 'heading', level: 2, text: 'Why now' },
  { type: 'paragraph', text: 'Market prices for millet have doubled since August, <a href="https://example.org/prices">according to traders</a>.' }
]

export const CreateArticleBodySchema = Type.Object({
  headline: HeadlineSchema,
  slug: Type.Optional(WritableFields.slug),
  subtitle: Type.Optional(WritableFields.subtitle),
  excerpt: Type.Optional(WritableFields.excerpt),
  body: WritableFields.body,
  status: Type.Optional(WritableFields.status),
  publishedAt: Type.Optional(WritableFields.publishedAt),
  scheduledAt: Type.Optional(WritableFields.scheduledAt),
  sectionId: WritableFields.sectionId,
  authorIds: Type.Optional(WritableFields.authorIds),
  tagIds: Type.Optional(WritableFields.tagIds),
  featuredImage: Type.Optional(WritableFields.featuredImage),
  dateline: Type.Optional(WritableFields.dateline),
  language: Type.Optional(WritableFields.language),
  canonicalUrl: Type.Optional(WritableFields.canonicalUrl),
  featured: Type.Optional(WritableFields.featured)
}, {
  additionalProperties: false,
  examples: [{
    headline: 'Maradi opens its grain reserve early as millet prices double',
    subtitle: 'Councillors say the lean season has come three weeks ahead of last year',
    body: EXAMPLE_BODY,
    sectionId: 2,
    authorIds: [1],
    tagIds: [3],
    dateline: 'MARADI, Niger'
  }]
})

export const UpdateArticleBodySchema = Type.Partial(CreateArticleBodySchema, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ subtitle: 'Fishing crews are back on the water for the first time in three seasons', featured: true }]
})

export type ArticleStatus = Static<typeof ArticleStatusSchema>
export type Article = Static<typeof ArticleSchema>
export type ArticleSummary = Static<typeof ArticleSummarySchema>
export type CreateArticleInput = Static<typeof CreateArticleBodySchema>
export type UpdateArticleInput = Static<typeof UpdateArticleBodySchema>
