// The OpenAPI 3.1 document generated from the route schemas, and Swagger UI to explore it.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { BEARER_SCHEME } from './auth.js'
import { hoistNamedSchemas } from '../shared/openapi-components.js'

export const API_TITLE = 'World Weekly News Content API'
export const API_VERSION = '1.0.0'

const DESCRIPTION = `A headless content API for a news publisher: articles, sections, authors, tags and reader replies.

Public reads need no token. Writes need \`Authorization: Bearer <token>\`; a token's role decides what it may do
(partner < contributor < author < editor < admin). Errors are RFC 9457 \`application/problem+json\` documents.
Lists are paginated by cursor: pass \`meta.nextCursor\` back as \`cursor\`, or follow the \`Link: rel="next"\` header.`

export default fp(async function openapiPlugin (app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: API_TITLE, version: API_VERSION, description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
      tags: [
        { name: 'articles', description: 'News articles: the public read side and the writers\' side.' },
        { name: 'sections', description: 'The section tree, such as World > Africa.' },
        { name: 'authors', description: 'Bylines and author pages.' },
        { name: 'tags', description: 'Topics that cut across sections.' },
        { name: 'replies', description: 'Reader replies and their moderation.' },
        { name: 'tokens', description: 'API tokens, for admins.' },
        { name: 'operations', description: 'Health of the service.' }
      ],
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token. An operator creates the first one with `npm run token:create -- --name NAME --role admin`.'
          }
        }
      }
    },
    // A cyclic TypeBox schema (the section tree) reaches the document as a definition with an $id; name its component
    // after that id, as client generators name their types, instead of def-0.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}` },
    transformObject: (document) => 'openapiObject' in document ? hoistNamedSchemas(document.openapiObject) : document.swaggerObject
  })

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, tryItOutEnabled: false, displayOperationId: true }
  })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'openapi' })
