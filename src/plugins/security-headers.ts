// Security headers on every response (@fastify/helmet): a CSP that lets a JSON or XML answer run nothing at all, and
// one for Swagger UI that lets it run its own scripts and styles, from this service only.
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
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
  useDefaults: false,
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
  useDefaults: false,
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

export default fp(async function securityHeadersPlugin (app: FastifyInstance, { docsPrefix }: SecurityHeadersOptions) {
  // Before helmet is registered: its own onRoute hook, which reads route.helmet, must run after this one.
  app.addHook('onRoute', (route) => {
    if (route.url === docsPrefix || route.url.startsWith(`${docsPrefix}/`)) route.helmet = { contentSecurityPolicy: DOCS_CSP }
  })
  await app.register(helmet, {
    contentSecurityPolicy: API_CSP,
    // Who may read a response from a script is CORS's decision (CORS_ORIGINS). Tokens travel in a header, never a
    // cookie, so a response loaded from another site (no-cors) is no more private than it is to anyone.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // frame-ancestors says it for current browsers; this, for older ones.
    xFrameOptions: { action: 'deny' }
  })
}, { name: 'security-headers' })
