// The API contract of ninjs: the IPTC ninjs 3.1 news items the service emits, and the partners' list of them.
// A simplified schema of what we emit, for the spec and response validation; the IPTC's own schema proves it in tests.
import { Type, type Static, type TSchema } from 'typebox'
import { CursorSchema, LimitSchema, TimestampSchema, listOf } from '../../shared/http-schemas.js'
import { SYNDICATION_SORTS } from '../articles/articles.syndication.js'
import { FLAGSHIP_SLUG, SlugListSchema } from '../articles/articles.schemas.js'

export const NINJS_MEDIA_TYPE = 'application/ninjs+json'
export const NINJS_VERSION = '3.1'
export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#'

const TextSchema = (title: string, description: string, role: { description: string, examples: string[] }) => Type.Object({
  role: Type.String(role),
  contentType: Type.String({ description: 'The media type of value.', examples: ['text/plain'] }),
  value: Type.String()
}, { title, description, additionalProperties: false })

const HeadlineSchema = TextSchema('NinjsHeadline', 'A headline, as plain text.', { description: 'main: the headline; sub: the subtitle.', examples: ['main'] })

const DescriptionSchema = TextSchema('NinjsDescription', 'A summary or a note appended to the article, as plain text.', {
  description: 'summary: the excerpt; correction, update or clarification: a note the newsroom appended, oldest first; ' +
    'caption and alternativeText: of a picture.',
  examples: ['summary']
})

const BodySchema = Type.Object({
  role: Type.Literal('main'),
  contentType: Type.Union([Type.Literal('text/html'), Type.Literal('text/plain')], { description: 'The same body twice: as safe HTML and as plain text.' }),
  wordCount: Type.Integer({ minimum: 0 }),
  value: Type.String()
}, { title: 'NinjsBody', additionalProperties: false })

const ReferenceSchema = <R extends TSchema>(title: string, description: string, rel: R) => Type.Object({
  name: Type.String(),
  rel,
  literal: Type.String({ description: 'Its slug in this API.' }),
  uri: Type.String({ format: 'uri', description: 'Its address in this API.' })
}, { title, description, additionalProperties: false })

const PersonSchema = ReferenceSchema('NinjsPerson', 'An author of the article, in byline order.', Type.Literal('author'))
const SubjectSchema = ReferenceSchema('NinjsSubject', 'The article\'s section (rel section), then its tags (rel tag), in order.',
  Type.Union([Type.Literal('section'), Type.Literal('tag')]))

const AltIdSchema = Type.Object({
  role: Type.String({ description: 'id: the article\'s id in this API; canonicalUrl: where it was first published, when set.', examples: ['id'] }),
  value: Type.String()
}, { title: 'NinjsAltId', additionalProperties: false })

const PictureSchema = Type.Object({
  name: Type.Literal('featureimage'),
  rel: Type.Literal('featureimage'),
  uri: Type.String({ format: 'uri', description: 'The image\'s address.' }),
  type: Type.Literal('picture'),
  by: Type.Optional(Type.String({ description: 'The credit.', examples: ['Photo: Amina Yusuf / WWN'] })),
  descriptions: Type.Optional(Type.Array(DescriptionSchema)),
  renditions: Type.Array(Type.Object({
    name: Type.Literal('original'),
    href: Type.String({ format: 'uri' })
  }, { additionalProperties: false }))
}, { title: 'NinjsPicture', description: 'The featured image.', additionalProperties: false })

