// The editorial workflow over HTTP: publish or schedule, take down, and mint preview links. Rules live in the service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { idParams, problemResponse } from '../../shared/http-schemas.js'
import { principalOf } from '../../plugins/auth.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import type { PreviewsService } from '../previews/previews.service.js'
import { PREVIEW_HEADERS } from '../previews/previews.routes.js'
import { PreviewLinkSchema } from '../previews/previews.schemas.js'
import type { ArticlesService } from './articles.service.js'
import { WriterArticleSchema } from './articles.schemas.js'
import { IfMatchHeadersSchema } from './articles.editorial.schemas.js'
import { expectedVersionsOf, PRECONDITION_FAILED, withVersionTag } from './articles.versioning.js'
import { MintPreviewBodySchema, PublishArticleBodySchema, UnpublishArticleBodySchema } from './articles.workflow.schemas.js'

const NOT_FOUND = problemResponse('No article has this id.')
const FORBIDDEN = problemResponse('The role is too weak (contributors never publish), or an author token names an article that does not credit them.')
const ILLEGAL = problemResponse('The article cannot move to that status from the one it has (the detail names where it may go), or its status changed during the request.')
const DEFAULT_PREVIEW_SECONDS = 3600

const workflowRoutes: FastifyPluginAsyncTypebox<{ service: ArticlesService, previews: PreviewsService, links: WebAddresses }> = async (app, { service, previews, links }) => {
  app.post('/:id/publish', {
    config: { auth: 'author' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'publishArticle',
      summary: 'Publish an article now, or schedule it',
      description: 'Without `at` the article is published at once; with `at`, a future time, it is scheduled (a scheduled article gets a new time). ' +
        'A draft, scheduled or archived article may be published; an article published before keeps its first publishedAt. ' +
        'Publishing an already published article is a harmless retry: 200 with the article unchanged. Scheduling a published article is 409: unpublish it first. ' +
        'Authors publish the articles that credit them; editors any. Send If-Match with the ETag you read to be sure nobody saved in between (412 otherwise).',
      params: idParams(50),
      headers: IfMatchHeadersSchema,
      body: PublishArticleBodySchema,
      response: { 200: WriterArticleSchema, 403: FORBIDDEN, 404: NOT_FOUND, 409: ILLEGAL, 412: PRECONDITION_FAILED, 422: problemResponse('at is not in the future.') }
    }
  }, async (request, reply) => withVersionTag(reply, await service.publish(
    principalOf(request), request.params.id, request.body.at, expectedVersionsOf(request.headers['if-match'])
  )))

  app.post('/:id/unpublish', {
    config: { auth: 'author' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'unpublishArticle',
      summary: 'Take a published or scheduled article down',
      description: 'The article leaves every public route at once (404, as if it never existed) and becomes archived, or a draft with `{ "to": "draft" }`. ' +
        'An article already in the requested status answers 200 unchanged; a draft cannot be archived (409). publishedAt is kept for a later republication. If-Match works as on PATCH. ' +
        'Preview links minted before stop working. A published article that carries a correction or a withdrawal is the public record: only an editor may take it down.',
      params: idParams(1),
      headers: IfMatchHeadersSchema,
      body: UnpublishArticleBodySchema,
      response: {
        200: WriterArticleSchema,
        403: problemResponse('The role is too weak, an author token names an article that does not credit them, or the article carries a correction or withdrawal: ' +
          'only an editor may take it down (PUBLIC_RECORD_PROTECTED).'),
        404: NOT_FOUND,
        409: ILLEGAL,
        412: PRECONDITION_FAILED
      }
    }
  }, async (request, reply) => withVersionTag(reply, await service.unpublish(
    principalOf(request), request.params.id, request.body.to ?? 'archived', expectedVersionsOf(request.headers['if-match'])
  )))

  app.post('/:id/preview', {
    config: { auth: 'author' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'createArticlePreview',
      summary: 'Mint a signed preview link to an article',
      description: 'The link reads the article whatever its status, without an API token, until it expires (one hour by default, at most 7 days): ' +
        'hand it to a frontend that shows drafts to their editors. Editors mint links to any article, authors to those that credit them. ' +
        'Anyone holding the link can read the article until then, so share it like a password. The link is revoked (410 PREVIEW_TOKEN_REVOKED) when the article is ' +
        'withdrawn, unpublished or deleted (404), when the API token that minted it is revoked or, unless it is an editor\'s, is no longer credited on the article, ' +
        'and by DELETE /v1/admin/articles/{id}/previews.',
      params: idParams(50),
      body: MintPreviewBodySchema,
      response: { 201: PreviewLinkSchema, 403: FORBIDDEN, 404: NOT_FOUND }
    }
  }, async (request, reply) => {
    const link = await previews.mint(principalOf(request), request.params.id, request.body.expiresIn ?? DEFAULT_PREVIEW_SECONDS)
    return reply.status(201).headers(PREVIEW_HEADERS).send({ ...link, url: links.preview(link.token) })
  })

  app.delete('/:id/previews', {
    config: { auth: 'author' },
    schema: {
      tags: ['Admin: articles'],
      operationId: 'revokeArticlePreviews',
      summary: 'Revoke every preview link to an article',
      description: 'Every link minted for the article so far stops working at once: it answers 410 PREVIEW_TOKEN_REVOKED, with nothing of the article. ' +
        'Links minted afterwards work. For a link shared too widely; withdrawing or unpublishing the article, and revoking the API token that minted a link, ' +
        'revoke links without this. Editors revoke the links of any article, authors of those that credit them. The article itself does not change: no new version.',
      params: idParams(50),
      response: { 204: Type.Null({ description: 'Revoked: no link minted before this answer works any more.' }), 403: FORBIDDEN, 404: NOT_FOUND }
    }
  }, async (request, reply) => {
    await previews.revokeAll(principalOf(request), request.params.id)
    return reply.status(204).send(null)
  })
}

export default workflowRoutes
