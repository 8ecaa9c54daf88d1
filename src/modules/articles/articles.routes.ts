// Articles over HTTP: the public read side by slug, the writers' side by id. Rules live in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problemResponse } from '../../shared/http-schemas.js'
import { listResponse } from '../../shared/pagination.js'
import { principalOf } from '../../plugins/auth.js'
import type { ArticlesService } from './articles.service.js'
import {
  ArticleIdParamsSchema,
  ArticleListSchema,
  ArticleSchema,
  ArticleSlugParamsSchema,
  CreateArticleBodySchema,
  ListArticlesQuerySchema,
  UpdateArticleBodySchema
} from './articles.schemas.js'

const NOT_FOUND = problemResponse('No article has this id.')
const FORBIDDEN = problemResponse('The role is too weak, or a contributor or author token tries to write an article that is not theirs.')
const UNPROCESSABLE = problemResponse('The article refers to a section, author or tag that does not exist, or its schedule is impossible.')
const CONFLICT = problemResponse('The slug is already used by another article.')
// find-my-way tries the numeric pattern first, so ids and slugs share the path position.
const BY_ID = '/:id(^\\d+$)'

const articlesRoutes: FastifyPluginAsyncTypebox<{ service: ArticlesService }> = async (app, { service }) => {
  app.get('/', {
    schema: {
      tags: ['articles'],
      operationId: 'listArticles',
      summary: 'List published articles, newest first',
      querystring: ListArticlesQuerySchema,
      response: { 200: ArticleListSchema }
    }
  }, async (request, reply) => {
    const limit = request.query.limit ?? 20
    const page = await service.listPublished({ limit, cursor: request.query.cursor })
    return listResponse(request, reply, page, limit)
  })

  app.get('/:slug', {
    schema: {
      tags: ['articles'],
      operationId: 'getArticle',
      summary: 'Get one published article by its slug',
      description: 'Everything an article page renders: body blocks and HTML, section, authors and tags. Drafts and scheduled articles are not found.',
      params: ArticleSlugParamsSchema,
      response: { 200: ArticleSchema, 404: problemResponse('No published article has this slug.') }
    }
  }, async (request) => service.getPublished(request.params.slug))

  app.post('/', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['articles'],
      operationId: 'createArticle',
      summary: 'Create an article',
      description: 'Drafts by default. The slug is made from the headline when left out; bodyHtml, bodyText and readingTime are computed now, not per request.',
      body: CreateArticleBodySchema,
      response: { 201: ArticleSchema, 403: FORBIDDEN, 409: CONFLICT, 422: UNPROCESSABLE }
    }
  }, async (request, reply) => reply.status(201).send(await service.create(principalOf(request), request.body)))

  app.get(BY_ID, {
    config: { auth: 'contributor' },
    schema: {
      tags: ['articles'],
      operationId: 'getArticleById',
      summary: 'Get any article by id, whatever its status',
      params: ArticleIdParamsSchema,
      response: { 200: ArticleSchema, 403: FORBIDDEN, 404: NOT_FOUND }
    }
  }, async (request) => service.getForWriter(principalOf(request), request.params.id))

  app.patch(BY_ID, {
    config: { auth: 'contributor' },
    schema: {
      tags: ['articles'],
      operationId: 'updateArticle',
      summary: 'Change some fields of an article',
      description: 'Fields left out keep their value; null clears a nullable field. Changing status to published stamps publishedAt.',
      params: ArticleIdParamsSchema,
      body: UpdateArticleBodySchema,
      response: { 200: ArticleSchema, 403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT, 422: UNPROCESSABLE }
    }
  }, async (request) => service.update(principalOf(request), request.params.id, request.body))

  app.delete(BY_ID, {
    config: { auth: 'contributor' },
    schema: {
      tags: ['articles'],
      operationId: 'deleteArticle',
      summary: 'Delete an article with its replies',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, examples: [50] }) }),
      response: { 204: Type.Null({ description: 'Deleted.' }), 403: FORBIDDEN, 404: NOT_FOUND }
    }
  }, async (request, reply) => {
    await service.delete(principalOf(request), request.params.id)
    return reply.status(204).send(null)
  })
}

export default articlesRoutes
