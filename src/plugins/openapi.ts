// The OpenAPI 3.1 document generated from the route schemas, and Swagger UI to explore it.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { BEARER_SCHEME } from './auth.js'
import { explodeListParameters, hoistNamedSchemas } from '../shared/openapi-components.js'

export const API_TITLE = 'World Weekly News API'
export const API_VERSION = '1.0.0'
/** Where Swagger UI lives. */
export const DOCS_PREFIX = '/docs'

const DESCRIPTION = `A headless content API for a news publisher: articles, sections, authors, tags and reader replies.

Public reads need no token. Writes need \`Authorization: Bearer <token>\`; a token's role decides what it may do
(partner < contributor < author < editor < admin). Errors are RFC 9457 \`application/problem+json\` documents;
a query parameter a route does not read is a 400, so a misspelt filter is never taken for no filter.
Lists are paginated by cursor: pass \`meta.nextCursor\` back as \`cursor\`, or follow the \`Link: rel="next"\` header.
Requests are rate-limited per token, or per client address without one: \`RateLimit-Limit\`, \`RateLimit-Remaining\` and
\`RateLimit-Reset\` say where a client stands, and past the limit a 429 says when to retry in \`Retry-After\`.
Every response carries an \`X-Request-Id\` (the one sent, if sane), which the service's logs carry too.`

const SVG = 'image/svg+xml'

// The API's name and mark in Swagger UI, where Fastify's logo and Swagger's icon would be; drawn here, so the page
// loads nothing from elsewhere.
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="40" viewBox="0 0 420 40">
<text x="0" y="28" fill="#fff" font-family="Georgia, 'Times New Roman', serif" font-size="24" font-weight="bold">World Weekly News<tspan
 fill="#89bf04" font-family="system-ui, sans-serif" font-size="18" font-weight="normal"> Content and Admin API</tspan></text></svg>`
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
<rect width="32" height="32" rx="6" fill="#1b1b1b"/>
<text x="16" y="24" text-anchor="middle" fill="#fff" font-family="Georgia, serif" font-size="22" font-weight="bold">W</text></svg>`

export default fp(async function openapiPlugin (app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: API_TITLE,
        version: API_VERSION,
        description: DESCRIPTION,
        contact: { name: 'World Weekly News platform team' },
        license: { name: 'MIT', identifier: 'MIT' }
      },
      // Swagger UI shows the tags in this order: the Content API first, then the Admin API.
      tags: [
        { name: 'Content: articles', description: 'Content API. Published articles by slug, lists, search, related articles, and previews through signed links.' },
        { name: 'Content: sections', description: 'Content API. The section tree and section fronts.' },
        { name: 'Content: authors', description: 'Content API. Bylines and author pages.' },
        { name: 'Content: tags', description: 'Content API. Topics that cut across sections.' },
        { name: 'Content: replies', description: 'Content API. Reader replies under an article, and the form that submits one.' },
        {
          name: 'Content: syndication',
          description: 'Content API. For partners and mirrors: full text in bulk as IPTC ninjs 3.1 news items, and the change feed; a partner token adds what is under embargo.'
        },
        { name: 'Admin: articles', description: 'Admin API (token needed). Writing, scheduling and publishing by id; revisions, corrections and withdrawal.' },
        { name: 'Admin: sections', description: 'Admin API (token needed). Creating, moving and deleting sections.' },
        { name: 'Admin: authors', description: 'Admin API (token needed). Author profiles, with their private email.' },
        { name: 'Admin: tags', description: 'Admin API (token needed). Creating, renaming and deleting tags.' },
        { name: 'Admin: replies', description: 'Admin API (token needed). The moderation desk.' },
        { name: 'Admin: tokens', description: 'Admin API (token needed). API tokens, for admins.' },
        { name: 'Admin: webhooks', description: 'Admin API (token needed). Endpoints told of published, changed and deleted articles and of replies, signed the Standard Webhooks way; their delivery log.' },
        { name: 'Syndication', description: 'Feeds (RSS, Atom, JSON Feed), sitemaps and robots.txt, at stable addresses outside /v1, for feed readers, partners and search engines.' },
        { name: 'Operations', description: 'Health of the service, for orchestrators and load balancers.' }
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
    transformObject: (document) => 'openapiObject' in document
      ? atPublicAddress(explodeListParameters(hoistNamedSchemas(document.openapiObject)))
      : document.swaggerObject
  })

  /**
   * The configured public address, not the host that served the file: behind a proxy or under a path prefix only
   * PUBLIC_BASE_URL is an address Swagger UI and generated clients can reach. Read when the document is first
   * generated, not at registration: the default address of a service started with PORT=0 is known once it listens.
   */
  function atPublicAddress<T extends { info?: { contact?: object } }> (document: T): T {
    const { publicBaseUrl } = app.config
    return {
      ...document,
      info: { ...document.info, contact: { ...document.info?.contact, url: `${publicBaseUrl}${DOCS_PREFIX}` } },
      servers: [{ url: publicBaseUrl, description: 'This service, at its PUBLIC_BASE_URL.' }]
    }
  }

  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { persistAuthorization: true, tryItOutEnabled: false, displayOperationId: true },
    theme: { title: API_TITLE, favicon: [{ filename: 'favicon.svg', rel: 'icon', type: SVG, sizes: 'any', content: FAVICON }] },
    logo: { type: SVG, content: LOGO }
  })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'openapi' })
