// A newsroom to run the editorial workflow in: two authors, a section, an editor token, and articles in any status.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../../src/config.js'
import { authHeader, buildTestApp, type Teardown } from '../../helpers/app.js'
import { row, updateRows } from '../../helpers/db.js'
import { insertAuthor, insertSection, insertTag, SIMPLE_BODY } from '../../helpers/fixtures.js'

export type Status = 'draft' | 'scheduled' | 'published' | 'archived'
export type Headers = { authorization: string }

export interface Newsroom {
  app: FastifyInstance
  sectionId: number
  tagId: number
  authorId: number
  otherAuthorId: number
  editor: Headers
}

export async function newsroom (t: Teardown, overrides: Partial<Config> = {}): Promise<Newsroom> {
  const app = await buildTestApp(t, overrides)
  return {
    app,
    sectionId: await insertSection(app),
    tagId: await insertTag(app),
    authorId: await insertAuthor(app, 'adrian-ovalle'),
    otherAuthorId: await insertAuthor(app, 'bea-okafor'),
    editor: await authHeader(app, 'editor')
  }
}

export function inFuture (ms = 24 * 3600 * 1000): string {
  return new Date(Date.now() + ms).toISOString()
}

let counter = 0

/** A draft credited to the room's first author (or authorIds), created by the editor through the API. */
export async function createDraft (room: Newsroom, fields: Record<string, unknown> = {}): Promise<{ id: number, slug: string }> {
  counter += 1
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: room.editor,
    payload: { headline: `Fishermen return to Lake Chad ${counter}`, body: SIMPLE_BODY, sectionId: room.sectionId, authorIds: [room.authorId], tagIds: [room.tagId], ...fields }
  })
  if (res.statusCode !== 201) throw new Error(`creating an article failed: ${res.body}`)
  return res.json()
}

/** Puts an article straight into a status, as if the workflow had taken it there, without a revision. */
export async function forceStatus (room: Newsroom, id: number, status: Status, times: { publishedAt?: string | null, scheduledAt?: string | null } = {}): Promise<void> {
  await updateRows(room.app, 'articles', {
    status,
    publishedAt: times.publishedAt !== undefined ? times.publishedAt : (status === 'published' || status === 'archived' ? '2026-01-05T08:00:00.000Z' : null),
    scheduledAt: times.scheduledAt !== undefined ? times.scheduledAt : (status === 'scheduled' ? inFuture() : null)
  }, { id })
}

export async function rowOf (room: Newsroom, id: number) {
  return await row(room.app, 'articles', { id })
}
