// Every query about tags, on PostgreSQL: the twin of tags.repository.ts, with the same results.
import { and, asc, count, eq, gt, inArray, ne, or, sql } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articles, articleTags, tags } from '../../db/schema.pg.js'
import { isPublic, isTagPublic } from '../../db/visibility.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import type { Page } from '../../shared/pagination.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { toTag, toTagPage, type TagListRequest, type TagsRepository } from './tags.repository.js'
import type { Tag, TagPage } from './tags.schemas.js'

export function createPostgresTagsRepository (db: PgExecutor, links: WebAddresses): TagsRepository {
  const bySlug = async (slug: string) => (await db.select().from(tags).where(eq(tags.slug, slug)))[0]
  const carriedInPublic = isTagPublic(tags.id, { articles, articleTags })

  return {
    /**
     * The tags public articles carry, or (every) all tags for the newsroom, alphabetical by name (collate "C", so in
     * SQLite's order), paginated by the (name, id) keyset.
     */
    async list ({ limit, cursor, every = false }: TagListRequest): Promise<Page<Tag>> {
      const after = cursor === undefined ? undefined : decodeCursor(cursor)
      const rows = await db.select().from(tags)
        .where(and(every ? undefined : carriedInPublic, after && or(gt(tags.name, after[0]), and(eq(tags.name, after[0]), gt(tags.id, after[1])))))
        .orderBy(asc(tags.name), asc(tags.id))
        .limit(limit + 1)
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { data: page.map((tag) => toTag(tag, links)), nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null }
    },

    async count ({ every = false } = {}) {
      const [row] = await db.select({ n: count() }).from(tags).where(every ? undefined : carriedInPublic)
      return row?.n ?? 0
    },

    async findBySlug (slug: string): Promise<Tag | null> {
      const row = await bySlug(slug)
      return row ? toTag(row, links) : null
    },

    async findById (id: number): Promise<Tag | null> {
      const [row] = await db.select().from(tags).where(eq(tags.id, id))
      return row ? toTag(row, links) : null
    },

    /** The tag with how many public articles carry it; null when none does, as when there is no such tag. */
    async findPageBySlug (slug: string): Promise<TagPage | null> {
      const row = await bySlug(slug)
      if (!row) return null
      const [counted] = await db.select({ n: count() }).from(articleTags)
        .innerJoin(articles, eq(articles.id, articleTags.articleId))
        .where(and(eq(articleTags.tagId, row.id), isPublic(articles)))
      const articleCount = counted?.n ?? 0
      return articleCount > 0 ? toTagPage(row, articleCount, links) : null
    },

    /** The ids among the given ones that are not tags. */
    async missingIds (ids: number[]): Promise<number[]> {
      if (ids.length === 0) return []
      const found = new Set((await db.select({ id: tags.id }).from(tags).where(inArray(tags.id, ids))).map((row) => row.id))
      return ids.filter((id) => !found.has(id))
    },

    async isSlugTaken (slug: string, exceptId?: number): Promise<boolean> {
      // Two transactions giving a tag the same slug queue here, so the second sees the first's row once it commits.
      await db.execute(sql`select pg_advisory_xact_lock(hashtext('tags.slug:' || ${slug}))`)
      const rows = await db.select({ id: tags.id }).from(tags)
        .where(exceptId === undefined ? eq(tags.slug, slug) : and(eq(tags.slug, slug), ne(tags.id, exceptId)))
        .limit(1)
      return rows.length > 0
    },

    async insert (values: { name: string, slug: string }): Promise<Tag> {
      const [row] = await db.insert(tags).values(values).returning()
      return toTag(row, links)
    },

    /** null when there is no such tag. */
    async update (id: number, values: { name: string, slug: string }): Promise<Tag | null> {
      const [row] = await db.update(tags).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(tags.id, id)).returning()
      return row ? toTag(row, links) : null
    },

    /** Deletes a tag and untags its articles; false when there is no such tag. */
    async delete (id: number): Promise<boolean> {
      return (await db.delete(tags).where(eq(tags.id, id)).returning({ id: tags.id })).length === 1
    }
  }
}
