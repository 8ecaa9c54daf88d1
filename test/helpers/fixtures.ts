// Rows the articles tests stand on, inserted straight into the test database.
import type { FastifyInstance } from 'fastify'
import { authors, sections, tags } from '../../src/db/schema.js'

export async function insertSection (app: FastifyInstance, slug = 'world', parentId: number | null = null): Promise<number> {
  return app.db.insert(sections).values({ slug, name: slug[0]?.toUpperCase() + slug.slice(1), parentId }).returning().get().id
}

export async function insertAuthor (app: FastifyInstance, slug = 'adrian-ovalle', email: string | null = `${slug}@news.test`): Promise<number> {
  const name = slug.split('-').map((part) => part[0]?.toUpperCase() + part.slice(1)).join(' ')
  return app.db.insert(authors).values({ slug, name, jobTitle: 'Reporter', email }).returning().get().id
}

export async function insertTag (app: FastifyInstance, slug = 'climate'): Promise<number> {
  return app.db.insert(tags).values({ slug, name: slug }).returning().get().id
}

export const SIMPLE_BODY = [
  { type: 'paragraph', text: 'Fishing crews returned to the northern shore on Monday.' },
  { type: 'heading', level: 2, text: 'A longer season' },
  { type: 'paragraph', text: 'The water has risen for a third year in a row.' }
] as const
