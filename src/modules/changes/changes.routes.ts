// The change feed over HTTP: one public route that partners read with their token for what is under embargo.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { varyOn } from '../../shared/negotiation.js'
import { problemResponse } from '../../shared/http-schemas.js'
import { setNextLink } from '../../shared/pagination.js'
import { plainJson } from '../articles/articles.routes.js'
import type { ChangesService } from './changes.service.js'
import { ChangeFeedSchema, ListChangesQuerySchema } from './changes.schemas.js'

export const changesRoutes: FastifyPluginAsyncTypebox<{ changes: ChangesService }> = async (app, { changes }) => {
  app.get('/changes', {
    ...plainJson,
    schema: {
      tags: ['Content: syndication'],
      operationId: 'listChanges',
      summary: 'Every change to public content since a token, to mirror it',
      description: 'Each publication, update, unpublication and deletion of an article, in the order they were committed, oldest first; ' +
        'updated also covers a renamed section, author or tag the article shows. Without since, from the very first change. ' +
        'To mirror the public set: store each change\'s article under its id, remove the id when article is null, follow meta.next ' +
        '(or the Link header) while meta.hasMore, then poll with the last meta.next; an empty page returns the same token. ' +
        'Tokens are opaque: a malformed one, one from another installation, or a public one sent with a partner token is a 400. ' +
        'With a token (partner or above) the feed includes articles under embargo, with embargoedUntil; the public feed leaves them out ' +
        'until the embargo is lifted, when they arrive as published. Articles carry no replyCount, which changes with moderation and ' +
        'records no change. Every page carries the surrogate key "changes": purge it at the CDN on every article change.',
      querystring: ListChangesQuerySchema,
      response: {
        200: ChangeFeedSchema,
        400: problemResponse('A query parameter fails validation, or since is not a token this feed issued (INVALID_CHANGES_TOKEN), points past ' +
          'its last change (CHANGES_TOKEN_AHEAD), or was issued to the other audience (CHANGES_TOKEN_AUDIENCE_MISMATCH).')
      }
    }
  }, async (request, reply) => {
    const feed = await changes.list(request.principal, request.query)
    // A token changes the answer (embargoed changes, another token audience): a cache must not hand one to the other.
    varyOn(reply, 'authorization')
    setNextLink(request, reply, feed.meta.next, 'since')
    return feed
  })
}
