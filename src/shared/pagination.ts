// Keyset pages and the Link header that points at the next one.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { originForm } from './request-target.js'

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

/** A list response: the page's items, its meta, and the Link header to the next page. */
export function listResponse<T, M extends object = object> (request: FastifyRequest, reply: FastifyReply, page: Page<T>, limit: number, meta?: M) {
  setNextLink(request, reply, page.nextCursor)
  const total = page.total === undefined ? {} : { total: page.total }
  return { data: page.data, meta: { nextCursor: page.nextCursor, limit, ...total, ...meta } as { nextCursor: string | null, limit: number, total?: number } & M }
}
