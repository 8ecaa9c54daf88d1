// The API contract of tags.
import { Type, type Static } from 'typebox'
import { FeedLinksSchema, webUrlSchema } from '../../shared/web-addresses.js'
import { CursorSchema, IdSchema, LimitSchema, SlugSchema, TimestampSchema, TotalSchema, listOf, slugWithExample } from '../../shared/http-schemas.js'

export const TagSchema = Type.Object({
  id: IdSchema,
  slug: slugWithExample('elections'),
  url: webUrlSchema('tags/elections'),
  name: Type.String({ examples: ['Elections'] }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema
}, { title: 'Tag' })

export const TagPageSchema = Type.Object({
  ...TagSchema.properties,
  articleCount: Type.Integer({
    minimum: 0,
    description: 'Public articles with this tag. The articles themselves are listed by /v1/articles?tag={slug}.'
  }),
  feeds: FeedLinksSchema
}, { title: 'TagPage', description: 'What a tag page renders above its list of articles.' })

export const TagListSchema = listOf(TagSchema, 'TagList')

export const ListTagsQuerySchema = Type.Object({
  limit: Type.Optional(LimitSchema),
  cursor: Type.Optional(CursorSchema),
  total: Type.Optional(TotalSchema)
}, { additionalProperties: false })

const TagNameSchema = Type.String({ minLength: 1, maxLength: 100, examples: ['Climate'] })

export const CreateTagBodySchema = Type.Object({
  name: TagNameSchema,
  slug: Type.Optional(SlugSchema)
}, { additionalProperties: false, examples: [{ name: 'Press freedom' }] })

export const UpdateTagBodySchema = Type.Object({
  name: Type.Optional(TagNameSchema),
  slug: Type.Optional(SlugSchema)
}, { additionalProperties: false, minProperties: 1, examples: [{ name: 'Climate and energy' }] })

export type Tag = Static<typeof TagSchema>
export type TagPage = Static<typeof TagPageSchema>
export type CreateTagInput = Static<typeof CreateTagBodySchema>
export type UpdateTagInput = Static<typeof UpdateTagBodySchema>
