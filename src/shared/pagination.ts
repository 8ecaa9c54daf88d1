// Keyset pages and the Link header that points at the next one.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { originForm } from './request-target.js'
import { listKeysOf, type Collection } from './surrogate-keys.js'

/** One page of a list; nextCursor is null on the last page; total only when the client asked for it. */
export interface Page<T> {
  data: T[]
  nextCursor: string | null
  total?: number
}

/**
 * The page, with the count of everything matching when the client asked for it (total=true): a count reads every
 * match, so the lists that do not ask never pay for one.
 */
export async function withTotalIfAsked<T> (asked: boolean | undefined, list: () => Promise<Page<T>>, count: () => Promise<number>): Promise<Page<T>> {
  if (asked !== true) return list()
  const [page, total] = await Promise.all([list(), count()])
  return { ...page, total }
}

/** Sets Link: <same request with the next cursor>; rel="next". parameter: the query parameter that carries it. */
export function setNextLink (request: FastifyRequest, reply: FastifyReply, nextCursor: string | null, parameter = 'cursor'): void {
  if (nextCursor === null) return
  // Concatenated, not resolved: a base URL may carry a path prefix such as https://example.com/api.
  const url = new URL(request.server.config.publicBaseUrl + originForm(request.url))
  url.searchParams.set(parameter, nextCursor)
  reply.header('link', `<${url.href}>; rel="next"`)
}

function metaOf (page: Page<unknown>, limit: number) {
  const total = page.total === undefined ? {} : { total: page.total }
  return { nextCursor: page.nextCursor, limit, ...total }
}

/** A list response: the page's items, its meta, and the Link header to the next page. */
export function listResponse<T, M extends object = object> (request: FastifyRequest, reply: FastifyReply, page: Page<T>, limit: number, meta?: M) {
  setNextLink(request, reply, page.nextCursor)
  return { data: page.data, meta: { ...metaOf(page, limit), ...meta } as { nextCursor: string | null, limit: number, total?: number } & M }
}

/** A list item encoded already: its JSON text, and the surrogate keys of what it shows, space-separated. */
export interface EncodedItem {
  json: string
  keys: string
}

/**
 * Sends { data: [...] }, with the meta given, spliced from items encoded already: nothing is parsed or encoded again.
 * The caching plugin names a payload it is handed as an object; these items name themselves.
 */
export function sendEncoded (reply: FastifyReply, collection: Collection, items: EncodedItem[], meta?: object): FastifyReply {
  reply.storedSurrogateKeys(listKeysOf(collection, items.map((item) => item.keys)))
  const data = `{"data":[${items.map((item) => item.json).join(',')}]`
  return reply.type('application/json; charset=utf-8').send(meta === undefined ? `${data}}` : `${data},"meta":${JSON.stringify(meta)}}`)
}

/** The response listResponse gives, sent from items encoded already. */
export function sendEncodedList (request: FastifyRequest, reply: FastifyReply, collection: Collection, page: Page<EncodedItem>, limit: number): FastifyReply {
  setNextLink(request, reply, page.nextCursor)
  return sendEncoded(reply, collection, page.data, metaOf(page, limit))
}
