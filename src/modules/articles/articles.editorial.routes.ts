// An article's editorial record over HTTP: revisions and restore, corrections, withdrawal. Rules live in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { principalOf } from '../../plugins/auth.js'
import { problemResponse } from '../../shared/http-schemas.js'
import { listResponse } from '../../shared/pagination.js'
import type { EditorialService } from './articles.editorial.service.js'
import {
  CreateCorrectionBodySchema,
  IfMatchHeadersSchema,
  ListRevisionsQuerySchema,
  RevisionListSchema,
  RevisionParamsSchema,
  RevisionSchema,
  WithdrawBodySchema
} from './articles.editorial.schemas.js'
import { ArticleIdParamsSchema, CorrectionSchema, WriterArticleSchema } from './articles.schemas.js'
import { expectedVersionsOf, PRECONDITION_FAILED, withVersionTag } from './articles.versioning.js'

const FORBIDDEN = problemResponse('The role is too weak, or a contributor or author token asks about an article that is not theirs.')
const ARTICLE_NOT_FOUND = problemResponse('No article has this id.')
const NOT_PUBLISHED = problemResponse('The article is not published (or, to withdraw, is already withdrawn).')

const editorialRoutes: FastifyPluginAsyncTypebox<{ service: EditorialService }> = async (app, { service }) => {
  app.get('/:id/revisions', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'listArticleRevisions',
      summary: 'List the revisions of an article, newest first',
      description: 'Every change to an article stores a revision: who, when, and the full article as it was after the change. ' +
        'Writers may read the revisions of the articles they may edit.',
      params: ArticleIdParamsSchema,
      querystring: ListRevisionsQuerySchema,
      response: { 200: RevisionListSchema, 403: FORBIDDEN, 404: ARTICLE_NOT_FOUND }
    }
  }, async (request, reply) => {
    const limit = request.query.limit ?? 20
    const page = await service.listRevisions(principalOf(request), request.params.id, { limit, cursor: request.query.cursor, total: request.query.total })
    return listResponse(request, reply, page, limit)
  })

  app.get('/:id/revisions/:number', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'getArticleRevision',
      summary: 'Get one revision of an article: the full article as it was',
      description: 'The snapshot stored by that change, with section, authors and tags as ids: compare it with the current article, ' +
        'or restore it with POST /v1/admin/articles/{id}/revisions/{number}/restore. 404 when the article has no revision with this number.',
      params: RevisionParamsSchema,
      response: { 200: RevisionSchema, 403: FORBIDDEN, 404: problemResponse('No article has this id, or it has no revision with this number.') }
    }
  }, async (request) => service.getRevision(principalOf(request), request.params.id, request.params.number))

  app.post('/:id/revisions/:number/restore', {
    config: { auth: 'contributor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'restoreArticleRevision',
      summary: 'Put a revision\'s content back, as a new revision',
      description: 'Restores the headline, subtitle, excerpt, body, section, authors, tags, featured image, dateline, language, ' +
        'canonical URL, featured flag and byline. The status, publication times and slug stay as they are now. The same rules ' +
        'as PATCH apply, and the restore is itself a revision, so it can be undone. Send If-Match to be sure nobody saved in between.',
      params: RevisionParamsSchema,
      headers: IfMatchHeadersSchema,
      response: {
        200: WriterArticleSchema,
        403: FORBIDDEN,
        404: problemResponse('No article has this id, or it has no revision with this number.'),
        412: PRECONDITION_FAILED,
        422: problemResponse('The revision refers to a section, author or tag that has been deleted since.')
      }
    }
  }, async (request, reply) => withVersionTag(reply, await service.restore(
    principalOf(request), request.params.id, request.params.number, expectedVersionsOf(request.headers['if-match'])
  )))

  app.post('/:id/corrections', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'createArticleCorrection',
      summary: 'Append a correction, update or clarification to a published article',
      description: 'Readers see it in the article\'s corrections, oldest first. The article\'s updatedAt moves; its publishedAt stays. ' +
        'Corrections are a public record: they cannot be edited or removed.',
      params: ArticleIdParamsSchema,
      headers: IfMatchHeadersSchema,
      body: CreateCorrectionBodySchema,
      response: { 201: CorrectionSchema, 404: ARTICLE_NOT_FOUND, 409: problemResponse('The article is not published.'), 412: PRECONDITION_FAILED }
    }
  }, async (request, reply) => reply.status(201).send(await service.addCorrection(
    principalOf(request), request.params.id, request.body, expectedVersionsOf(request.headers['if-match'])
  )))

  app.post('/:id/withdraw', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'withdrawArticle',
      summary: 'Withdraw (retract) a published article',
      description: 'The article stays at its URL with the notice { at, reason } in withdrawn, and without its body; it leaves lists, ' +
        'feeds, search and related articles. Writers still see the body by id. Undo with DELETE /v1/admin/articles/{id}/withdrawal.',
      params: ArticleIdParamsSchema,
      headers: IfMatchHeadersSchema,
      body: WithdrawBodySchema,
      response: { 200: WriterArticleSchema, 404: ARTICLE_NOT_FOUND, 409: NOT_PUBLISHED, 412: PRECONDITION_FAILED }
    }
  }, async (request, reply) => withVersionTag(reply, await service.withdraw(
    principalOf(request), request.params.id, request.body.reason, expectedVersionsOf(request.headers['if-match'])
  )))

  app.delete('/:id/withdrawal', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'reinstateArticle',
      summary: 'Reinstate a withdrawn article',
      description: 'Clears the withdrawal: the body shows again and the article returns to lists and search. ' +
        'An article that is not withdrawn is left as it is.',
      params: ArticleIdParamsSchema,
      headers: IfMatchHeadersSchema,
      response: { 200: WriterArticleSchema, 404: ARTICLE_NOT_FOUND, 412: PRECONDITION_FAILED }
    }
  }, async (request, reply) => withVersionTag(reply, await service.reinstate(
    principalOf(request), request.params.id, expectedVersionsOf(request.headers['if-match'])
  )))
}

export default editorialRoutes
