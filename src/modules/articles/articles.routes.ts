// Articles over HTTP: the public read side by slug, the writers' side by id. Rules live in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { problemResponse, MAX_ID } from '../../shared/http-schemas.js'
import { listResponse, sendEncoded, sendEncodedList } from '../../shared/pagination.js'
import { principalOf } from '../../plugins/auth.js'
import { isNotModified } from '../../plugins/http-cache.js'
import { requestedCoding } from '../../shared/compression.js'
import { parseFormats } from './articles.representations.js'
import type { ArticlesService } from './articles.service.js'
import { NINJS_MEDIA_TYPE, NinjsItemSchema } from '../ninjs/ninjs.schemas.js'
import { NEGOTIATION_DESCRIPTION, ninjsItemAt, wantsNinjs } from '../ninjs/ninjs.routes.js'
import type { NinjsService } from '../ninjs/ninjs.service.js'
import { IfMatchHeadersSchema } from './articles.editorial.schemas.js'
import { expectedVersionsOf, PRECONDITION_FAILED, withVersionTag } from './articles.versioning.js'
import { ListArticlesForEditorsQuerySchema, WriterArticleListSchema } from './articles.admin-list.schemas.js'
import {
  ArticleIdParamsSchema,
  ArticleListSchema,
  ArticleMovedSchema,
  ArticleSchema,
  ArticleSlugParamsSchema,
  BodyFormatsQuerySchema,
  CreateArticleBodySchema,
  ListArticlesQuerySchema,
  RelatedArticlesSchema,
  UpdateArticleBodySchema,
  WriterArticleSchema
} from './articles.schemas.js'

const NOT_FOUND = problemResponse('No article has this id.')
const FORBIDDEN = problemResponse('The role is too weak, or a contributor or author token tries to write an article that is not theirs.')
const FORBIDDEN_TO_TAKE_DOWN = problemResponse('The role is too weak, a contributor or author token tries to write an article that is not theirs, ' +
  'or to take down a published article that carries a correction or withdrawal, which only an editor may do (PUBLIC_RECORD_PROTECTED).')
const UNPROCESSABLE = problemResponse('The article refers to a section, author or tag that does not exist, or its schedule is impossible.')
const CONFLICT = problemResponse('The slug is already used by another article.')
const MOVED = {
  description: 'An old slug of the article: Location is the same request at its current slug.',
  headers: { Location: { type: 'string', format: 'uri', description: 'The absolute URL of the article under its current slug.' } },
  content: { 'application/json': { schema: ArticleMovedSchema } }
}

// Given per media type, a response's schemas reach the spec as they are, where @fastify/swagger would lift the example
// out of a response schema of its own: the example goes where it would put it, so the spec's Article component is the
// same here as where ArticleSchema is a whole response.
const { examples: [ARTICLE_EXAMPLE], ...ArticleContentSchema } = ArticleSchema as typeof ArticleSchema & { examples: Array<Record<string, unknown>> }
// As sent without formats=: the body as HTML alone.
const { body: _blocks, bodyText: _text, ...DEFAULT_ARTICLE_EXAMPLE } = ARTICLE_EXAMPLE as Record<string, unknown>
const ARTICLE_REPRESENTATIONS = {
  description: 'The article, as this API\'s JSON or, with Accept: application/ninjs+json, as an IPTC ninjs 3.1 news item (which formats= does not change).',
  content: {
    'application/json': { schema: ArticleContentSchema, example: DEFAULT_ARTICLE_EXAMPLE },
    [NINJS_MEDIA_TYPE]: { schema: NinjsItemSchema }
  }
}

/** 301 to the same route at the article's current slug, with the query kept. */
function movedPermanently (request: FastifyRequest, reply: FastifyReply, movedTo: string) {
  const query = request.url.indexOf('?')
  // Built from the route pattern, not by editing the raw URL: the old slug may arrive percent-encoded.
  const path = request.routeOptions.url?.replace(':slug', movedTo) as string
  // Concatenated, not resolved: a base URL may carry a path prefix such as https://example.com/api.
  const location = `${request.server.config.publicBaseUrl}${path}${query === -1 ? '' : request.url.slice(query)}`
  return reply.code(301).header('location', location).send({ location })
}