export const NinjsItemSchema = Type.Object({
  uri: Type.String({
    format: 'uri',
    description: 'The item\'s identifier, the same for every version and whatever its slug becomes: a tag URI (RFC 4151) made of ' +
      'PUBLIC_BASE_URL\'s host name, the day the article was created and its id. Not a link: see altIds and the article route for those.',
    examples: ['tag:api.worldweeklynews.example,2026-11-20:article:1']
  }),
  standard: Type.Object({
    name: Type.Literal('ninjs'),
    version: Type.Literal(NINJS_VERSION),
    schema: Type.Literal(NINJS_SCHEMA_URI)
  }, { additionalProperties: false }),
  type: Type.Literal('text'),
  version: Type.String({ description: 'The article\'s version, counting its changes.', examples: ['3'] }),
  firstCreated: Type.String({ ...TimestampSchema, description: 'When the article was first published.' }),
  versionCreated: Type.String({ ...TimestampSchema, description: 'When this version was made: the article\'s updatedAt.' }),
  contentCreated: Type.String({ ...TimestampSchema, description: 'When the article was begun, as a draft.' }),
  embargoedUntil: Type.Optional(Type.String({
    ...TimestampSchema,
    description: 'Only to partners, while the article is under embargo: it may not be published before this time.'
  })),
  pubStatus: Type.Union([Type.Literal('usable'), Type.Literal('canceled')], {
    description: 'canceled: the article was withdrawn; take it down. It then has no bodies, and edNote gives the reason.'
  }),
  language: Type.String({ examples: ['en'] }),
  slugline: Type.String({ description: 'The article\'s current slug.', examples: [FLAGSHIP_SLUG] }),
  headlines: Type.Array(HeadlineSchema),
  descriptions: Type.Optional(Type.Array(DescriptionSchema)),
  bodies: Type.Optional(Type.Array(BodySchema)),
  by: Type.Optional(Type.String({ description: 'The byline: as the newsroom wrote it, or the authors\' names.', examples: ['Adrian Ovalle'] })),
  people: Type.Array(PersonSchema),
  subjects: Type.Array(SubjectSchema),
  located: Type.Optional(Type.String({ description: 'The dateline.', examples: ['N\'DJAMENA, Chad'] })),
  associations: Type.Optional(Type.Array(PictureSchema)),
  edNote: Type.Optional(Type.String({ description: 'With pubStatus canceled: why the article was withdrawn.' })),
  altIds: Type.Array(AltIdSchema)
}, {
  title: 'NinjsItem',
  description: 'A published article as an IPTC ninjs 3.1 news item (https://iptc.org/standards/ninjs/). Fields without a value are left out.',
  additionalProperties: false
})

export const NinjsItemListSchema = listOf(NinjsItemSchema, 'NinjsItemList')

export const ListNinjsItemsQuerySchema = Type.Object({
  section: Type.Optional(Type.String({
    minLength: 1,
    maxLength: 120,
    description: 'A section slug: articles in that section and in all its subsections. An unknown slug matches nothing.',
    examples: ['world']
  })),
  author: Type.Optional(SlugListSchema('author', ['adrian-ovalle'])),
  tag: Type.Optional(SlugListSchema('tag', ['climate', 'water'])),
  publishedAfter: Type.Optional(Type.String({ format: 'date-time', description: 'First published strictly after this time.', examples: ['2026-01-01T00:00:00Z'] })),
  publishedBefore: Type.Optional(Type.String({ format: 'date-time', description: 'First published strictly before this time; must be later than publishedAfter.' })),
  updatedSince: Type.Optional(Type.String({
    format: 'date-time',
    description: 'Changed at or after this time (versionCreated): pass the versionCreated of the last item you stored to fetch what changed since, ' +
      'that item again included.',
    examples: ['2026-01-01T00:00:00Z']
  })),
  sort: Type.Optional(Type.Enum(SYNDICATION_SORTS, {
    type: 'string',
    description: '-updatedAt: last changed first (the default); updatedAt: first changed first, the order to sync in, as an item changed while you page moves to the end.'
  })),
  limit: Type.Optional(LimitSchema),
  cursor: Type.Optional(CursorSchema)
}, { additionalProperties: false })

export type NinjsItem = Static<typeof NinjsItemSchema>
export type ListNinjsItemsQuery = Static<typeof ListNinjsItemsQuerySchema>
