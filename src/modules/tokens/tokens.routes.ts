// API tokens over HTTP, for admins. Secrets leave the service once, in the creation response.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NotFoundError } from '../../shared/errors.js'
import { idParams, problemResponse } from '../../shared/http-schemas.js'
import type { TokensService } from './tokens.service.js'
import { CreatedTokenSchema, CreateTokenBodySchema, TokenListSchema } from './tokens.schemas.js'

export const tokensAdminRoutes: FastifyPluginAsyncTypebox<{ tokens: TokensService }> = async (app, { tokens }) => {
  app.get('/', {
    config: { auth: 'admin' },
    schema: {
      tags: ['Admin: tokens'],
      operationId: 'listTokens',
      summary: 'List API tokens, newest first, without their secrets',
      description: 'Every token, revoked ones included (with revokedAt): its name, role, bound author and when it was last used, to spot unused or forgotten tokens. ' +
        'A secret is shown only when its token is created: a lost secret means a new token and revoking the old one.',
      response: { 200: TokenListSchema }
    }
  }, async () => ({ data: await tokens.list() }))

  app.post('/', {
    config: { auth: 'admin' },
    schema: {
      tags: ['Admin: tokens'],
      operationId: 'createToken',
      summary: 'Create an API token',
      description: 'For a new tool or person: pick the weakest role that does the job. Contributor and author tokens must be bound to an author (authorId), ' +
        'the one whose articles they own. The response carries the secret, once: only its SHA-256 hash is stored. ' +
        '422 when authorId names no author, or is missing for a contributor or author token.',
      body: CreateTokenBodySchema,
      response: { 201: CreatedTokenSchema, 422: problemResponse('authorId names no author (AUTHOR_NOT_FOUND), or a contributor or author token has none (AUTHOR_REQUIRED).') }
    }
  }, async (request, reply) => reply.status(201).send(await tokens.create(request.body)))

  app.delete('/:id', {
    config: { auth: 'admin' },
    schema: {
      tags: ['Admin: tokens'],
      operationId: 'revokeToken',
      summary: 'Revoke an API token',
      description: 'The token stops working at once. It stays in the list with its revokedAt time.',
      params: idParams(2),
      response: { 204: Type.Null({ description: 'Revoked.' }), 404: problemResponse('No active token has this id.') }
    }
  }, async (request, reply) => {
    if (!(await tokens.revoke(request.params.id))) throw new NotFoundError('token', request.params.id)
    return reply.status(204).send(null)
  })
}