// The repository builds article JSON field by field, never from a raw row, so Fastify's schema serializer would
// only re-check what the tests' response validation already proves, and on a 5 KB article it costs more than the
// query. The schemas still document every response and, in tests, validate it.
export const plainJson = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) }

export const articlesRoutes: FastifyPluginAsyncTypebox<{ service: ArticlesService, ninjs: NinjsService }> = async (app, { service, ninjs }) => {
  app.get('/', {
    ...plainJson,
    schema: {
      tags: ['Content: articles'],
      operationId: 'listArticles',
      summary: 'List, filter and search published articles',
      description: 'Newest first by default. Filters combine (AND); a filter with several slugs matches any of them. With q, hits are ' +
        'ranked by relevance (the headline weighs most; the 2,000 newest matches are ranked) and carry a snippet. Withdrawn articles are never listed. ' +
        'A cursor belongs to its sort: keep sort (and the filters) when following meta.nextCursor or the Link header.',
      querystring: ListArticlesQuerySchema,
      response: { 200: ArticleListSchema }
    }
  }, async (request, reply) => {
    const page = await service.listPublished(request.query)
    // Untyped: the type provider does not know a body sent as JSON text.
    return sendEncodedList(request, reply as FastifyReply, 'articles', page, request.query.limit ?? 20)
  })

  app.get('/:slug', {
    ...plainJson,
    // One indexed lookup of what was stored when the article last changed, in the coding asked for when it is stored. A
    // copy in memory would also skip the read, but readers spread over the whole archive, and the cache is kept for the
    // lists and feeds all of them read.
    config: { responseCache: false },
    schema: {
      tags: ['Content: articles'],
      operationId: 'getArticle',
      summary: 'Get one published article by its slug, as JSON or as ninjs',
      description: 'Everything an article page renders: the body (as HTML unless formats= asks for other forms), section with its breadcrumb, authors, tags and the reply count. ' +
        'Served as stored when the article was last written, with its ETag, and with the body as HTML alone (the default) also compressed as stored for a client that accepts brotli or gzip: ' +
        'a revalidation that matches costs no more than the lookup. ' +
        'Drafts and scheduled articles are not found; a withdrawn article stays, with its notice and without its body. An old slug answers 301 to the current one. ' +
        NEGOTIATION_DESCRIPTION,
      params: ArticleSlugParamsSchema,
      querystring: BodyFormatsQuerySchema,
      response: {
        200: ARTICLE_REPRESENTATIONS,
        301: MOVED,
        404: problemResponse('No published article has this slug, now or before; in ninjs, none a token\'s holder may see under embargo either.'),
        406: problemResponse('The Accept header allows neither application/json nor application/ninjs+json.')
      }
    }
  }, async (request, reply) => {
    if (wantsNinjs(request, reply)) {
      const item = await ninjsItemAt(request.params.slug, request, reply, ninjs)
      return 'movedTo' in item ? movedPermanently(request, reply, item.movedTo) : item
    }
    const { headers } = request
    const conditional = headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined
    const found = await service.readPublished(request.params.slug, parseFormats(request.query.formats),
      conditional ? (etag, lastModified) => isNotModified(request, etag, lastModified) : undefined, requestedCoding(headers))
    if ('movedTo' in found) return movedPermanently(request, reply, found.movedTo)
    // Untyped: the type provider knows neither the 304 the caching plugin documents nor a body sent as stored JSON text.
    const send = reply as FastifyReply
    send.header('etag', found.etag).storedSurrogateKeys(found.surrogateKeys)
    if (found.lastModified === null) send.withoutLastModified()
    else send.header('last-modified', found.lastModified)
    // Compressed when it was stored: compression passes on a body that has its Content-Encoding.
    if (found.encoded) return send.header('content-encoding', found.encoded.coding).type('application/json; charset=utf-8').send(found.encoded.bytes)
    if (found.json === null) return send.code(304).send()
    return send.type('application/json; charset=utf-8').send(found.json)
  })

  app.get('/:slug/related', {
    ...plainJson,
    schema: {
      tags: ['Content: articles'],
      operationId: 'listRelatedArticles',
      summary: 'Articles related to one article',
      description: 'Other public articles, those sharing the most tags first, then those of the same section, then the newest.',
      params: ArticleSlugParamsSchema,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5, description: 'How many articles.' })) }, { additionalProperties: false }),
      response: { 200: RelatedArticlesSchema, 301: MOVED, 404: problemResponse('No public article has this slug: unknown, not published, or withdrawn.') }
    }
  }, async (request, reply) => {
    const related = await service.listRelated(request.params.slug, request.query.limit ?? 5)
    return 'movedTo' in related ? movedPermanently(request, reply, related.movedTo) : sendEncoded(reply as FastifyReply, 'articles', related)
  })
}

