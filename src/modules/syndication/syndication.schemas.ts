// The contract of syndication: feed parameters, the JSON Feed document, and the XML and text responses as the spec shows them.
import { Type, type Static } from 'typebox'
import { ListArticlesQuerySchema } from '../articles/articles.schemas.js'

export const DEFAULT_FEED_LIMIT = 50

export const FeedQuerySchema = Type.Object({
  section: ListArticlesQuerySchema.properties.section,
  author: ListArticlesQuerySchema.properties.author,
  tag: ListArticlesQuerySchema.properties.tag,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_FEED_LIMIT, description: 'How many of the newest articles.' }))
}, { additionalProperties: false })

export type FeedQuery = Static<typeof FeedQuerySchema>

const JsonFeedAuthorSchema = Type.Object({
  name: Type.String(),
  url: Type.Optional(Type.String({ format: 'uri' })),
  avatar: Type.Optional(Type.String({ format: 'uri' }))
})

export const JsonFeedSchema = Type.Object({
  version: Type.Literal('https://jsonfeed.org/version/1.1'),
  title: Type.String({ examples: ['World Weekly News: Africa'] }),
  home_page_url: Type.String({ format: 'uri' }),
  feed_url: Type.String({ format: 'uri' }),
  description: Type.String(),
  authors: Type.Array(JsonFeedAuthorSchema),
  items: Type.Array(Type.Object({
    id: Type.String({ description: 'Stable for the article\'s life, whatever its slug or section becomes.', examples: ['tag:www.worldweeklynews.example,2026-11-20:article:1'] }),
    url: Type.String({ format: 'uri', description: 'The article\'s page on the website.' }),
    title: Type.String(),
    content_html: Type.String(),
    content_text: Type.String(),
    summary: Type.String(),
    image: Type.Optional(Type.String({ format: 'uri' })),
    date_published: Type.String({ format: 'date-time' }),
    date_modified: Type.String({ format: 'date-time' }),
    authors: Type.Optional(Type.Array(JsonFeedAuthorSchema, { minItems: 1, description: 'Left out when the article credits nobody: the feed\'s own authors then stand.' })),
    tags: Type.Array(Type.String(), { description: 'The section\'s name, then the tags\'.' }),
    language: Type.String()
  }))
}, { title: 'JsonFeed', description: 'A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/).' })

export type JsonFeed = Static<typeof JsonFeedSchema>

/** A 200 whose body is a document of another type than JSON, for the spec. */
export function documentResponse (type: string, description: string, example: string) {
  return { description, content: { [type]: { schema: Type.String({ examples: [example] }) } } }
}

export const ArticleSitemapParamsSchema = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 100000, description: 'Numbered from 1, as the sitemap index lists them.', examples: [1] })
})
