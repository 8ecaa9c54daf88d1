// The content shapes stored inside articles and authors: body blocks, featured images, author links.
import { Type, type Static } from 'typebox'

// The uri format alone takes https:// and https:///x (an empty host), javascript: and mailto:, none of them a page
// a reader can open: after the scheme comes a host, past any user info, before any port, path, query or fragment.
export const HTTP_URL_PATTERN = '^https?://(?:[^/?#@]*@)?[^/?#@:][^/?#@]*(?:[/?#]|$)'

export const HttpUrlSchema = Type.String({
  format: 'uri',
  pattern: HTTP_URL_PATTERN,
  maxLength: 2048,
  description: 'An absolute http(s) URL with a host.'
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
  url: Type.String({ ...HttpUrlSchema, examples: ['https://images.worldweeklynews.example/articles/volunteer-divers-watch-a-replanted-reef-spawn-for-the-first-time-2.jpg'] }),
  alt: Type.String({ maxLength: 500 }),
  caption: Type.Optional(Type.String({ maxLength: 1000 })),
  credit: Type.Optional(Type.String({ maxLength: 300 }))
}, { additionalProperties: false, title: 'ImageBlock' })

export const EmbedBlockSchema = Type.Object({
  type: Type.Literal('embed'),
  url: Type.String({ ...HttpUrlSchema, examples: ['https://video.worldweeklynews.example/embed/volunteer-divers-watch-a-replanted-reef-spawn-for-the-first-time'] }),
  provider: Type.Optional(Type.String({ maxLength: 100, examples: ['wwn-video'] })),
  title: Type.Optional(Type.String({ maxLength: 300 }))
}, { additionalProperties: false, title: 'EmbedBlock' })

export const PromoBlockSchema = Type.Object({
  type: Type.Literal('promo'),
  slot: Type.String({
    minLength: 1,
    maxLength: 100,
    pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
    description: 'Which promotion the frontend places here, such as newsletter-signup.',
    examples: ['newsletter-signup']
  })
}, { additionalProperties: false, title: 'PromoBlock' })

const BlockUnion = Type.Union([
  ParagraphBlockSchema,
  HeadingBlockSchema,
  QuoteBlockSchema,
  ListBlockSchema,
  ImageBlockSchema,
  EmbedBlockSchema,
  PromoBlockSchema
])

// oneOf tagged by type rather than Type.Union's anyOf: the validator checks a block against the one schema its type
// names, so an error is reported at the field that is wrong, and client generators get a tagged union.
export const BlockSchema = Type.Unsafe<Static<typeof BlockUnion>>({
  type: 'object',
  oneOf: BlockUnion.anyOf,
  discriminator: { propertyName: 'type' },
  title: 'Block',
  description: 'One block of an article body, told apart by its type.'
})

export const FeaturedImageSchema = Type.Object({
  url: Type.String({ ...HttpUrlSchema, examples: ['https://images.worldweeklynews.example/articles/lake-chad-fishermen-return-as-waters-rise.jpg'] }),
  alt: Type.String({ maxLength: 500 }),
  caption: Type.Optional(Type.String({ maxLength: 1000 })),
  credit: Type.Optional(Type.String({ maxLength: 300 }))
}, { additionalProperties: false, title: 'FeaturedImage' })

export const AuthorLinkSchema = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 50, examples: ['Mastodon'] }),
  url: Type.String({ ...HttpUrlSchema, examples: ['https://mastodon.example/@adrianovalle'] })
}, { additionalProperties: false, title: 'AuthorLink' })

export type Block = Static<typeof BlockSchema>
export type FeaturedImage = Static<typeof FeaturedImageSchema>
export type AuthorLink = Static<typeof AuthorLinkSchema>
