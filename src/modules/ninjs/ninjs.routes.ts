// ninjs over HTTP: the partners' bulk list, and the ninjs answer of the article route, which negotiates it by Accept.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { NotAcceptableError } from '../../shared/errors.js'
import { preferredMediaType, varyOn } from '../../shared/negotiation.js'
import { listResponse } from '../../shared/pagination.js'
import type { MovedArticle } from '../articles/articles.service.js'
import { ListNinjsItemsQuerySchema, NINJS_MEDIA_TYPE, NinjsItemListSchema, type NinjsItem } from './ninjs.schemas.js'
import type { NinjsService } from './ninjs.service.js'

// JSON first: what a request without Accept, or a browser's */*, gets.
const ARTICLE_MEDIA_TYPES = ['application/json', NINJS_MEDIA_TYPE] as const

const EMBARGO_RULE = 'Articles under embargo are left out, unless the request carries a token (partner or any role above): ' +
  'then they are in, with embargoedUntil, the time before which they may not be published. The public sees nothing of them until the embargo is lifted.'

export const NEGOTIATION_DESCRIPTION = 'Send Accept: application/ninjs+json for the article as an IPTC ninjs 3.1 news item ' +
  '(withdrawn: pubStatus canceled). Articles under embargo are found in ninjs only, and only by a token\'s holder (partner or any role above), ' +
  'with embargoedUntil; everyone else gets a 404 until the embargo is lifted. Without Accept, or with */* as browsers send, the answer is JSON; ' +
  'an Accept that allows neither type is a 406. Responses vary by Accept, and ninjs ones by Authorization too.'

/** Which representation of an article the request asks for; Vary says that Accept chose it. */
export function wantsNinjs (request: FastifyRequest, reply: FastifyReply): boolean {
  varyOn(reply, 'Accept')
  const type = preferredMediaType(request.headers.accept, ARTICLE_MEDIA_TYPES)
  if (type === null) {
    throw new NotAcceptableError('NOT_ACCEPTABLE', `An article is available as ${ARTICLE_MEDIA_TYPES.join(' or ')}; the Accept header allows neither.`)
  }
  return type === NINJS_MEDIA_TYPE
}

/** The ninjs answer at an article's slug, or where an old slug moved to. What a token reads differs, so Vary says so. */
export async function ninjsItemAt (slug: string, request: FastifyRequest, reply: FastifyReply, ninjs: NinjsService): Promise<NinjsItem | MovedArticle> {
  varyOn(reply, 'Authorization')
  const found = await ninjs.getItem(slug, request.principal)
  if ('movedTo' in found) return found
  reply.cacheEntities = found.article
  reply.type(NINJS_MEDIA_TYPE)
  return found.item
}

// The items are built field by field from stored articles, as the article route's JSON is: the schema documents the
// response and, in tests, validates it; a second check in the serializer would cost more than the query.
const plainJson = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) }

export const ninjsRoutes: FastifyPluginAsyncTypebox<{ ninjs: NinjsService }> = async (app, { ninjs }) => {
  app.get('/', {
    ...plainJson,
    schema: {
      tags: ['Content: syndication'],
      operationId: 'listNinjsItems',
      summary: 'List published articles as ninjs news items, with their full text',
      description: 'For partners who mirror or syndicate: each item is a whole IPTC ninjs 3.1 news item (headlines, html and plain text bodies, ' +
        'authors, section and tags, featured image), so one request fetches a page. Withdrawn articles are listed too, with pubStatus canceled, ' +
        `so a mirror learns to take them down. ${EMBARGO_RULE} Last changed first by default; to keep a mirror up to date, page with ` +
        'sort=updatedAt and updatedSince set to the last versionCreated you stored. The change feed is what tells deletions and ' +
        'unpublications; a renamed section, author or tag changes the items that show it without changing their version. ' +
        'A cursor belongs to its sort and filters: keep them when following meta.nextCursor or the Link header. Responses vary by Authorization.',
      querystring: ListNinjsItemsQuerySchema,
      response: { 200: NinjsItemListSchema }
    }
  }, async (request, reply) => {
    varyOn(reply, 'Authorization')
    const page = await ninjs.list(request.query, request.principal)
    reply.cacheEntities = { data: page.articles }
    return listResponse(request, reply, page, request.query.limit ?? 20)
  })
}
