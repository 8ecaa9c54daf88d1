// Articles and replies the reply tests stand on, inserted straight into the test database.
import type { FastifyInstance } from 'fastify'
import { articles, replies, STORED_REPLY_STATUSES } from '../../../src/db/schema.js'
import { insertSection, SIMPLE_BODY } from '../../helpers/fixtures.js'

export const PROBLEM = /^application\/problem\+json/
export const SLUG = 'lake-chad-fishermen-return-as-waters-rise'
export const READER = { authorName: 'Amina Bello', authorEmail: 'amina.bello@example.org', body: 'Good to read that the boats are back.' }

type ArticleRow = typeof articles.$inferInsert
type StoredStatus = typeof STORED_REPLY_STATUSES[number]

/** An article row as the articles module would store it; published unless extra says otherwise. */
export async function insertArticle (app: FastifyInstance, slug = SLUG, extra: Partial<ArticleRow> = {}): Promise<number> {
  const sectionId = extra.sectionId ?? app.db.select().from(articles).get()?.sectionId ?? await insertSection(app, 'world')
  const status = extra.status ?? 'published'
  return app.db.insert(articles).values({
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
  }).returning().get().id
}

export async function insertReply (app: FastifyInstance, articleId: number, status: StoredStatus = 'approved', extra: Partial<typeof replies.$inferInsert> = {}): Promise<number> {
  return app.db.insert(replies).values({
    articleId,
    authorName: 'Kofi Mensah',
    authorEmail: 'kofi@example.org',
    body: `A ${status} reply.`,
    status,
    ...extra
  }).returning().get().id
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
