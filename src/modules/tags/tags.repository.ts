// Every query about tags.
import { and, asc, count, eq, gt, isNull, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, articleTags, tags } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import { NotFoundError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import { resolveSlug } from '../../shared/slugs.js'
import type { CreateTagInput, Tag, TagPage, UpdateTagInput } from './tags.schemas.js'

function toTag (row: typeof tags.$inferSelect): Tag {
  return { id: row.id, slug: row.slug, name: row.name, createdAt: row.createdAt, updatedAt: row.updatedAt }
}

export function createTagsRepository (db: Db) {
  const firstPage = db.select().from(tags)
    .orderBy(asc(tags.name), asc(tags.id))
    .limit(sql.placeholder('limit'))
    .prepare()
  const pageAfter = db.select().from(tags)
    .where(or(
      gt(tags.name, sql.placeholder('name')),
      and(eq(tags.name, sql.placeholder('name')), gt(tags.id, sql.placeholder('id')))
    ))
    .orderBy(asc(tags.name), asc(tags.id))
    .limit(sql.placeholder('limit'))
    .prepare()
  const bySlug = db.select().from(tags).where(eq(tags.slug, sql.placeholder('slug'))).prepare()
  const publicArticleCount = db.select({ n: count() }).from(articleTags)
    .innerJoin(articles, eq(articles.id, articleTags.articleId))
    .where(and(eq(articleTags.tagId, sql.placeholder('id')), eq(articles.status, 'published'), isNull(articles.withdrawnAt)))
    .prepare()

  const isTaken = (exceptId?: number) => async (slug: string) =>
    db.select({ id: tags.id }).from(tags)
      .where(exceptId === undefined ? eq(tags.slug, slug) : and(eq(tags.slug, slug), ne(tags.id, exceptId)))
      .get() !== undefined

  return {
    /** Alphabetical by name, paginated by the (name, id) keyset. */
    async list ({ limit, cursor }: { limit: number, cursor?: string | undefined }): Promise<Page<Tag>> {
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      const rows = after
        ? pageAfter.all({ name: after[0], id: after[1], limit: limit + 1 })
        : firstPage.all({ limit: limit + 1 })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { data: page.map(toTag), nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null }
    },

    async findBySlug (slug: string): Promise<Tag | null> {
      const row = bySlug.get({ slug })
      return row ? toTag(row) : null
    },

    /** The tag with how many public articles carry it. */
    async findPageBySlug (slug: string): Promise<TagPage | null> {
      const row = bySlug.get({ slug })
      return row ? { ...toTag(row), articleCount: publicArticleCount.get({ id: row.id })?.n ?? 0 } : null
    },

    /** The ids among the given ones that are not tags. */
    async missingIds (ids: number[]): Promise<number[]> {
      if (ids.length === 0) return []
      const found = new Set(db.select({ id: tags.id }).from(tags).where(sql`${tags.id} in ${ids}`).all().map((row) => row.id))
      return ids.filter((id) => !found.has(id))
    },

    async create (input: CreateTagInput): Promise<Tag> {
      const slug = await resolveSlug({ given: input.slug, title: input.name, resource: 'tag', isTaken: isTaken() })
      return toTag(db.insert(tags).values({ name: input.name, slug }).returning().get())
    },

    async update (id: number, input: UpdateTagInput): Promise<Tag> {
      const current = db.select().from(tags).where(eq(tags.id, id)).get()
      if (!current) throw new NotFoundError('tag', id)
      const slug = input.slug === undefined || input.slug === current.slug
        ? current.slug
        : await resolveSlug({ given: input.slug, title: current.name, resource: 'tag', isTaken: isTaken(id) })
      const row = db.update(tags)
        .set({ name: input.name ?? current.name, slug, updatedAt: new Date().toISOString() })
        .where(eq(tags.id, id))
        .returning()
        .get() as typeof tags.$inferSelect
      return toTag(row)
    },

    /** Deletes a tag and untags its articles; false when there is no such tag. */
    async delete (id: number): Promise<boolean> {
      return db.delete(tags).where(eq(tags.id, id)).run().changes === 1
    }
  }
}

export type TagsRepository = ReturnType<typeof createTagsRepository>
