// Security headers on every response (helmet's): on the API's data, the set OWASP's REST Security Cheat Sheet names for
// every API response, with a CSP that lets a JSON or XML answer run nothing at all; on Swagger UI's pages, helmet's
// full set for HTML, with a CSP that lets it run its own scripts and styles, from this service only.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'
import type { FastifyInstance } from 'fastify'

export interface SecurityHeadersOptions {
  /** Where Swagger UI lives, such as /docs: the only HTML the service serves. */
  docsPrefix: string
}

/**
 * The API answers data, never pages: if a browser is ever led to render a response (a sniffed type, an error page
 * opened in a tab), nothing in it loads, runs, submits or frames.
 */
const API_CSP = {
  useDefaults: false as const,
  directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] }
}

/**
 * The one inline style Swagger UI writes: a <style> inside the SVG logo it draws in its top bar. Allowed by its hash
 * alone; should an upgrade of @fastify/swagger-ui change it, the browser test fails and chromium's message names
 * the new hash.
 */
const SWAGGER_UI_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"

/**
 * Swagger UI: its scripts, styles and the spec from this service; its stylesheet's icons are data: URLs. No inline
 * script is allowed, as @fastify/swagger-ui's page has none. "Try it out" is off, so it calls nothing else.
 */
const DOCS_CSP = {
  useDefaults: false as const,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", SWAGGER_UI_LOGO_STYLE],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"]
  }
}

const COMMON = {
  // Who may read a response from a script is CORS's decision (CORS_ORIGINS). Tokens travel in a header, never a
  // cookie, so a response loaded from another site (no-cors) is no more private than it is to anyone.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  // frame-ancestors says it for current browsers; this, for older ones.
  xFrameOptions: { action: 'deny' as const }
} satisfies HelmetOptions

/**
 * What only a page a browser renders as a document reads: its browsing context group and agent cluster, DNS
 * prefetching of its links, Internet Explorer 8's downloads, Flash's and Acrobat's cross-domain policies, and the
 * XSS auditor that no current browser has. Data never becomes such a page, so on every read these headers were a
 * sixth of the bytes and a share of the work for nothing.
 */
const DOCUMENT_ONLY = {
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false
} satisfies HelmetOptions

/**
 * The headers helmet sets with these options, worked out once. Nothing in them depends on the request (no nonce, no
 * per-request directive), and @fastify/helmet built helmet's middleware again on every request of a route with
 * options of its own: a tenth of what an article read cost.
 */
function headersOf (options: HelmetOptions): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {}
  const response = {
    setHeader (name: string, value: string) { headers[name.toLowerCase()] = value },
    removeHeader (name: string) { delete headers[name.toLowerCase()] }
  }
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error
  })
  return headers
}

export default fp(async function securityHeadersPlugin (app: FastifyInstance, { docsPrefix }: SecurityHeadersOptions) {
  const api = headersOf({ ...COMMON, ...DOCUMENT_ONLY, contentSecurityPolicy: API_CSP })
  const docs = headersOf({ ...COMMON, contentSecurityPolicy: DOCS_CSP })
  // By the route's pattern, not the URL: an unknown path under the docs' prefix is an API 404 like any other.
  const isDocs = (pattern: string | undefined) => pattern !== undefined && (pattern === docsPrefix || pattern.startsWith(`${docsPrefix}/`))
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(isDocs(request.routeOptions.url) ? docs : api)
    done()
  })
}, { name: 'security-headers' })
