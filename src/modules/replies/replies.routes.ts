// Reader replies over HTTP: the public thread and form under an article, and the moderation desk under /replies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NotFoundError } from '../../shared/errors.js'
import { idParams, problemResponse, slugParams } from '../../shared/http-schemas.js'
import { listResponse } from '../../shared/pagination.js'
import { principalOf } from '../../plugins/auth.js'
import type { RepliesRepository } from './replies.repository.js'
import {
  ListModerationQueueQuerySchema,
  ListRepliesQuerySchema,
  ModeratedReplyListSchema,
  ModeratedReplySchema,
  ModerateReplyBodySchema,
  ReplyListSchema,
  SubmitReplyBodySchema,
  SubmittedReplySchema
} from './replies.schemas.js'

const ArticleParamsSchema = slugParams('lake-chad-fishermen-return-as-waters-rise')
const ARTICLE_NOT_FOUND = problemResponse('No published article has this slug.')
const REPLY_NOT_FOUND = problemResponse('No reply has this id.')
const DEFAULT_LIMIT = 50

const repliesRoutes: FastifyPluginAsyncTypebox<{ replies: RepliesRepository }> = async (app, { replies }) => {
  app.get('/articles/:slug/replies', {
    schema: {
      tags: ['replies'],
      operationId: 'listArticleReplies',
      summary: 'List the approved replies to a published article, oldest first',
      description: 'Each reply carries parentId, so a frontend can build the thread. meta.total counts every approved reply.',
      params: ArticleParamsSchema,
      querystring: ListRepliesQuerySchema,
      response: { 200: ReplyListSchema, 404: ARTICLE_NOT_FOUND }
    }
  }, async (request, reply) => {
    const limit = request.query.limit ?? DEFAULT_LIMIT
    const page = await replies.listApproved(request.params.slug, { limit, cursor: request.query.cursor })
    if (!page) throw new NotFoundError('article', request.params.slug)
    return listResponse(request, reply, page, limit, { total: page.total })
  })

  app.post('/articles/:slug/replies', {
    schema: {
      tags: ['replies'],
      operationId: 'submitReply',
      summary: 'Leave a reply on a published article',
      description: 'The reply waits for a moderator and is not shown until approved. The email address is never published.',
      params: ArticleParamsSchema,
      body: SubmitReplyBodySchema,
      response: {
        202: SubmittedReplySchema,
        404: ARTICLE_NOT_FOUND,
        422: problemResponse('parentId is not an approved reply to this article.')
      }
    }
  }, async (request, reply) => reply.status(202).send(await replies.submit(request.params.slug, request.body)))

  app.get('/replies', {
    config: { auth: 'editor' },
    schema: {
      tags: ['replies'],
      operationId: 'listRepliesForModeration',
      summary: 'The moderation queue: replies in one status, oldest first',
      description: 'Pending replies unless status says otherwise; articleId narrows the queue to one article.',
      querystring: ListModerationQueueQuerySchema,
      response: { 200: ModeratedReplyListSchema }
    }
  }, async (request, reply) => {
    const { status = 'pending', articleId, cursor, limit = DEFAULT_LIMIT } = request.query
    const page = await replies.listForModeration({ status, articleId, limit, cursor })
    return listResponse(request, reply, page, limit, { total: page.total })
  })

  app.get('/replies/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['replies'],
      operationId: 'getReply',
      summary: 'Get one reply, whatever its status, with its moderation fields',
      params: idParams(1),
      response: { 200: ModeratedReplySchema, 404: REPLY_NOT_FOUND }
    }
  }, async (request) => {
    const found = await replies.findById(request.params.id)
    if (!found) throw new NotFoundError('reply', request.params.id)
    return found
  })

  app.patch('/replies/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['replies'],
      operationId: 'moderateReply',
      summary: 'Approve, reject or mark a reply as spam',
      description: 'Records when and by which token. Only approved replies are public; setting another status hides the reply again.',
      params: idParams(1),
      body: ModerateReplyBodySchema,
      response: { 200: ModeratedReplySchema, 404: REPLY_NOT_FOUND }
    }
  }, async (request) => {
    const moderated = await replies.moderate(request.params.id, request.body.status, principalOf(request).tokenId)
    if (!moderated) throw new NotFoundError('reply', request.params.id)
    return moderated
  })

  app.delete('/replies/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['replies'],
      operationId: 'deleteReply',
      summary: 'Delete a reply',
      description: 'Its answers stay, with parentId null.',
      params: idParams(1),
      response: { 204: Type.Null({ description: 'Deleted.' }), 404: REPLY_NOT_FOUND }
    }
  }, async (request, reply) => {
    if (!(await replies.delete(request.params.id))) throw new NotFoundError('reply', request.params.id)
    return reply.status(204).send(null)
  })
}

export default repliesRoutes
