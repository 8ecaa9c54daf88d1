// The API contract of authors: the public byline page, and the editors' view that adds the private email.
import { Type, type Static } from 'typebox'
import { AuthorLinkSchema, FeaturedImageSchema, HttpUrlSchema } from '../../shared/content-types.js'
import { CursorSchema, IdSchema, LimitSchema, SlugSchema, TimestampSchema, TotalSchema, listOf, slugWithExample } from '../../shared/http-schemas.js'
import { FeedLinksSchema, webUrlSchema } from '../../shared/web-addresses.js'
import { FLAGSHIP_SLUG } from '../articles/articles.schemas.js'
import { SectionLinkSchema } from '../sections/sections.schemas.js'

// The same rule as every other URL the API stores: http(s) only, so javascript: and data: never reach a page.
const AvatarUrlSchema = Type.String({
  ...HttpUrlSchema,
  description: 'An absolute http(s) URL of a square portrait.',
  examples: ['https://images.worldweeklynews.example/authors/adrian-ovalle.jpg']
})

const EmailSchema = Type.String({
  format: 'email',
  maxLength: 254,
  description: 'For the newsroom only: never shown in public responses.',
  examples: ['adrian.ovalle@worldweekly.news']
})

const LinksSchema = Type.Array(AuthorLinkSchema, { maxItems: 10, description: 'Profiles elsewhere, in the order to show them.' })

const publicProperties = {
  id: IdSchema,
  slug: slugWithExample('adrian-ovalle'),
  url: webUrlSchema('authors/adrian-ovalle'),
  name: Type.String({ examples: ['Adrian Ovalle'] }),
  jobTitle: Type.String({ examples: ['Editor'] }),
  bio: Type.String({ examples: ['Adrian Ovalle edits the World desk from Madrid.'] }),
  avatarUrl: Type.Union([AvatarUrlSchema, Type.Null()]),
  links: LinksSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema
}

export const AuthorSchema = Type.Object(publicProperties, { title: 'Author' })

export const ArticleTeaserSchema = Type.Object({
  id: IdSchema,
  slug: slugWithExample(FLAGSHIP_SLUG),
  url: webUrlSchema(`africa/${FLAGSHIP_SLUG}`),
  headline: Type.String({ examples: ['Lake Chad\'s fishermen return as the waters rise'] }),
  excerpt: Type.String(),
  publishedAt: TimestampSchema,
  section: SectionLinkSchema,
  featuredImage: Type.Union([FeaturedImageSchema, Type.Null()]),
  readingTime: Type.Integer({ minimum: 1, description: 'Estimated minutes to read the body.' })
}, { title: 'ArticleTeaser', description: 'What a card linking to a public article shows.' })

export const LATEST_ARTICLES = 5

export const AuthorPageSchema = Type.Object({
  ...publicProperties,
  articleCount: Type.Integer({ minimum: 0, description: 'Public articles that credit this author.' }),
  latestArticles: Type.Array(ArticleTeaserSchema, {
    maxItems: LATEST_ARTICLES,
    description: `The ${LATEST_ARTICLES} newest public articles that credit this author, newest first. ` +
      'All of them, paginated and with the full summaries, are at /v1/articles?author={slug}.'
  }),
  feeds: FeedLinksSchema
}, { title: 'AuthorPage', description: 'What an author page renders: the public profile, how many articles, and the newest ones.' })

export const AuthorWithEmailSchema = Type.Object({
  ...publicProperties,
  email: Type.Union([EmailSchema, Type.Null()])
}, { title: 'AuthorWithEmail', description: 'An author as editors see it, with the private email.' })

export const AuthorListSchema = listOf(AuthorSchema, 'AuthorList')

export const ListAuthorsQuerySchema = Type.Object({
  limit: Type.Optional(LimitSchema),
  cursor: Type.Optional(CursorSchema),
  total: Type.Optional(TotalSchema)
}, { additionalProperties: false })

const writableProperties = {
  name: Type.String({ minLength: 1, maxLength: 100, examples: ['Lina Haddad'] }),
  slug: SlugSchema,
  jobTitle: Type.String({ maxLength: 100, examples: ['Climate correspondent'] }),
  bio: Type.String({ maxLength: 2000, examples: ['Lina Haddad covers climate and energy from Beirut.'] }),
  links: LinksSchema
}

export const CreateAuthorBodySchema = Type.Object({
  name: writableProperties.name,
  slug: Type.Optional(writableProperties.slug),
  jobTitle: Type.Optional(writableProperties.jobTitle),
  bio: Type.Optional(writableProperties.bio),
  avatarUrl: Type.Optional(AvatarUrlSchema),
  links: Type.Optional(writableProperties.links),
  email: Type.Optional(EmailSchema)
}, {
  additionalProperties: false,
  examples: [{
    name: 'Lina Haddad',
    jobTitle: 'Climate correspondent',
    bio: 'Lina Haddad covers climate and energy from Beirut.',
    links: [{ label: 'Mastodon', url: 'https://mastodon.social/@linahaddad' }],
    email: 'lina.haddad@worldweekly.news'
  }]
})

export const UpdateAuthorBodySchema = Type.Object({
  name: Type.Optional(writableProperties.name),
  slug: Type.Optional(writableProperties.slug),
  jobTitle: Type.Optional(writableProperties.jobTitle),
  bio: Type.Optional(writableProperties.bio),
  avatarUrl: Type.Optional(Type.Union([AvatarUrlSchema, Type.Null()], { description: 'null removes the portrait.' })),
  links: Type.Optional(writableProperties.links),
  email: Type.Optional(Type.Union([EmailSchema, Type.Null()], { description: 'null removes the email.' }))
}, { additionalProperties: false, minProperties: 1, examples: [{ jobTitle: 'Chief correspondent' }] })

export type Author = Static<typeof AuthorSchema>
export type ArticleTeaser = Static<typeof ArticleTeaserSchema>
export type AuthorPage = Static<typeof AuthorPageSchema>
export type AuthorWithEmail = Static<typeof AuthorWithEmailSchema>
export type CreateAuthorInput = Static<typeof CreateAuthorBodySchema>
export type UpdateAuthorInput = Static<typeof UpdateAuthorBodySchema>
