// The API contract of the editorial record: revisions, corrections, withdrawal and the If-Match header.
import { Type, type Static } from 'typebox'
import { BlockSchema, FeaturedImageSchema } from '../../shared/content-types.js'
import { CursorSchema, IdSchema, LimitSchema, TimestampSchema, TotalSchema, listOf, MAX_ID, slugWithExample } from '../../shared/http-schemas.js'
import { ArticleStatusSchema, CorrectionKindSchema, FLAGSHIP_SLUG, TokenRefSchema } from './articles.schemas.js'

export const IfMatchHeadersSchema = Type.Object({
  'if-match': Type.Optional(Type.String({
    maxLength: 200,
    description: 'The ETag of the article as you last read it, such as "7" (quoted). The write answers 412 if someone ' +
      'saved the article since. Without it the write is accepted whatever changed meanwhile: send it to be safe.',
    examples: ['"1"']
  }))
})

export const RevisionParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: MAX_ID, examples: [1] }),
  number: Type.Integer({ minimum: 1, maximum: MAX_ID, examples: [1], description: 'The revision number: the article\'s version after that change.' })
})

export const ListRevisionsQuerySchema = Type.Object({
  limit: Type.Optional(LimitSchema),
  cursor: Type.Optional(CursorSchema),
  total: Type.Optional(TotalSchema)
}, { additionalProperties: false })

const revisionProperties = {
  number: Type.Integer({ minimum: 1, description: 'The article\'s version after this change; 1 is its creation.' }),
  createdAt: TimestampSchema,
  createdBy: Type.Union([TokenRefSchema, Type.Null()], { description: 'The token that made the change; null for the system (scheduler, seed) or a deleted token.' })
}

export const RevisionSummarySchema = Type.Object({
  ...revisionProperties,
  headline: Type.String({ description: 'The headline in this revision.' }),
  status: ArticleStatusSchema
}, { title: 'RevisionSummary' })

export const ArticleSnapshotSchema = Type.Object({
  slug: slugWithExample(FLAGSHIP_SLUG),
  headline: Type.String(),
  subtitle: Type.Union([Type.String(), Type.Null()]),
  excerpt: Type.String(),
  body: Type.Array(BlockSchema),
  bodyHtml: Type.String(),
  bodyText: Type.String(),
  wordCount: Type.Integer({ minimum: 0 }),
  readingTime: Type.Integer({ minimum: 0 }),
  status: ArticleStatusSchema,
  publishedAt: Type.Union([TimestampSchema, Type.Null()]),
  scheduledAt: Type.Union([TimestampSchema, Type.Null()]),
  sectionId: IdSchema,
  authorIds: Type.Array(IdSchema, { description: 'The byline, in order.' }),
  tagIds: Type.Array(IdSchema),
  featuredImage: Type.Union([FeaturedImageSchema, Type.Null()]),
  dateline: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  canonicalUrl: Type.Union([Type.String(), Type.Null()]),
  featured: Type.Boolean(),
  byline: Type.Union([Type.String(), Type.Null()]),
  withdrawnAt: Type.Union([TimestampSchema, Type.Null()]),
  withdrawnReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema
}, {
  title: 'ArticleSnapshot',
  description: 'The article as stored right after the change, with its section, authors and tags as ids (they may have been deleted since).'
})

export const RevisionSchema = Type.Object({
  ...revisionProperties,
  article: ArticleSnapshotSchema
}, { title: 'Revision', description: 'One stored state of an article.' })

export const RevisionListSchema = listOf(RevisionSummarySchema, 'RevisionList')

export const CreateCorrectionBodySchema = Type.Object({
  kind: CorrectionKindSchema,
  text: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'Plain text shown to readers as written; markup is not interpreted.' })
}, {
  additionalProperties: false,
  examples: [{ kind: 'correction', text: 'An earlier version of this article said the lake had grown by a third since 2020. It has grown by a quarter.' }]
})

export const WithdrawBodySchema = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S', description: 'The notice readers see in place of the article.' })
}, {
  additionalProperties: false,
  examples: [{ reason: 'This article has been withdrawn: its central claim could not be verified. We apologise to our readers.' }]
})

export type RevisionSummary = Static<typeof RevisionSummarySchema>
export type Revision = Static<typeof RevisionSchema>
export type ArticleSnapshot = Static<typeof ArticleSnapshotSchema>
export type CreateCorrectionInput = Static<typeof CreateCorrectionBodySchema>
