// Every query about tags.
import { and, asc, count, eq, gt, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, articleTags, tags } from '../../db/schema.js'
import { isPublic, isTagPublic } from '../../db/visibility.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import type { Tag, TagPage } from './tags.schemas.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

/** Row to API object, shared with the PostgreSQL twin. */
export function toTag (row: typeof tags.$inferSelect, links: WebAddresses): Tag {
  return { id: row.id, slug: row.slug, url: links.tag(row), name: row.name, createdAt: row.createdAt, updatedAt: row.updatedAt }
}

export function toTagPage (row: typeof tags.$inferSelect, articleCount: number, links: WebAddresses): TagPage {
  return { ...toTag(row, links), articleCount, feeds: links.feeds({ tags: [row.slug] }) }
}

export interface TagListRequest {
  limit: number
  cursor?: string | undefined
  /** Every tag, for the newsroom's tag picker, rather than the tags public articles carry. */
  every?: boolean
}

export function createTagsRepository (db: Db, links: WebAddresses) {
  const carriedInPublic = isTagPublic(tags.id, { articles, articleTags })
  const pages = (shown: SQL | undefined) => ({
    first: preparedOnFirstUse(() => db.select().from(tags)
      .where(shown)
      .orderBy(asc(tags.name), asc(tags.id))
      .limit(sql.placeholder('limit'))
      .prepare()),
    after: preparedOnFirstUse(() => db.select().from(tags)
      .where(and(shown, or(
        gt(tags.name, sql.placeholder('name')),
        and(eq(tags.name, sql.placeholder('name')), gt(tags.id, sql.placeholder('id')))
      )))
      .orderBy(asc(tags.name), asc(tags.id))
      .limit(sql.placeholder('limit'))
      .prepare())
  })
  const publicPages = pages(carriedInPublic)
  const everyPage = pages(undefined)
  const publicCount = preparedOnFirstUse(() => db.select({ n: count() }).from(tags).where(carriedInPublic).prepare())
  const everyCount = preparedOnFirstUse(() => db.select({ n: count() }).from(tags).prepare())
  const bySlug = preparedOnFirstUse(() => db.select().from(tags).where(eq(tags.slug, sql.placeholder('slug'))).prepare())
  const byId = preparedOnFirstUse(() => db.select().from(tags).where(eq(tags.id, sql.placeholder('id'))).prepare())
  const publicArticleCount = preparedOnFirstUse(() => db.select({ n: count() }).from(articleTags)
    .innerJoin(articles, eq(articles.id, articleTags.articleId))
    .where(and(eq(articleTags.tagId, sql.placeholder('id')), isPublic(articles)))
    .prepare())

  return {
    /**
     * The tags public articles carry, or (every) all tags for the newsroom, alphabetical by name, paginated by the
     * (name, id) keyset.
     */
    async list ({ limit, cursor, every = false }: TagListRequest): Promise<Page<Tag>> {
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      const statements = every ? everyPage : publicPages
      const rows = after
        ? statements.after.all({ name: after[0], id: after[1], limit: limit + 1 })
        : statements.first.all({ limit: limit + 1 })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { data: page.map((tag) => toTag(tag, links)), nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null }
    },

    /** How many tags public articles carry, or (every) all tags. */
    async count ({ every = false }: { every?: boolean } = {}): Promise<number> {
      return (every ? everyCount : publicCount).get()?.n ?? 0
    },

    async findBySlug (slug: string): Promise<Tag | null> {
      const row = bySlug.get({ slug })
      return row ? toTag(row, links) : null
    },

    async findById (id: number): Promise<Tag | null> {
      const row = byId.get({ id })
      return row ? toTag(row, links) : null
    },

    /** The tag with how many public articles carry it; null when none does, as when there is no such tag. */
    async findPageBySlug (slug: string): Promise<TagPage | null> {
      const row = bySlug.get({ slug })
      const articleCount = row ? publicArticleCount.get({ id: row.id })?.n ?? 0 : 0
      return row && articleCount > 0 ? toTagPage(row, articleCount, links) : null
    },

    /** The ids among the given ones that are not tags. */
    async missingIds (ids: number[]): Promise<number[]> {
      if (ids.length === 0) return []
      const found = new Set(db.select({ id: tags.id }).from(tags).where(sql`${tags.id} in ${ids}`).all().map((row) => row.id))
      return ids.filter((id) => !found.has(id))
    },

    async isSlugTaken (slug: string, exceptId?: number): Promise<boolean> {
      return db.select({ id: tags.id }).from(tags)
        .where(exceptId === undefined ? eq(tags.slug, slug) : and(eq(tags.slug, slug), ne(tags.id, exceptId)))
        .get() !== undefined
    },

    async insert (values: { name: string, slug: string }): Promise<Tag> {
      return toTag(db.insert(tags).values(values).returning().get(), links)
    },

    /** null when there is no such tag. */
    async update (id: number, values: { name: string, slug: string }): Promise<Tag | null> {
      const row = db.update(tags).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(tags.id, id)).returning().get()
      return row ? toTag(row, links) : null
    },

    /** Deletes a tag and untags its articles; false when there is no such tag. */
    async delete (id: number): Promise<boolean> {
      return db.delete(tags).where(eq(tags.id, id)).run().changes === 1
    }
  }
}

export type TagsRepository = ReturnType<typeof createTagsRepository>
