// Reader replies over HTTP: the public thread and form under an article, and the moderation desk under /replies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import rateLimit from '@fastify/rate-limit'
import type { Redis } from 'ioredis'
import { Type } from 'typebox'
import { HttpError, NotFoundError } from '../../shared/errors.js'
import { idParams, problemResponse, slugParams } from '../../shared/http-schemas.js'
import { listResponse } from '../../shared/pagination.js'
import { principalOf } from '../../plugins/auth.js'
import { TOO_MANY_REQUESTS_HEADERS } from '../../plugins/rate-limit.js'
import type { RepliesService } from './replies.service.js'
import {
  BulkModerationBodySchema,
  BulkModerationResultSchema,
  ListModerationQueueQuerySchema,
  ListRepliesQuerySchema,
  MAX_THREAD_DEPTH,
  ModeratedReplyListSchema,
  ModeratedReplySchema,
  ModerateReplyBodySchema,
  SubmitReplyBodySchema,
  SubmittedReplySchema,
  ThreadSchema
} from './replies.schemas.js'

const ArticleParamsSchema = slugParams('lake-chad-fishermen-return-as-waters-rise')
const ARTICLE_NOT_FOUND = problemResponse('No published article has this slug (drafts, scheduled, archived and withdrawn articles included).')
const REPLY_NOT_FOUND = problemResponse('No reply has this id, or it was deleted.')
const DEFAULT_LIMIT = 50
const RATE_WINDOW_MS = 60_000

const TOO_MANY_REPLIES = {
  ...problemResponse('Too many submissions from this address in the last minute (TOO_MANY_REPLIES), or too many requests of any kind (RATE_LIMITED).'),
  headers: TOO_MANY_REQUESTS_HEADERS
}

export const repliesRoutes: FastifyPluginAsyncTypebox<{ replies: RepliesService, redis: Redis | null }> = async (app, { replies, redis }) => {
  // Registered here, so the limit covers only the routes that opt in below; request.ip honours X-Forwarded-For only with TRUST_PROXY.
  await app.register(rateLimit, {
    global: false,
    ...(redis && { redis, nameSpace: 'news-content-api:reply-rate:', skipOnError: true }),
    // After validation: a reader who fixes a typo the schema refused has not spent an attempt, and bad bodies never reach the database.
    hook: 'preHandler',
    errorResponseBuilder: (_request, context) => new HttpError(
      context.statusCode,
      'TOO_MANY_REPLIES',
      'Too Many Requests',
      `This address may submit ${context.max} replies a minute. Try again in ${Math.ceil(context.ttl / 1000)} s, as Retry-After says.`
    )
  })

  app.get('/articles/:slug/replies', {
    schema: {
      tags: ['Content: replies'],
      operationId: 'listArticleReplies',
      summary: 'The public thread of a published article: approved replies, oldest first',
      description: 'Build the thread from parentId. A reply whose parent was deleted, rejected or hidden still appears, ' +
        'under a placeholder item (placeholder: true, no name or text) that stands for the missing parent. ' +
        'meta.total counts the approved replies; meta.repliesEnabled says whether to offer the reply form.',
      params: ArticleParamsSchema,
      querystring: ListRepliesQuerySchema,
      response: { 200: ThreadSchema, 404: ARTICLE_NOT_FOUND }
    }
  }, async (request, reply) => {
    const limit = request.query.limit ?? DEFAULT_LIMIT
    const page = await replies.listThread(request.params.slug, { limit, cursor: request.query.cursor })
    if (!page) throw new NotFoundError('article', request.params.slug)
    return listResponse(request, reply, page, limit, { total: page.total, repliesEnabled: page.repliesEnabled })
  })

  app.post('/articles/:slug/replies', {
    config: { rateLimit: { max: app.config.repliesPerMinute, timeWindow: RATE_WINDOW_MS } },
    schema: {
      tags: ['Content: replies'],
      operationId: 'submitReply',
      summary: 'Leave a reply on a published article',
      description: 'The reply waits for a moderator unless the article\'s section (or the service) approves replies automatically; ' +
        'the answer\'s status says which. The email address is never published. Each address may submit a few replies a minute (REPLIES_PER_MINUTE).',
      params: ArticleParamsSchema,
      body: SubmitReplyBodySchema,
      response: {
        202: SubmittedReplySchema,
        404: ARTICLE_NOT_FOUND,
        409: problemResponse('Replies to this article are closed (REPLIES_CLOSED), or the same email sent the same text to it less than a minute ago (DUPLICATE_REPLY).'),
        422: problemResponse(`parentId is not an approved reply to this article (INVALID_PARENT_REPLY), or is ${MAX_THREAD_DEPTH} replies deep already (THREAD_TOO_DEEP).`),
        429: TOO_MANY_REPLIES
      }
    }
  }, async (request, reply) => {
    const submitted = await replies.submit(request.params.slug, request.body, { ip: request.ip })
    return reply.status(202).send(submitted)
  })
}

