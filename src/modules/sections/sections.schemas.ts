// The API contract of sections: the navigation tree of the site.
import { Type, type Static } from 'typebox'
import { FeedLinksSchema, webUrlSchema } from '../../shared/web-addresses.js'
import { IdSchema, SlugSchema, TimestampSchema, slugWithExample } from '../../shared/http-schemas.js'

export const SectionLinkSchema = Type.Object({
  id: IdSchema,
  slug: slugWithExample('world'),
  name: Type.String({ examples: ['World'] }),
  url: webUrlSchema('world')
}, { title: 'SectionLink' })

export const SectionSchema = Type.Object({
  id: IdSchema,
  slug: slugWithExample('africa'),
  url: webUrlSchema('africa'),
  name: Type.String({ examples: ['Africa'] }),
  description: Type.String(),
  parentId: Type.Union([IdSchema, Type.Null()], { description: 'The parent section; null for a top-level section.' }),
  position: Type.Integer({ description: 'Order among its siblings, smallest first.' }),
  repliesAutoApprove: Type.Boolean({ description: 'Reader replies to this section\'s articles are published at once instead of waiting for a moderator.' }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema
}, { title: 'Section' })

// Cyclic: a node's children are nodes. TypeBox gives the definition an $id that Ajv and fast-json-stringify
// resolve; the OpenAPI document refers to it as the SectionNode component (see shared/openapi-components.ts).
export const SectionNodeSchema = Type.Cyclic({
  SectionNode: Type.Object({
    ...SectionSchema.properties,
    children: Type.Array(Type.Ref('SectionNode'), { description: 'Direct subsections, in order, each with its own children.' })
  }, { title: 'SectionNode' })
}, 'SectionNode')

export const SectionTreeSchema = Type.Object({
  data: Type.Array(SectionNodeSchema, { description: 'The top-level sections in order (position, then name), each with its subsections nested.' })
}, { title: 'SectionTree' })

export const SectionDetailSchema = Type.Object({
  ...SectionSchema.properties,
  parent: Type.Union([SectionLinkSchema, Type.Null()]),
  breadcrumb: Type.Array(SectionLinkSchema, { description: 'The path from the top-level section down to this one, both included: World > Africa.' }),
  children: Type.Array(SectionLinkSchema, { description: 'Direct subsections, in order.' }),
  articleCount: Type.Integer({
    minimum: 0,
    description: 'Public articles in this section and all its subsections. The articles themselves are at /v1/articles?section={slug}.'
  }),
  feeds: FeedLinksSchema
}, { title: 'SectionDetail', description: 'What a section front renders around its list of articles.' })

const NameSchema = Type.String({ minLength: 1, maxLength: 100 })
const DescriptionSchema = Type.String({ maxLength: 1000 })
const PositionSchema = Type.Integer({ minimum: 0, maximum: 10000 })
const RepliesAutoApproveSchema = Type.Boolean({ description: 'Publish reader replies to this section\'s articles without moderation; false by default.' })

export const CreateSectionBodySchema = Type.Object({
  name: NameSchema,
  slug: Type.Optional(SlugSchema),
  description: Type.Optional(DescriptionSchema),
  parentId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  position: Type.Optional(PositionSchema),
  repliesAutoApprove: Type.Optional(RepliesAutoApproveSchema)
}, {
  additionalProperties: false,
  examples: [{ name: 'West Africa', description: 'From Dakar to Lagos.', parentId: 2, position: 1 }]
})

export const UpdateSectionBodySchema = Type.Object({
  name: Type.Optional(NameSchema),
  slug: Type.Optional(SlugSchema),
  description: Type.Optional(DescriptionSchema),
  parentId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  position: Type.Optional(PositionSchema),
  repliesAutoApprove: Type.Optional(RepliesAutoApproveSchema)
}, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ description: 'News from the 54 countries of the continent.' }]
})

export type Section = Static<typeof SectionSchema>
export type SectionNode = Static<typeof SectionNodeSchema>
export type SectionLink = Static<typeof SectionLinkSchema>
export type SectionDetail = Static<typeof SectionDetailSchema>
export type CreateSectionInput = Static<typeof CreateSectionBodySchema>
export type UpdateSectionInput = Static<typeof UpdateSectionBodySchema>
