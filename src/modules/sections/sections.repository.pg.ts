// Every query about sections on PostgreSQL: the twin of sections.repository.ts, whose row mapping and tree it reuses.
import { and, asc, count, eq, ne, sql } from 'drizzle-orm'
import type { PgExecutor } from '../../db/postgres.js'
import { articles, sections } from '../../db/schema.pg.js'
import { isPublic, sectionAncestry, sectionSubtree } from '../../db/visibility.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import { buildTree, toDetail, toSection, type SectionsRepository } from './sections.repository.js'
import type { SectionDetail, SectionLink } from './sections.schemas.js'

// Outside the int4 range of hashtext(), so no slug lock (isSlugTaken) can ever take the tree's lock by chance.
const TREE_LOCK_KEY = 7266207762836312

const siblingOrder = [asc(sections.position), asc(sections.name), asc(sections.id)]

export function createPostgresSectionsRepository (db: PgExecutor, links: WebAddresses): SectionsRepository {
  const bySlug = async (slug: string) => (await db.select().from(sections).where(eq(sections.slug, slug)))[0]
  const byId = async (id: number) => (await db.select().from(sections).where(eq(sections.id, id)))[0]

  /** From the top of the tree down to the section. */
  const ancestry = (id: number): Promise<Array<Omit<SectionLink, 'url'>>> =>
    db.select({ id: sql<number>`id`, slug: sql<string>`slug`, name: sql<string>`name` })
      .from(sql`(${sectionAncestry(sql`${id}`)} select id, slug, name, depth from ancestry) as ancestry`)
      .orderBy(sql`depth desc`)

  // The public articles of the section and of every section below it, through the section index.
  const publicArticlesUnder = async (id: number): Promise<number> => {
    const [row] = await db.select({ n: count() })
      .from(sql`(${sectionSubtree(sql`${id}`)} select id from subtree) as subtree`)
      .innerJoin(articles, sql`${articles.sectionId} = subtree.id`)
      .where(isPublic(articles))
    return row?.n ?? 0
  }

  async function detail (row: typeof sections.$inferSelect): Promise<SectionDetail> {
    const breadcrumb = await ancestry(row.id)
    const children = await db.select({ id: sections.id, slug: sections.slug, name: sections.name }).from(sections)
      .where(eq(sections.parentId, row.id))
      .orderBy(...siblingOrder)
    return toDetail(row, breadcrumb, children, await publicArticlesUnder(row.id), links)
  }

  return {
    async tree () {
      const rows = await db.select().from(sections).orderBy(...siblingOrder)
      return buildTree(rows.map((row) => toSection(row, links)))
    },

    async findBySlug (slug) {
      const row = await bySlug(slug)
      return row ? detail(row) : null
    },

    async exists (id) {
      return (await byId(id)) !== undefined
    },

    async findById (id) {
      const row = await byId(id)
      return row ? detail(row) : null
    },

    /**
     * Serializes moves of sections: two concurrent moves could each pass the loop check against the tree as it was,
     * and together make a loop. Held until the transaction ends.
     */
    async lockTree () {
      await db.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK_KEY})`)
    },

    async ancestorIds (id) {
      return (await ancestry(id)).map((link) => link.id)
    },

    /**
     * Two transactions choosing the same slug queue on its lock, so the second sees the first's committed row
     * (READ COMMITTED reads afresh per statement) instead of both finding the slug free.
     */
    async isSlugTaken (slug, exceptId) {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext('sections.slug:' || ${slug}))`)
      const rows = await db.select({ id: sections.id }).from(sections)
        .where(exceptId === undefined ? eq(sections.slug, slug) : and(eq(sections.slug, slug), ne(sections.id, exceptId)))
        .limit(1)
      return rows.length > 0
    },

    async insert (values) {
      const [row] = await db.insert(sections).values(values).returning()
      return detail(row)
    },

    async update (id, values) {
      const [row] = await db.update(sections).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(sections.id, id)).returning()
      return row ? detail(row) : null
    },

    async articleCount (id) {
      const [row] = await db.select({ n: count() }).from(articles).where(eq(articles.sectionId, id))
      return row?.n ?? 0
    },

    async childCount (id) {
      const [row] = await db.select({ n: count() }).from(sections).where(eq(sections.parentId, id))
      return row?.n ?? 0
    },

    async delete (id) {
      const deleted = await db.delete(sections).where(eq(sections.id, id)).returning({ id: sections.id })
      return deleted.length === 1
    }
  }
}
