// Articles and replies the reply tests stand on, inserted straight into the test database, whichever engine it is.
import type { FastifyInstance } from 'fastify'
import { insertRow, row, type NewRow, type Row } from '../../helpers/db.js'
import { insertSection, SIMPLE_BODY } from '../../helpers/fixtures.js'

export const PROBLEM = /^application\/problem\+json/
export const SLUG = 'lake-chad-fishermen-return-as-waters-rise'
export const READER = { authorName: 'Amina Bello', authorEmail: 'amina.bello@example.org', body: 'Good to read that the boats are back.' }

type StoredStatus = Row<'replies'>['status']

/** An article row as the articles module would store it; published unless extra says otherwise. */
export async function insertArticle (app: FastifyInstance, slug = SLUG, extra: Partial<NewRow<'articles'>> = {}): Promise<number> {
  const sectionId = extra.sectionId ?? (await row(app, 'articles'))?.sectionId ?? await insertSection(app, 'world')
  const status = extra.status ?? 'published'
  return (await insertRow(app, 'articles', {
    slug,
    headline: `Headline of ${slug}`,
    body: [...SIMPLE_BODY],
    bodyHtml: '<p>Fishing crews returned to the northern shore on Monday.</p>',
    bodyText: 'Fishing crews returned to the northern shore on Monday.',
    wordCount: 9,
    readingTime: 1,
    publishedAt: status === 'published' ? '2026-03-14T09:30:00.000Z' : null,
    ...extra,
    sectionId,
    status
  })).id
}

export async function insertReply (app: FastifyInstance, articleId: number, status: StoredStatus = 'approved', extra: Partial<NewRow<'replies'>> = {}): Promise<number> {
  return (await insertRow(app, 'replies', {
    articleId,
    authorName: 'Kofi Mensah',
    authorEmail: 'kofi@example.org',
    body: `A ${status} reply.`,
    status,
    ...extra
  })).id
}

export const submit = (app: FastifyInstance, payload: object, slug = SLUG, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/v1/articles/${slug}/replies`, payload, headers })

export interface ThreadItem {
  id: number
  parentId: number | null
  placeholder: boolean
  createdAt: string
  authorName?: string
  body?: string
  bodyHtml?: string
}

export const thread = async (app: FastifyInstance, slug = SLUG): Promise<ThreadItem[]> =>
  (await app.inject({ url: `/v1/articles/${slug}/replies` })).json().data

export const publicIds = async (app: FastifyInstance, slug = SLUG): Promise<number[]> =>
  (await thread(app, slug)).map((reply) => reply.id)
