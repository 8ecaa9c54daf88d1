// HTTP caching of the public read side: ETag and Last-Modified with 304s, Cache-Control, and CDN surrogate keys.
import fp from 'fastify-plugin'
import { hash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, onSendAsyncHookHandler, onSendHookHandler, preHandlerAsyncHookHandler, preSerializationHookHandler } from 'fastify'
import type { OutgoingHttpHeaders } from 'node:http'
import { Type } from 'typebox'
import type { PublicVersion } from '../db/settings.js'
import { createResponseCache, type ResponseCache } from '../shared/response-cache.js'
import { COMPRESSION_THRESHOLD, encodeKept, requestedCoding } from '../shared/compression.js'
import { varyOn } from '../shared/negotiation.js'
import { entitiesOf, keysOfItems, resourceOf, type Collection, type Resource } from '../shared/surrogate-keys.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on a public route whose response must stay out of shared caches, such as one read through a secret link. */
    publicCache?: false
    /**
     * false on a public route that must not be kept in memory: one that already answers from a stored representation
     * with one lookup, whose readers spread over too many addresses for copies to stay long enough to pay.
     */
    responseCache?: false
  }
  interface FastifyInstance {
    /** Public responses kept in memory, for the metrics. */
    responseCache: ResponseCache
  }
  interface FastifyRequest {
    /** The public version read before the handler ran, when the response may be kept: what it is kept for. */
    publicVersion: PublicVersion | null
    /** Where the response is to be kept, when it was not found there. */
    responseCacheKey: string | null
  }
  interface FastifyReply {
    /**
     * What a response in another format (ninjs) shows, in the API's own JSON shape: an article, or { data: [...] }
     * for a list. Its entities are named for a CDN in place of the body's, which carries no ids to find them by.
     */
    cacheEntities: unknown
    /**
     * Names what a payload Fastify does not serialize (a feed, a sitemap) holds, as a JSON list is named: the
     * collections it lists, then each item's entities, walked as items of the first collection are.
     */
    surrogateKeys: (collections: Collection[], items?: unknown[]) => FastifyReply
    /** Names a stored representation by the keys stored with it (space-separated), as the walk would have. */
    storedSurrogateKeys: (keys: string) => FastifyReply
    /**
     * Sends a 200 without Last-Modified, in place of the content clock's time: for a representation whose own date is
     * not known yet, which that time could predate, so that a client revalidating by date would keep an older one.
     */
    withoutLastModified: () => FastifyReply
    /** Set by withoutLastModified. */
    lastModifiedWithheld: boolean
  }
}

export interface HttpCacheOptions {
  /** Public GET routes under these paths are cached; others (health, docs) are left alone. */
  routePrefixes: string[]
  /** Routes under this path are never cached by anyone, whatever they answer: the Admin API. */
  privatePrefix: string
  /**
   * The time of the last change to what the audience can see: every response's Last-Modified. A token's holder may
   * see articles under embargo (partners and every role above), so its clock includes them; the public's never does.
   */
  lastChange: (audience: { includeEmbargoed: boolean }) => Promise<string | undefined>
  /** The public clock with its generation: a response kept in memory is sent while the generation is the same. */
  publicVersion: () => Promise<PublicVersion | undefined>
  /** Bytes of public responses kept in memory (RESPONSE_CACHE_MB); 0 keeps none. */
  responseCacheBytes: number
}

/** Everything a token reads on the Admin API: never in a shared cache, and not kept on disk either, as it may hold drafts or secrets. */
const PRIVATE_CACHE_CONTROL = 'private, no-store'
const UNCACHEABLE = 'no-store'
/** A missing page stays missing only briefly: long enough to absorb a flood, short enough for an article published a moment later. */
const NOT_FOUND_MAX_AGE = 10

/** What a kept response's headers say about its bytes; the rest (request id, CORS, rate limits) belong to each request. */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'surrogate-key', 'cache-tag', 'link', 'vary']

function keptHeaders (reply: FastifyReply): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {}
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name)
    if (value !== undefined) headers[name] = value
  }
  return headers
}

/**
 * Headers a kept response may vary by: compression is applied to it after, CORS headers are each request's own, and
 * only requests without a token are kept or served.
 */
const KEPT_DESPITE_VARY = new Set(['accept-encoding', 'origin', 'authorization'])

/**
 * Kept by address alone: keyed by request headers too, any client could fill the cache with copies that differ only
 * in a header. A response that another request header chose (Accept, say) is never kept instead.
 */
function mayKeep (reply: FastifyReply): boolean {
  const vary = reply.getHeader('vary')
  return vary === undefined || String(vary).split(',').every((header) => KEPT_DESPITE_VARY.has(header.trim().toLowerCase()))
}

