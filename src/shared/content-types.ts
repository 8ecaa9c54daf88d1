// The content shapes stored inside articles and authors: body blocks, featured images, author links.
import { Type, type Static } from 'typebox'

export const HttpUrlSchema = Type.String({
  format: 'uri',
  pattern: '^https?://',
  maxLength: 2048,
  description: 'An absolute http(s) URL.'
})

const InlineTextSchema = Type.String({
  minLength: 1,
  maxLength: 10000,
  description: 'Text with optional inline markup: <b>, <strong>, <i>, <em> and <a href="http(s)://...">. Any other markup is shown as text.'
})

export const ParagraphBlockSchema = Type.Object({
  type: Type.Literal('paragraph'),
  text: InlineTextSchema
}, { additionalProperties: false, title: 'ParagraphBlock' })

export const HeadingBlockSchema = Type.Object({
  type: Type.Literal('heading'),
  level: Type.Integer({ minimum: 2, maximum: 4, description: 'h2 to h4: h1 is the headline.' }),
  text: Type.String({ minLength: 1, maxLength: 300 })
}, { additionalProperties: false, title: 'HeadingBlock' })

export const QuoteBlockSchema = Type.Object({
  type: Type.Literal('quote'),
  text: InlineTextSchema,
  cite: Type.Optional(Type.String({ maxLength: 300 }))
}, { additionalProperties: false, title: 'QuoteBlock' })

export const ListBlockSchema = Type.Object({
  type: Type.Literal('list'),
  style: Type.Union([Type.Literal('bullet'), Type.Literal('ordered')]),
  items: Type.Array(InlineTextSchema, { minItems: 1, maxItems: 100 })
}, { additionalProperties: false, title: 'ListBlock' })

export const ImageBlockSchema = Type.Object({
  type: Type.Literal('image'),
  url: HttpUrlSchema,
  alt: Type.String({ maxLength: 500 }),
  caption: Type.Optional(Type.String({ maxLength: 1000 })),
  credit: Type.Optional(Type.String({ maxLength: 300 }))
}, { additionalProperties: false, title: 'ImageBlock' })

export const EmbedBlockSchema = Type.Object({
  type: Type.Literal('embed'),
  url: HttpUrlSchema,
  provider: Type.Optional(Type.String({ maxLength: 100, examples: ['youtube'] })),
  title: Type.Optional(Type.String({ maxLength: 300 }))
}, { additionalProperties: false, title: 'EmbedBlock' })

export const PromoBlockSchema = Type.Object({
  type: Type.Literal('promo'),
  slot: Type.String({
    minLength: 1,
    maxLength: 100,
    pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
    description: 'Which promotion the frontend places here, such as newsletter-signup.'
  })
}, { additionalProperties: false, title: 'PromoBlock' })

export const BlockSchema = Type.Union([
  ParagraphBlockSchema,
  HeadingBlockSchema,
  QuoteBlockSchema,
  ListBlockSchema,
  ImageBlockSchema,
  EmbedBlockSchema,
  PromoBlockSchema
], { title: 'Block', description: 'One block of an article body, told apart by its type.' })

export const FeaturedImageSchema = Type.Object({
  url: HttpUrlSchema,
  alt: Type.String({ maxLength: 500 }),
  caption: Type.Optional(Type.String({ maxLength: 1000 })),
  credit: Type.Optional(Type.String({ maxLength: 300 }))
}, { additionalProperties: false, title: 'FeaturedImage' })

export const AuthorLinkSchema = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 50, examples: ['Mastodon'] }),
  url: HttpUrlSchema
}, { additionalProperties: false, title: 'AuthorLink' })

export type Block = Static<typeof BlockSchema>
export type FeaturedImage = Static<typeof FeaturedImageSchema>
export type AuthorLink = Static<typeof AuthorLinkSchema>
