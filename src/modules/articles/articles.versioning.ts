// Optimistic concurrency over HTTP: an article's version is its ETag, and If-Match names the versions a write accepts.
import type { FastifyReply } from 'fastify'
import { BadRequestError } from '../../shared/errors.js'
import { MAX_ID, problemResponse } from '../../shared/http-schemas.js'
import type { ExpectedVersions } from './articles.repository.js'

export const PRECONDITION_FAILED = problemResponse('If-Match named a version the article no longer has: someone else saved it in between. Fetch it again and reapply your change.')

const ENTITY_TAG = /^(W\/)?"([^"]*)"$/

/**
 * The versions an If-Match header accepts, or undefined when it accepts any (absent, or *).
 * If-Match compares strongly (RFC 9110 §13.1.1), so a weak tag never matches; a tag we did not issue never does either.
 */
export function expectedVersionsOf (header: string | undefined): ExpectedVersions {
  if (header === undefined || header.trim() === '*') return undefined
  const versions: number[] = []
  for (const part of header.split(',')) {
    const match = ENTITY_TAG.exec(part.trim())
    if (!match) {
      throw new BadRequestError('INVALID_IF_MATCH', `If-Match must list quoted ETags such as "3" (with the quotes), as the ETag header of the article gives them; got ${JSON.stringify(header)}.`)
    }
    const [, weak, tag] = match
    // A number past the largest version is a tag we never issued either: it matches nothing.
    if (!weak && /^\d{1,10}$/.test(tag as string) && Number(tag) <= MAX_ID) versions.push(Number(tag))
  }
  return versions
}

/** Sends a writer's article with its version as a strong ETag, set here so no caching plugin replaces it. */
export function withVersionTag<T extends { version: number }> (reply: FastifyReply, article: T): T {
  reply.header('etag', `"${article.version}"`)
  return article
}
