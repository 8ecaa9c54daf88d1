// Every query about sections; the rules that keep the tree a tree are in the service.
import { and, asc, count, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, sections } from '../../db/schema.js'
import { isPublic, sectionAncestry, sectionSubtree } from '../../db/visibility.js'
import type { WebAddresses } from '../../shared/web-addresses.js'
import type { CreateSectionInput, Section, SectionDetail, SectionLink, SectionNode, UpdateSectionInput } from './sections.schemas.js'
import { preparedOnFirstUse } from '../../db/prepared.js'

export function toSection (row: typeof sections.$inferSelect, links: WebAddresses): Section {
  return {
    id: row.id,
    slug: row.slug,
    url: links.section(row),
    name: row.name,
    description: row.description,
    parentId: row.parentId,
    position: row.position,
    repliesAutoApprove: row.repliesAutoApprove,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
}

/** Nests the sections under their parents; rows arrive sorted by position then name, so siblings keep that order. */
export function buildTree (rows: Section[]): SectionNode[] {
  const nodes = new Map<number, SectionNode>(rows.map((row) => [row.id, { ...row, children: [] }]))
  const roots: SectionNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** What a section front shows around its articles, from the section, the path down to it and its subsections. */
export function toDetail (row: typeof sections.$inferSelect, path: Array<Omit<SectionLink, 'url'>>, subsections: Array<Omit<SectionLink, 'url'>>,
  articleCount: number, links: WebAddresses): SectionDetail {
  const breadcrumb = path.map(links.withSectionUrl)
  return {
    ...toSection(row, links),
    parent: breadcrumb.at(-2) ?? null,
    breadcrumb,
    children: subsections.map(links.withSectionUrl),
    articleCount,
    feeds: links.feeds({ section: row.slug })
  }
}

export function createSectionsRepository (db: Db, links: WebAddresses) {
  const everySection = preparedOnFirstUse(() => db.select().from(sections).orderBy(asc(sections.position), asc(sections.name), asc(sections.id)).prepare())
  const bySlug = preparedOnFirstUse(() => db.select().from(sections).where(eq(sections.slug, sql.placeholder('slug'))).prepare())
  const byId = preparedOnFirstUse(() => db.select().from(sections).where(eq(sections.id, sql.placeholder('id'))).prepare())
  const childrenOf = preparedOnFirstUse(() => db.select({ id: sections.id, slug: sections.slug, name: sections.name }).from(sections)
    .where(eq(sections.parentId, sql.placeholder('id')))
    .orderBy(asc(sections.position), asc(sections.name), asc(sections.id))
    .prepare())

  // The section and every section below it, walked first (CROSS JOIN keeps that order in SQLite), then the public
  // articles of each through the section index: a section front never scans the articles table.
  const subtree = sql`(${sectionSubtree(sql`${sql.placeholder('id')}`)} select id from subtree) as subtree`
  const publicArticlesUnder = preparedOnFirstUse(() => db.select({ n: count() }).from(subtree).crossJoin(articles)
    .where(and(sql`${articles.sectionId} = subtree.id`, isPublic(articles)))
    .prepare())
  // From the top of the tree down to the section.
  const ancestry = preparedOnFirstUse(() => db.select({ id: sql<number>`id`, slug: sql<string>`slug`, name: sql<string>`name` })
    .from(sql`(${sectionAncestry(sql`${sql.placeholder('id')}`)} select id, slug, name, depth from ancestry) as ancestry`)
    .orderBy(sql`depth desc`)
    .prepare())

  function detail (row: typeof sections.$inferSelect): SectionDetail {
    return toDetail(row, ancestry.all({ id: row.id }), childrenOf.all({ id: row.id }), publicArticlesUnder.get({ id: row.id })?.n ?? 0, links)
  }

  return {
    /** The whole tree in one read: a site has dozens of sections, and every page renders them. */
    async tree (): Promise<SectionNode[]> {
      return buildTree(everySection.all().map((row) => toSection(row, links)))
    },

    async findBySlug (slug: string): Promise<SectionDetail | null> {
      const row = bySlug.get({ slug })
      return row ? detail(row) : null
    },

    async exists (id: number): Promise<boolean> {
      return byId.get({ id }) !== undefined
    },

    async findById (id: number): Promise<SectionDetail | null> {
      const row = byId.get({ id })
      return row ? detail(row) : null
    },

    /** Holds the tree still for this unit of work's move; on SQLite, BEGIN IMMEDIATE already holds the whole database. */
    async lockTree (): Promise<void> {},

    /** The ids from the top of its tree down to the section: empty when there is no such section. */
    async ancestorIds (id: number): Promise<number[]> {
      return ancestry.all({ id }).map((link) => link.id)
    },

    async isSlugTaken (slug: string, exceptId?: number): Promise<boolean> {
      return db.select({ id: sections.id }).from(sections)
        .where(exceptId === undefined ? eq(sections.slug, slug) : and(eq(sections.slug, slug), ne(sections.id, exceptId)))
        .get() !== undefined
    },

    async insert (values: CreateSectionInput & { slug: string }): Promise<SectionDetail> {
      return detail(db.insert(sections).values(values).returning().get())
    },

    /** null when there is no such section. */
    async update (id: number, values: UpdateSectionInput): Promise<SectionDetail | null> {
      const row = db.update(sections).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(sections.id, id)).returning().get()
      return row ? detail(row) : null
    },

    /** How many articles, in any status, are filed in the section itself. */
    async articleCount (id: number): Promise<number> {
      return db.select({ n: count() }).from(articles).where(eq(articles.sectionId, id)).get()?.n ?? 0
    },

    async childCount (id: number): Promise<number> {
      return db.select({ n: count() }).from(sections).where(eq(sections.parentId, id)).get()?.n ?? 0
    },

    /** false when there is no such section. */
    async delete (id: number): Promise<boolean> {
      return db.delete(sections).where(eq(sections.id, id)).run().changes === 1
    }
  }
}

export type SectionsRepository = ReturnType<typeof createSectionsRepository>