export const repliesAdminRoutes: FastifyPluginAsyncTypebox<{ replies: RepliesService }> = async (app, { replies }) => {
  app.get('/replies', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: replies'],
      operationId: 'listRepliesForModeration',
      summary: 'The moderation queue: replies in one status, oldest first',
      description: 'Pending replies unless status says otherwise; articleId narrows the queue to one article, and meta.total counts the whole queue. ' +
        'Decide on them one by one with PATCH /v1/admin/replies/{id}, or many at once with POST /v1/admin/replies/moderation.',
      querystring: ListModerationQueueQuerySchema,
      response: { 200: ModeratedReplyListSchema }
    }
  }, async (request, reply) => {
    const { status = 'pending', articleId, cursor, limit = DEFAULT_LIMIT } = request.query
    const page = await replies.listForModeration({ status, articleId, limit, cursor })
    return listResponse(request, reply, page, limit, { total: page.total })
  })

  app.post('/replies/moderation', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: replies'],
      operationId: 'moderateReplies',
      summary: 'Approve, reject or mark as spam many replies at once',
      description: 'One decision for up to 100 replies, recorded on each with the token and the time. Unknown ids do not fail the request: they are listed in notFound.',
      body: BulkModerationBodySchema,
      response: { 200: BulkModerationResultSchema }
    }
  }, async (request) => replies.moderateMany(request.body.ids, request.body.status, principalOf(request).tokenId))

  app.get('/replies/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: replies'],
      operationId: 'getReply',
      summary: 'Get one reply, whatever its status, with its moderation fields',
      description: 'What a moderator opens from the queue: the text, the article it is under, the private email address, a hash of the sending address ' +
        '(equal for replies from one address, to spot floods) and the last decision. A deleted reply is 404.',
      params: idParams(1),
      response: { 200: ModeratedReplySchema, 404: REPLY_NOT_FOUND }
    }
  }, async (request) => replies.findById(request.params.id))

  app.patch('/replies/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: replies'],
      operationId: 'moderateReply',
      summary: 'Approve, reject or mark a reply as spam',
      description: 'Records when and by which token. Only approved replies are public; another decision hides the reply again, and its approved answers stay under a placeholder.',
      params: idParams(7),
      body: ModerateReplyBodySchema,
      response: { 200: ModeratedReplySchema, 404: REPLY_NOT_FOUND }
    }
  }, async (request) => replies.moderate(request.params.id, request.body.status, principalOf(request).tokenId))

  app.delete('/replies/:id', {
    config: { auth: 'editor' },
    schema: {
      tags: ['Admin: replies'],
      operationId: 'deleteReply',
      summary: 'Delete a reply for good',
      description: 'Its name, email address and text are erased. Its approved answers stay public, under a placeholder where it was.',
      params: idParams(1),
      response: { 204: Type.Null({ description: 'Deleted.' }), 404: REPLY_NOT_FOUND }
    }
  }, async (request, reply) => {
    await replies.delete(request.params.id, principalOf(request).tokenId)
    return reply.status(204).send(null)
  })
}
