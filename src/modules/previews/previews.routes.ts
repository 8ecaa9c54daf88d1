// Previews over HTTP: a frontend reads any article with a signed link, no API token needed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponse } from '../../shared/http-schemas.js'
import { ArticleSchema } from '../articles/articles.schemas.js'
import type { PreviewsService } from './previews.service.js'
import { PreviewTokenParamsSchema } from './previews.schemas.js'

/** Previews show unpublished work: no shared cache may keep them, no search engine may index them. */
export const PREVIEW_HEADERS = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' } as const

const previewsRoutes: FastifyPluginAsyncTypebox<{ previews: PreviewsService }> = async (app, { previews }) => {
  app.get('/previews/:token', {
    config: { publicCache: false },
    schema: {
      tags: ['Content: articles'],
      operationId: 'getArticlePreview',
      summary: 'Read an article through a preview link, whatever its status',
      description: 'For frontends showing drafts and scheduled articles to their editors; no API token needed. Mint the token with POST /v1/admin/articles/{id}/preview. ' +
        'The response is never cached (Cache-Control: private, no-store). A token this service did not sign, or one that was altered, is 403; an expired or revoked one is 410 Gone, so a frontend can tell "ask for a new link" apart from a forged one. ' +
        'Links are revoked when the article is withdrawn, unpublished or deleted, when the API token that minted one is revoked or (unless it is an editor\'s) taken off ' +
        'the article\'s byline at any time since, even if credited again, and by DELETE /v1/admin/articles/{id}/previews; links minted before revocation existed count as revoked.',
      params: PreviewTokenParamsSchema,
      response: {
        200: ArticleSchema,
        403: problemResponse('The token was not signed by this service: altered, cut short or made up.'),
        410: problemResponse('The preview link has expired (PREVIEW_TOKEN_EXPIRED) or was revoked (PREVIEW_TOKEN_REVOKED); mint a new one.')
      }
    }
  }, async (request, reply) => {
    reply.headers(PREVIEW_HEADERS)
    return previews.read(request.params.token)
  })
}

export default previewsRoutes