/** Weak comparison (RFC 9110 8.8.3.2): a weak and a strong tag with the same opaque value match. */
function matchesAny (ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch === etag) return true
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim()
    if (tag === '*' || tag === opaque || tag === `W/${opaque}`) return true
  }
  return false
}

/** Whether the client holds this representation already: its ETag, or, without If-None-Match, its Last-Modified (an HTTP date). */
export function isNotModified (request: FastifyRequest, etag: string | undefined, lastModified: unknown): boolean {
  const ifNoneMatch = request.headers['if-none-match']
  // If-None-Match takes precedence: If-Modified-Since is then ignored (RFC 9110 13.1.3).
  if (ifNoneMatch !== undefined) return etag !== undefined && matchesAny(ifNoneMatch, etag)
  const ifModifiedSince = request.headers['if-modified-since']
  if (ifModifiedSince === undefined || typeof lastModified !== 'string') return false
  const since = Date.parse(ifModifiedSince)
  // A date in the future is no validator (RFC 9110 13.1.3): nothing could have been seen then.
  return !Number.isNaN(since) && since <= Date.now() && Date.parse(lastModified) <= since
}

const DocumentedResponseHeaders = {
  ETag: Type.String({ description: 'A weak validator of this representation: send it back in If-None-Match to get a 304 while it has not changed.', examples: ['W/"2jmj7l5rSw0yVb_vlWAYkK_YBwk"'] }),
  'Last-Modified': Type.String({
    description: 'For an article, when its stored representation last changed; absent for a new representation read before it is stored (a second or so after a change). Elsewhere, the last change to any public content (with a token, to anything partners see, articles under embargo included): ' +
      'coarse, but never earlier than a change this response shows, and never moved by work on unpublished articles. If-None-Match is the precise validator.',
    examples: ['Sat, 14 Mar 2026 09:30:00 GMT']
  }),
  'Cache-Control': Type.String({
    description: 'public with max-age and stale-while-revalidate (CACHE_MAX_AGE, CACHE_STALE_WHILE_REVALIDATE) for anonymous requests. ' +
      'With a valid token in Authorization, "private, max-age=CACHE_MAX_AGE": the client may keep and revalidate it (ETag, Last-Modified ' +
      'and 304s work as without a token), shared caches may not, since what a token reads can differ (partners see embargoed ninjs items).',
    examples: ['public, max-age=60, stale-while-revalidate=300', 'private, max-age=60']
  }),
  'Surrogate-Key': Type.String({ description: 'Every entity in the response, space-separated, plus the collection for lists: purge a key at a Fastly-style CDN when that entity changes.', examples: ['article-12 section-3 author-5 tag-7'] }),
  'Cache-Tag': Type.String({ description: 'The same keys, comma-separated, for Cloudflare-style CDNs.', examples: ['article-12,section-3,author-5,tag-7'] })
}

const NotModifiedResponse = Type.Null({
  description: 'Not Modified: the representation named by If-None-Match (or unchanged since If-Modified-Since) is still current. No body.',
  headers: {
    ETag: DocumentedResponseHeaders.ETag,
    'Last-Modified': DocumentedResponseHeaders['Last-Modified'],
    'Cache-Control': DocumentedResponseHeaders['Cache-Control']
  }
})

const ConditionalRequestHeaders = {
  'If-None-Match': Type.Optional(Type.String({ description: 'ETags of representations the client holds; a match answers 304. Takes precedence over If-Modified-Since.', examples: ['W/"2jmj7l5rSw0yVb_vlWAYkK_YBwk"'] })),
  'If-Modified-Since': Type.Optional(Type.String({ description: 'An HTTP date; answers 304 when no public content has changed since (with a token: nothing partners see, articles under embargo included).', examples: ['Sat, 14 Mar 2026 09:30:00 GMT'] }))
}

/** Adds the caching headers and the 304 to a public route's schema, so the spec (and response validation) knows them. */
function documentCaching (schema: Record<string, unknown>): void {
  const response = (schema.response ??= {}) as Record<string, object>
  // HEAD routes share the GET route's schema: document once.
  if (response[304] !== undefined) return
  const ok = response[200] as { headers?: object } | undefined
  // A copy: the same 200 schema may be shared by routes that are not cached, such as writes.
  if (ok !== undefined) response[200] = { ...ok, headers: { ...DocumentedResponseHeaders, ...ok.headers } }
  response[304] = NotModifiedResponse
  const headers = schema.headers as { properties?: Record<string, unknown> } | undefined
  schema.headers = headers === undefined
    ? Type.Object(ConditionalRequestHeaders)
    : { ...headers, properties: { ...headers.properties, ...ConditionalRequestHeaders } }
}