export const articlesAdminRoutes: FastifyPluginAsyncTypebox<{ service: ArticlesService }> = async (app, { service }) => {
  app.get('/', {
    ...plainJson,
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'listArticlesForEditors',
      summary: 'List articles of every status, for an editorial screen',
      description: 'Drafts, scheduled, published and archived articles, last changed first by default. Editors and admins see every article; ' +
        'contributors and authors those that credit their own author (403 for a token bound to no author). Filters combine (AND); ' +
        'a filter with several values matches any of them. A cursor belongs to its sort: keep sort and the filters when following meta.nextCursor or the Link header.',
      querystring: ListArticlesForEditorsQuerySchema,
      response: { 200: WriterArticleListSchema, 403: problemResponse('The role is too weak (partner), or a contributor or author token is bound to no author.') }
    }
  }, async (request, reply) => {
    const page = await service.listForEditors(principalOf(request), request.query)
    return listResponse(request, reply, page, request.query.limit ?? 20)
  })

  app.post('/', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'createArticle',
      summary: 'Create an article',
      description: 'Drafts by default. The slug is made from the headline when left out; bodyHtml, bodyText and readingTime are computed now, not per request.',
      body: CreateArticleBodySchema,
      response: { 201: WriterArticleSchema, 403: FORBIDDEN, 409: CONFLICT, 422: UNPROCESSABLE }
    }
  }, async (request, reply) => reply.status(201).send(withVersionTag(reply, await service.create(principalOf(request), request.body))))

  app.get('/:id', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'getArticleById',
      summary: 'Get any article by id, whatever its status',
      description: 'The writer\'s view: version, createdBy and updatedBy too, and the body even when withdrawn. The ETag header is the version, for If-Match.',
      params: ArticleIdParamsSchema,
      response: { 200: WriterArticleSchema, 403: FORBIDDEN, 404: NOT_FOUND }
    }
  }, async (request, reply) => withVersionTag(reply, await service.getForWriter(principalOf(request), request.params.id)))

  app.patch('/:id', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'updateArticle',
      summary: 'Change some fields of an article',
      description: 'Fields left out keep their value; null clears a nullable field. Changing status to published stamps publishedAt. ' +
        'Send If-Match with the ETag you read to be sure nobody saved in between (412 otherwise); without it the change is ' +
        'written whatever happened meanwhile, because many tools do not send it. Every change stores a revision.',
      params: ArticleIdParamsSchema,
      headers: IfMatchHeadersSchema,
      body: UpdateArticleBodySchema,
      response: { 200: WriterArticleSchema, 403: FORBIDDEN_TO_TAKE_DOWN, 404: NOT_FOUND, 409: CONFLICT, 412: PRECONDITION_FAILED, 422: UNPROCESSABLE }
    }
  }, async (request, reply) => withVersionTag(reply, await service.update(
    principalOf(request), request.params.id, request.body, expectedVersionsOf(request.headers['if-match'])
  )))

  app.delete('/:id', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'deleteArticle',
      summary: 'Delete an article with its replies',
      description: 'For good: its replies, revisions, corrections and old slugs go too, its URL answers 404 and its slug is free again. ' +
        'To take a story down and keep it, unpublish or withdraw it instead. Editors delete any article, authors those that credit them, ' +
        'contributors only their own drafts (403 otherwise). An article that carries a correction or a withdrawal notice is the public record: ' +
        'only an editor may delete it (403 PUBLIC_RECORD_PROTECTED for others).',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: MAX_ID, examples: [50] }) }),
      response: {
        204: Type.Null({ description: 'Deleted.' }),
        403: problemResponse('The role is too weak, the article is not the token\'s to write, or it carries a correction or withdrawal that only an editor may remove (PUBLIC_RECORD_PROTECTED).'),
        404: NOT_FOUND
      }
    }
  }, async (request, reply) => {
    await service.delete(principalOf(request), request.params.id)
    return reply.status(204).send(null)
  })
}
