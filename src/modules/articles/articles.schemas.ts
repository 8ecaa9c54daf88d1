// The API contract of articles: what frontends read and what writers send.
import { Type, type Static } from 'typebox'
import { ARTICLE_STATUSES, CORRECTION_KINDS } from '../../db/schema.js'
import { BlockSchema, FeaturedImageSchema, HttpUrlSchema } from '../../shared/content-types.js'
import { FeedLinksSchema, webUrlSchema } from '../../shared/web-addresses.js'
import { CursorSchema, IdSchema, LimitSchema, SlugSchema, TimestampSchema, TotalSchema, listOf, MAX_ID, slugWithExample } from '../../shared/http-schemas.js'
import { PUBLISHED_ARTICLE_EXAMPLE } from './articles.examples.js'

export const FLAGSHIP_SLUG = 'lake-chad-fishermen-return-as-waters-rise'

export const ArticleStatusSchema = Type.Enum(ARTICLE_STATUSES, {
  type: 'string',
  description: 'draft: being written; scheduled: published automatically at scheduledAt; published: public; archived: taken down.',
  examples: ['published']
})

export const SectionRefSchema = Type.Object({
  id: IdSchema,
  slug: slugWithExample('africa'),
  name: Type.String({ examples: ['Africa'] }),
  url: webUrlSchema('africa')
}, { title: 'SectionRef' })

export const AuthorRefSchema = Type.Object({
  id: IdSchema,
  slug: slugWithExample('adrian-ovalle'),
  name: Type.String({ examples: ['Adrian Ovalle'] }),
  jobTitle: Type.String({ examples: ['Editor'] }),
  avatarUrl: Type.Union([Type.String({ ...HttpUrlSchema, examples: ['https://images.worldweeklynews.example/authors/adrian-ovalle.jpg'] }), Type.Null()]),
  url: webUrlSchema('authors/adrian-ovalle')
}, { title: 'AuthorRef' })

export const TagRefSchema = Type.Object({
  id: IdSchema,
  slug: slugWithExample('climate'),
  name: Type.String({ examples: ['Climate'] }),
  url: webUrlSchema('tags/climate')
}, { title: 'TagRef' })

