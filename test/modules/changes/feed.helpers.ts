// A newsroom that reads its own change feed: tokens for an editor and a partner, and readers of the feed's pages.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Change } from '../../../src/modules/changes/changes.schemas.js'
import { createArticlesScheduler } from '../../../src/modules/articles/articles.scheduler.js'
import { createArticlesService } from '../../../src/modules/articles/articles.service.js'
import { authHeader, type Teardown } from '../../helpers/app.js'
import { SIMPLE_BODY } from '../../helpers/fixtures.js'
import { newsroom, type Headers, type Newsroom } from '../articles/newsroom.js'

export type { Headers }

/** The editorial tests' newsroom, with an admin, who may do every write (sections, authors and tags too), and a partner. */
export interface Room extends Newsroom {
  admin: Headers
  partner: Headers
}

export async function room (t: Teardown): Promise<Room> {
  const base = await newsroom(t)
  return { ...base, admin: await authHeader(base.app, 'admin'), partner: await authHeader(base.app, 'partner') }
}

/** The scheduler a running service starts, driven by hand at the time a test chooses. */
export function schedulerOf (app: FastifyInstance) {
  return createArticlesScheduler({ articles: createArticlesService(app.store), log: app.log, intervalMs: 1000 })
}

export function inFuture (hours = 24): string {
  return new Date(Date.now() + hours * 3600 * 1000).toISOString()
}

/** A write through the Admin API that must succeed; its JSON body, if any. */
export async function write (room: Room, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<LightMyRequestResponse> {
  const res = await room.app.inject({ method, url: `/v1/admin${url}`, headers: room.admin, ...(payload && { payload }) })
  if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body}`)
  return res
}

let counter = 0

/** An article created through the API: a draft in the room's section, by its author, with its tag, unless told otherwise. */
export async function createArticle (room: Room, fields: Record<string, unknown> = {}): Promise<{ id: number, slug: string, headline: string }> {
  counter += 1
  const res = await write(room, 'POST', '/articles', {
    headline: `Fishermen return to Lake Chad ${counter}`,
    body: SIMPLE_BODY,
    sectionId: room.sectionId,
    authorIds: [room.authorId],
    tagIds: [room.tagId],
    ...fields
  })
  return res.json()
}

export async function feedPage (app: FastifyInstance, query: { since?: string, limit?: number }, headers: Headers = {}): Promise<{ data: Change[], meta: { next: string, hasMore: boolean } }> {
  const search = new URLSearchParams()
  if (query.since !== undefined) search.set('since', query.since)
  if (query.limit !== undefined) search.set('limit', String(query.limit))
  const res = await app.inject({ url: `/v1/changes?${search}`, headers })
  if (res.statusCode !== 200) throw new Error(`the change feed answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** Every change after since, following the pages to the end; next is the token to poll with afterwards. */
export async function readFeed (app: FastifyInstance, since?: string, headers: Headers = {}, limit?: number): Promise<{ changes: Change[], next: string }> {
  const changes: Change[] = []
  let token = since
  for (;;) {
    const page = await feedPage(app, { ...(token !== undefined && { since: token }), ...(limit !== undefined && { limit }) }, headers)
    changes.push(...page.data)
    token = page.meta.next
    if (!page.meta.hasMore) return { changes, next: token }
  }
}

/** The changes the public and a partner see while the action runs. */
export async function changesDuring (room: Room, action: () => Promise<unknown>): Promise<{ public: Change[], partner: Change[] }> {
  const publicSince = (await readFeed(room.app)).next
  const partnerSince = (await readFeed(room.app, undefined, room.partner)).next
  await action()
  return {
    public: (await readFeed(room.app, publicSince)).changes,
    partner: (await readFeed(room.app, partnerSince, room.partner)).changes
  }
}

/** A change in short: what happened to which article, and the headline it shows now (null for a tombstone). */
export function brief (change: Change): [string, number, string | null] {
  return [change.change, change.id, change.article?.headline ?? null]
}
