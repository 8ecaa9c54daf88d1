// A small newsroom for the editorial tests: a section, an author, a tag, an editor token, and article helpers.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { authHeader, buildTestApp, type Teardown } from '../../helpers/app.js'
import { insertAuthor, insertSection, insertTag, SIMPLE_BODY } from '../../helpers/fixtures.js'

export type Headers = Record<string, string>

export interface Newsroom {
  app: FastifyInstance
  sectionId: number
  authorId: number
  tagId: number
  editor: Headers
}

/** The newsroom in a new app, or in the one given (one of several on a shared database). */
export async function newsroom (t: Teardown, given?: FastifyInstance): Promise<Newsroom> {
  const app = given ?? await buildTestApp(t)
  return {
    app,
    sectionId: await insertSection(app),
    authorId: await insertAuthor(app),
    tagId: await insertTag(app),
    editor: await authHeader(app, 'editor')
  }
}

export async function createArticle (room: Newsroom, fields: Record<string, unknown> = {}, headers: Headers = room.editor) {
  const res = await room.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers,
    payload: { headline: 'Fishermen return to Lake Chad', body: SIMPLE_BODY, sectionId: room.sectionId, authorIds: [room.authorId], tagIds: [room.tagId], ...fields }
  })
  if (res.statusCode !== 201) throw new Error(`creating the article failed: ${res.body}`)
  return res.json()
}

export async function patchArticle (room: Newsroom, id: number, payload: Record<string, unknown>, headers: Headers = room.editor): Promise<LightMyRequestResponse> {
  return room.app.inject({ method: 'PATCH', url: `/v1/admin/articles/${id}`, headers, payload })
}
