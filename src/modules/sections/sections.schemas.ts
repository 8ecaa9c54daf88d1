// The API contract of sections: the navigation tree of the site.
import { Type, type Static } from 'typebox'
import { IdSchema, SlugSchema, TimestampSchema } from '../../shared/http-schemas.js'

export const SectionLinkSchema = Type.Object({
  id: IdSchema,
  slug: SlugSchema,
  name: Type.String({ examples: ['World'] })
}, { title: 'SectionLink' })

export const SectionSchema = Type.Object({
  id: IdSchema,
  slug: SlugSchema,
  name: Type.String({ examples: ['Africa'] }),
  description: Type.String(),
  parentId: Type.Union([IdSchema, Type.Null()], { description: 'The parent section; null for a top-level section.' }),
  position: Type.Integer({ description: 'Order among its siblings, smallest first.' }),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema
}, { title: 'Section' })

export const SectionDetailSchema = Type.Object({
  ...SectionSchema.properties,
  parent: Type.Union([SectionLinkSchema, Type.Null()]),
  children: Type.Array(SectionLinkSchema, { description: 'Direct subsections, in order.' })
}, { title: 'SectionDetail' })

export const SectionListSchema = Type.Object({
  data: Type.Array(SectionSchema, { description: 'Every section, in tree order: each parent followed by its subsections.' })
}, { title: 'SectionList' })

const NameSchema = Type.String({ minLength: 1, maxLength: 100 })
const DescriptionSchema = Type.String({ maxLength: 1000 })
const PositionSchema = Type.Integer({ minimum: 0, maximum: 10000 })

export const CreateSectionBodySchema = Type.Object({
  name: NameSchema,
  slug: Type.Optional(SlugSchema),
  description: Type.Optional(DescriptionSchema),
  parentId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  position: Type.Optional(PositionSchema)
}, {
  additionalProperties: false,
  examples: [{ name: 'West Africa', description: 'From Dakar to Lagos.', parentId: 2, position: 1 }]
})

export const UpdateSectionBodySchema = Type.Object({
  name: Type.Optional(NameSchema),
  slug: Type.Optional(SlugSchema),
  description: Type.Optional(DescriptionSchema),
  parentId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  position: Type.Optional(PositionSchema)
}, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ description: 'News from the 54 countries of the continent.' }]
})

export type Section = Static<typeof SectionSchema>
export type SectionDetail = Static<typeof SectionDetailSchema>
export type CreateSectionInput = Static<typeof CreateSectionBodySchema>
export type UpdateSectionInput = Static<typeof UpdateSectionBodySchema>