const summaryProperties = {
  id: IdSchema,
  slug: slugWithExample(FLAGSHIP_SLUG),
  url: webUrlSchema(`africa/${FLAGSHIP_SLUG}`),
  headline: Type.String({ examples: ['Lake Chad\'s fishermen return as the waters rise'] }),
  subtitle: Type.Union([Type.String(), Type.Null()]),
  excerpt: Type.String(),
  status: ArticleStatusSchema,
  publishedAt: Type.Union([TimestampSchema, Type.Null()]),
  updatedAt: TimestampSchema,
  section: SectionRefSchema,
  authors: Type.Array(AuthorRefSchema, { description: 'In byline order.' }),
  byline: Type.Union([Type.String(), Type.Null()], {
    description: 'Shown instead of the author names when set; null shows the authors.',
    examples: ['By our correspondent in Bamako']
  }),
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

export const CorrectionKindSchema = Type.Enum(CORRECTION_KINDS, {
  type: 'string',
  description: 'correction: the article was wrong; update: news moved on; clarification: it was right but unclear.'
})

export const CorrectionSchema = Type.Object({
  id: IdSchema,
  kind: CorrectionKindSchema,
  text: Type.String({ description: 'Plain text, shown as written: frontends escape it.', examples: ['An earlier version of this article gave the lake\'s area in 2024 as 1,500 km². It was 1,350 km².'] }),
  createdAt: TimestampSchema
}, { title: 'Correction', description: 'A note appended to a published article, shown to readers in order.' })

export const WithdrawalSchema = Type.Object({
  at: TimestampSchema,
  reason: Type.String({ examples: ['The central claim of this article could not be verified.'] })
}, { title: 'Withdrawal', description: 'A withdrawn (retracted) article keeps its URL and this notice, without its body.' })

/** The body in each of its forms: a public article carries those formats= asks for, writers always get all three. */
const BodyFormsSchema = Type.Object({
  body: Type.Array(BlockSchema, { description: 'The body as typed blocks, for frontends that render each kind of block themselves. Public reads: with formats=blocks.' }),
  bodyHtml: Type.String({ description: 'The body as safe HTML, rendered when the article was written. Public reads: by default, and with formats=html.' }),
  bodyText: Type.String({ description: 'The body as plain text, for search snippets, text-only clients and speech. Public reads: with formats=text.' })
})

export const BODY_FORMATS = ['blocks', 'html', 'text'] as const
export type BodyFormat = typeof BODY_FORMATS[number]

export const BodyFormatsQuerySchema = Type.Object({
  formats: Type.Optional(Type.String({
    pattern: `^(${BODY_FORMATS.join('|')})(,(${BODY_FORMATS.join('|')})){0,2}$`,
    description: 'The forms of the body to include, comma-separated: html (bodyHtml, the default), blocks (body), text (bodyText). ' +
      'The body is most of an article\'s weight, so ask for the forms the page renders; each choice has its own ETag.',
    examples: ['blocks,text']
  }))
}, { additionalProperties: false })

export const ArticleSchema = Type.Object({
  ...summaryProperties,
  body: Type.Optional(BodyFormsSchema.properties.body),
  bodyHtml: Type.Optional(BodyFormsSchema.properties.bodyHtml),
  bodyText: Type.Optional(BodyFormsSchema.properties.bodyText),
  wordCount: Type.Integer({ minimum: 0 }),
  scheduledAt: Type.Union([TimestampSchema, Type.Null()]),
  canonicalUrl: Type.Union([
    Type.String({ ...HttpUrlSchema, examples: ['https://www.worldweeklynews.example/articles/lake-chad-fishermen-return-as-waters-rise'] }),
    Type.Null()
  ]),
  createdAt: TimestampSchema,
  corrections: Type.Array(CorrectionSchema, { description: 'Corrections, updates and clarifications, oldest first.' }),
  withdrawn: Type.Union([WithdrawalSchema, Type.Null()], {
    description: 'Set when the article is withdrawn: its excerpt, body, bodyHtml and bodyText are then empty for the public.'
  }),
  breadcrumb: Type.Array(SectionRefSchema, { description: 'The path from the root section down to the article\'s section, both included.' }),
  replyCount: Type.Integer({ minimum: 0, description: 'Approved reader replies.' }),
  repliesEnabled: Type.Boolean({ description: 'false: the article takes no new replies; the approved ones stay visible.' }),
  feeds: Type.Object(FeedLinksSchema.properties, { description: 'The feeds of the article\'s section (its subsections included), where it and the articles after it appear.' })
}, { title: 'Article', description: 'An article with everything an article page renders.', examples: [PUBLISHED_ARTICLE_EXAMPLE] })

export const TokenRefSchema = Type.Object({
  id: IdSchema,
  name: Type.String({ examples: ['Ada (admin)'] })
}, { title: 'TokenRef', description: 'The API token that made a change.' })

export const WriterArticleSchema = Type.Object({
  ...ArticleSchema.properties,
  ...BodyFormsSchema.properties,
  version: Type.Integer({ minimum: 1, description: 'Bumped by every change; the ETag of this response, to send back in If-Match.' }),
  embargoedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Set while a published article is under embargo: partners with a syndication token see it (ninjs, the change feed), the public sees nothing until this time passes.'
  }),
  createdBy: Type.Union([TokenRefSchema, Type.Null()], { description: 'The token that created the article; null when made by the system or a deleted token.' }),
  updatedBy: Type.Union([TokenRefSchema, Type.Null()], { description: 'The token that changed the article last; null for the system and the scheduler.' })
}, {
  title: 'WriterArticle',
  description: 'An article as writers see it: the public article plus its version and who wrote it. The body is kept when it is withdrawn.',
  headers: { ETag: { type: 'string', description: 'The version, quoted ("7"): send it back in If-Match to write only if nobody saved in between.' } }
})

export const ArticleListItemSchema = Type.Partial(Type.Object({
  ...summaryProperties,
  snippet: Type.String({
    description: 'With q only: the passage that matched, as safe HTML where only <mark> elements are markup.',
    examples: ['…the fishermen of <mark>Lake</mark> <mark>Chad</mark> are back on the water…']
  })
}), {
  title: 'ArticleListItem',
  description: 'An article summary. Every field is present unless fields= names fewer; snippet only with q.'
})

/** The names fields= accepts. */
export const ARTICLE_LIST_FIELDS = Object.keys(ArticleListItemSchema.properties) as Array<keyof Static<typeof ArticleListItemSchema>>

export const ArticleListSchema = listOf(ArticleListItemSchema, 'ArticleList')

export const RelatedArticlesSchema = Type.Object({
  data: Type.Array(ArticleSummarySchema, { description: 'Most related first.' })
}, { title: 'RelatedArticles' })

export const ArticleMovedSchema = Type.Object({
  location: Type.String({ format: 'uri', description: 'Where the article lives now; the Location header says the same.' })
}, { title: 'ArticleMoved' })