function prepend<T> (existing: T | T[] | undefined, hook: T): T[] {
  if (existing === undefined) return [hook]
  return [hook, ...(Array.isArray(existing) ? existing : [existing])]
}

/** Whether a route only reads: GET, HEAD, or both. */
export function isRead (method: HTTPMethods | HTTPMethods[]): boolean {
  const methods = Array.isArray(method) ? method : [method]
  return methods.every((m) => m === 'GET' || m === 'HEAD')
}

export default fp(async function httpCachePlugin (app: FastifyInstance, { routePrefixes, privatePrefix, lastChange, publicVersion, responseCacheBytes }: HttpCacheOptions) {
  app.decorateReply('cacheEntities', null)
  app.decorateReply('lastModifiedWithheld', false)
  app.decorateReply('withoutLastModified', function (this: FastifyReply) {
    this.lastModifiedWithheld = true
    return this
  })
  app.decorateRequest('publicVersion', null)
  app.decorateRequest('responseCacheKey', null)
  const cache = createResponseCache(responseCacheBytes, encodeKept)
  app.decorate('responseCache', cache)
  const { cacheMaxAge, cacheStaleWhileRevalidate } = app.config
  const notFoundMaxAge = Math.min(cacheMaxAge, NOT_FOUND_MAX_AGE)
  // A token never makes a public read worse than none: the same validators and 304s, and the same freshness, but
  // private, as the answer may depend on the token (partners see embargoed items), and without stale-while-revalidate,
  // so a partner sees a change no later than a CDN would show it to the public.
  const cacheControl = {
    public: { found: `public, max-age=${cacheMaxAge}, stale-while-revalidate=${cacheStaleWhileRevalidate}`, missing: `public, max-age=${notFoundMaxAge}` },
    private: { found: `private, max-age=${cacheMaxAge}`, missing: `private, max-age=${notFoundMaxAge}` }
  }

  const markPrivate: onSendHookHandler = (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', PRIVATE_CACHE_CONTROL)
    done(null, payload)
  }

  // A token's response names no keys: it is private, so no shared cache holds it to purge.
  const mayName = (request: FastifyRequest, reply: FastifyReply) => reply.statusCode === 200 && request.headers.authorization === undefined

  function setSurrogateKeys (reply: FastifyReply, keys: string[]): void {
    if (keys.length === 0) return
    reply.header('surrogate-key', keys.join(' '))
    reply.header('cache-tag', keys.join(','))
  }

  function nameEntities (resource: Resource): preSerializationHookHandler {
    return (request, reply, payload, done) => {
      if (mayName(request, reply)) setSurrogateKeys(reply, entitiesOf(reply.cacheEntities ?? payload, resource))
      done(null, payload)
    }
  }

  app.decorateReply('surrogateKeys', function (this: FastifyReply, collections: Collection[], items: unknown[] = []) {
    if (mayName(this.request, this)) setSurrogateKeys(this, keysOfItems(collections, items))
    return this
  })

  app.decorateReply('storedSurrogateKeys', function (this: FastifyReply, keys: string) {
    if (mayName(this.request, this) && keys !== '') {
      this.header('surrogate-key', keys)
      this.header('cache-tag', keys.replaceAll(' ', ','))
    }
    return this
  })

  /**
   * The responses being made to be kept, by address, each with when it is done: a request that misses the cache
   * while another makes the same response waits for that one instead of making it too. After a publication, every
   * reader of the front page misses at once, and each made the same list, on every instance, at the worst moment.
   */
  const making = new Map<string, { generation: string, done: Promise<void> }>()

  /** Makes the request the one that makes its response, in place of one making it for an older generation. */
  function takeMaking (request: FastifyRequest, reply: FastifyReply, generation: string): void {
    let finish!: () => void
    const maker = { generation, done: new Promise<void>((resolve) => { finish = resolve }) }
    making.set(request.url, maker)
    const finished = () => {
      if (making.get(request.url) === maker) making.delete(request.url)
      finish()
    }
    // 'close' also when the client went away before the response could be sent; 'finish' for app.inject.
    reply.raw.once('finish', finished).once('close', finished)
  }

  /**
   * Sends the kept response when nothing the public sees has changed since it was made. The version is read before
   * the handler reads anything, so a response made from content newer than its generation is possible, older never.
   * A token's requests are never kept: what a token reads can differ (partners see embargoed articles). A client
   * that accepts a coding gets the kept encoding, which compression then passes on as it is: a feed reader's gzip
   * costs one encoding per change of the public content, not one per request. A request that waited for another to
   * make its response and found none kept (a 404, a response chosen by Accept) makes its own without waiting again.
   */
  const sendKept: preHandlerAsyncHookHandler = async (request, reply) => {
    if (request.headers.authorization !== undefined) return
    const version = await publicVersion()
    if (version === undefined) return
    request.publicVersion = version
    const maker = making.get(request.url)
    const waited = maker !== undefined && maker.generation === version.generation
    if (waited) await maker.done
    const kept = cache.get(request.url, version.generation)
    if (kept === undefined) {
      request.responseCacheKey = request.url
      if (!waited) takeMaking(request, reply, version.generation)
      return
    }
    reply.headers(kept.headers)
    // As @fastify/compress decides for a response made afresh (app.ts registers it with the same threshold).
    const coding = kept.payload.length >= COMPRESSION_THRESHOLD ? requestedCoding(request.headers) : null
    if (coding === null) return reply.send(kept.payload)
    return reply.header('content-encoding', coding).send(await kept.encoded(coding))
  }

  const revalidate: onSendAsyncHookHandler = async (request, reply, payload) => {
    // A handler that chose its own caching (a preview, a health check) knows better.
    if (reply.hasHeader('cache-control')) return payload
    // A token the auth plugin refused never gets here with a 200: it is a 401, which no one keeps.
    const withToken = request.headers.authorization !== undefined
    const scope = cacheControl[withToken ? 'private' : 'public']
    const status = reply.statusCode
    if (status === 200) {
      reply.header('cache-control', scope.found)
      varyOn(reply, 'accept-encoding')
      let etag = reply.getHeader('etag') as string | undefined
      if (etag === undefined && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        // Encoded once here and passed on as bytes: Fastify would encode the string anyway, so only the hash is extra.
        if (typeof payload === 'string') payload = Buffer.from(payload)
        // Weak: compression changes the bytes, not the meaning, and gzip and identity share this tag.
        etag = `W/"${hash('sha1', payload as Buffer, 'base64url')}"`
        reply.header('etag', etag)
      }
      // A handler that knows when its representation last changed (a stored article) has said so: the clock is coarser.
      if (!reply.hasHeader('last-modified') && !reply.lastModifiedWithheld) {
        const changedAt = request.publicVersion?.changedAt ?? await lastChange({ includeEmbargoed: withToken })
        if (changedAt !== undefined) reply.header('last-modified', new Date(changedAt).toUTCString())
      }
      if (request.responseCacheKey !== null && request.publicVersion !== null && Buffer.isBuffer(payload) && mayKeep(reply)) {
        cache.set(request.responseCacheKey, { generation: request.publicVersion.generation, payload, headers: keptHeaders(reply) })
      }
      if (isNotModified(request, etag, reply.getHeader('last-modified'))) {
        reply.code(304)
        // A 304 describes no body of its own (RFC 9110 15.4.5): the type and coding of the 200 would only mislead.
        reply.removeHeader('content-type')
        reply.removeHeader('content-encoding')
        // Fastify's HEAD handler, which runs next, drops the body itself and keeps the 200's Content-Length, as RFC 9110 allows.
        return request.method === 'HEAD' ? payload : null
      }
    } else if (status === 304) {
      // Decided by the handler from stored validators, without the body (see isNotModified).
      reply.header('cache-control', scope.found)
      varyOn(reply, 'accept-encoding')
      reply.removeHeader('content-type')
    } else if (status === 404 || status === 410) {
      reply.header('cache-control', scope.missing)
      varyOn(reply, 'accept-encoding')
    } else if (status >= 300 && status < 400) {
      reply.header('cache-control', scope.found)
    } else {
      reply.header('cache-control', UNCACHEABLE)
    }
    return payload
  }

  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return
    if (route.config?.auth || route.config?.publicCache === false || route.url.startsWith(privatePrefix)) {
      route.onSend = prepend(route.onSend, markPrivate)
      return
    }
    if (!isRead(route.method) || !routePrefixes.some((prefix) => route.url.startsWith(prefix))) return
    documentCaching(route.schema as Record<string, unknown>)
    const resource = resourceOf(route.url)
    if (resource) route.preSerialization = prepend(route.preSerialization, nameEntities(resource))
    // First, so Fastify's HEAD handler and compression (added after) see the payload after the 304 decision.
    route.onSend = prepend(route.onSend, revalidate)
    if (responseCacheBytes > 0 && route.config?.responseCache !== false) {
      // Last, after the route's own checks (its rate limits): a kept response is sent in place of the handler only.
      route.preHandler = [...[route.preHandler ?? []].flat(), sendKept]
    }
  })
}, { name: 'http-cache' })
