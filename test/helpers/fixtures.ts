// Rows the articles tests stand on, inserted straight into the test database, whichever engine it is.
import type { FastifyInstance } from 'fastify'
import type { ArticleStatus } from '../../src/modules/articles/articles.schemas.js'
import { authHeader, buildTestApp, type Teardown } from './app.js'
import { insertRow, insertRows } from './db.js'

export async function insertSection (app: FastifyInstance, slug = 'world', parentId: number | null = null): Promise<number> {
  return (await insertRow(app, 'sections', { slug, name: slug[0]?.toUpperCase() + slug.slice(1), parentId })).id
}

export async function insertAuthor (app: FastifyInstance, slug = 'adrian-ovalle', email: string | null = `${slug}@news.test`): Promise<number> {
  const name = slug.split('-').map((part) => part[0]?.toUpperCase() + part.slice(1)).join(' ')
  return (await insertRow(app, 'authors', { slug, name, jobTitle: 'Reporter', email })).id
}

export async function insertTag (app: FastifyInstance, slug = 'climate'): Promise<number> {
  return (await insertRow(app, 'tags', { slug, name: slug })).id
}

export const SIMPLE_BODY = [
  { type: 'paragraph', text: 'Fishing crews returned to the northern shore on Monday.' },
  { type: 'heading', level: 2, text: 'A longer season' },
  { type: 'paragraph', text: 'The water has risen for a third year in a row.' }
] as const

export interface StoredArticleOptions {
  sectionId: number
  authorIds?: number[]
  tagIds?: number[]
  /** "withdrawn" is a published article that was later retracted. */
  state?: ArticleStatus | 'withdrawn'
  publishedAt?: string
}

/** An article row as the articles module would store it, for tests of the pages that count and list articles. */
export async function insertStoredArticle (app: FastifyInstance, slug: string, options: StoredArticleOptions): Promise<number> {
  const { sectionId, authorIds = [], tagIds = [], state = 'published', publishedAt = '2026-03-01T08:00:00.000Z' } = options
  const status = state === 'withdrawn' ? 'published' : state
  const { id } = await insertRow(app, 'articles', {
    slug,
    headline: `Headline of ${slug}`,
    excerpt: `Excerpt of ${slug}`,
    body: [...SIMPLE_BODY],
    bodyHtml: '<p>Fishing crews returned to the northern shore on Monday.</p>',
    bodyText: 'Fishing crews returned to the northern shore on Monday.',
    wordCount: 9,
    readingTime: 1,
    sectionId,
    status,
    publishedAt: status === 'published' ? publishedAt : null,
    withdrawnAt: state === 'withdrawn' ? '2026-03-05T08:00:00.000Z' : null
  })
  if (authorIds.length > 0) await insertRows(app, 'articleAuthors', authorIds.map((authorId, position) => ({ articleId: id, authorId, position })))
  if (tagIds.length > 0) await insertRows(app, 'articleTags', tagIds.map((tagId, position) => ({ articleId: id, tagId, position })))
  return id
}

/** A newsroom with a small tree for filter tests: World > Africa and Business, two authors, two tags, an editor. */
export interface Desk {
  app: FastifyInstance
  editor: Record<string, string>
  world: number
  africa: number
  business: number
  adrian: number
  halima: number
  climate: number
  water: number
}

export async function filingDesk (t: Teardown): Promise<Desk> {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  return {
    app,
    editor: await authHeader(app, 'editor'),
    world,
    africa: await insertSection(app, 'africa', world),
    business: await insertSection(app, 'business'),
    adrian: await insertAuthor(app, 'adrian-ovalle'),
    halima: await insertAuthor(app, 'halima-dembele'),
    climate: await insertTag(app, 'climate'),
    water: await insertTag(app, 'water')
  }
}

/** An article of the desk, in Africa by Adrian unless fields say otherwise, written and published through the Admin API. */
export async function publishAtDesk (desk: Desk, fields: Record<string, unknown>) {
  const res = await desk.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: desk.editor,
    payload: { body: SIMPLE_BODY, sectionId: desk.africa, authorIds: [desk.adrian], status: 'published', ...fields }
  })
  if (res.statusCode !== 201) throw new Error(res.body)
  return res.json()
}