export const ARTICLE_SORTS = ['-publishedAt', 'publishedAt', '-updatedAt', 'relevance'] as const

/** The most slugs author= or tag= may name, repeated and comma-separated alike. */
export const MAX_LISTED_SLUGS = 20

/** A query parameter listing slugs; its description shows both ways of listing several, under the parameter's own name. */
export const SlugListSchema = (name: string, example: string[]) => Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), {
  maxItems: MAX_LISTED_SLUGS,
  description: `One or more ${name} slugs, repeated (${name}=a&${name}=b) or comma-separated (${name}=a,b), up to ${MAX_LISTED_SLUGS} in all; ` +
    'an article matching any of them is listed, and unknown slugs match nothing.',
  examples: [example]
})

export const ListArticlesQuerySchema = Type.Object({
  section: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 120,
    description: 'A section slug: articles in that section and in all its subsections (world includes africa). An unknown slug matches nothing.',
    examples: ['world']
  })),
  author: Type.Optional(SlugListSchema('author', ['adrian-ovalle'])),
  tag: Type.Optional(SlugListSchema('tag', ['climate', 'water'])),
  featured: Type.Optional(Type.Boolean({ description: 'true: featured articles only; false: the others.' })),
  publishedAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Published strictly after this time.', examples: ['2026-01-01T00:00:00Z'] })),
  publishedBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Published strictly before this time; must be later than publishedAfter.' })),
  q: Type.Optional(Type.String({
    maxLength: 2000,
    description: 'Full-text search in headline, subtitle and body, accent-insensitive; every word must match. Any text is accepted: operators and punctuation are plain text. Hits carry a snippet.',
    examples: ['lake chad']
  })),
  sort: Type.Optional(Type.Enum(ARTICLE_SORTS, {
    type: 'string',
    description: '-publishedAt (newest first, the default without q), publishedAt (oldest first), -updatedAt (last changed first) or relevance (best match first; only with q, and the default with it).'
  })),
  fields: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 300,
    description: `Sparse fieldsets: comma-separated top-level fields to keep in each item, among ${ARTICLE_LIST_FIELDS.join(', ')}. Unknown names are a 400.`,
    examples: ['id,slug,headline,publishedAt']
  })),
  limit: Type.Optional(LimitSchema),
  cursor: Type.Optional(CursorSchema),
  total: Type.Optional(TotalSchema)
}, { additionalProperties: false })

export const ArticleSlugParamsSchema = Type.Object({
  slug: slugWithExample(FLAGSHIP_SLUG)
})

export const ArticleIdParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: MAX_ID, examples: [1] })
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
  canonicalUrl: Type.Union([HttpUrlSchema, Type.Null()]),
  featured: Type.Boolean(),
  byline: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()], {
    description: 'Overrides the author names shown, such as "By our correspondent in Bamako"; null shows the authors.'
  }),
  repliesEnabled: Type.Boolean({ description: 'false closes the article to new reader replies; those already approved stay visible. Defaults to true.' }),
  embargoedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'A future time until which the article, once published, goes to partners only (ninjs, the change feed) and not to the public; ' +
      'null lifts the embargo now. An article the public can already read cannot be put under embargo.'
  })
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
  featured: Type.Optional(WritableFields.featured),
  byline: Type.Optional(WritableFields.byline),
  repliesEnabled: Type.Optional(WritableFields.repliesEnabled),
  embargoedUntil: Type.Optional(WritableFields.embargoedUntil)
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
/** A whole article, every body form included: what is rendered and stored, before a reader's formats= picks from it. */
export type Article = Static<typeof ArticleSchema> & Static<typeof BodyFormsSchema>
/** An article without its body forms: what is stored as its head, apart from the body a rename never changes. */
export type ArticleHead = Omit<Article, 'body' | 'bodyHtml' | 'bodyText'>
export type WriterArticle = Static<typeof WriterArticleSchema>
export type Correction = Static<typeof CorrectionSchema>
export type TokenRef = Static<typeof TokenRefSchema>
export type ArticleSummary = Static<typeof ArticleSummarySchema>
export type ArticleListItem = Static<typeof ArticleListItemSchema>
export type ArticleSort = typeof ARTICLE_SORTS[number]
export type ListArticlesQuery = Static<typeof ListArticlesQuerySchema>
export type CreateArticleInput = Static<typeof CreateArticleBodySchema>
export type UpdateArticleInput = Static<typeof UpdateArticleBodySchema>
