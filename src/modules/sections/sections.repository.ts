// Every query about sections, and the rules that keep the tree a tree.
import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, sections } from '../../db/schema.js'
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'
import { resolveSlug } from '../../shared/slugs.js'
import type { CreateSectionInput, Section, SectionDetail, SectionLink, SectionNode, UpdateSectionInput } from './sections.schemas.js'

function toSection (row: typeof sections.$inferSelect): Section {
  return {
    id: row.id,
    slug: row.slug,
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
function buildTree (rows: Section[]): SectionNode[] {
  const nodes = new Map<number, SectionNode>(rows.map((row) => [row.id, { ...row, children: [] }]))
  const roots: SectionNode[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

const unknownParent = (parentId: number) => new UnprocessableError(
  'PARENT_SECTION_NOT_FOUND',
  `No section has id ${parentId}, so it cannot be the parent.`,
  [{ path: '/body/parentId', message: 'is not a section id' }]
)

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0]

/** Refuses a parent that does not exist, or that is the section itself or one of its subsections. */
function checkNewParent (tx: Transaction, section: { id: number, slug: string }, parentId: number) {
  // Walks up from the new parent: if the moved section is on that path, the move would close a loop.
  const path = tx.all<{ id: number }>(sql`
    with recursive up(id, parent_id) as (
      select id, parent_id from sections where id = ${parentId}
      union all
      select s.id, s.parent_id from sections s join up on s.id = up.parent_id
    )
    select id from up
  `)
  if (path.length === 0) throw unknownParent(parentId)
  if (path.some((row) => row.id === section.id)) {
    throw new ConflictError('SECTION_CYCLE', `Section "${section.slug}" cannot move under ${parentId === section.id ? 'itself' : 'one of its own subsections'}.`)
  }
}

export function createSectionsRepository (db: Db) {
  const everySection = db.select().from(sections).orderBy(asc(sections.position), asc(sections.name), asc(sections.id)).prepare()
  const bySlug = db.select().from(sections).where(eq(sections.slug, sql.placeholder('slug'))).prepare()
  const byId = db.select().from(sections).where(eq(sections.id, sql.placeholder('id'))).prepare()
  const childrenOf = db.select({ id: sections.id, slug: sections.slug, name: sections.name }).from(sections)
    .where(eq(sections.parentId, sql.placeholder('id')))
    .orderBy(asc(sections.position), asc(sections.name), asc(sections.id))
    .prepare()

  const isTaken = (exceptId?: number) => async (slug: string) =>
    db.select({ id: sections.id }).from(sections)
      .where(exceptId === undefined ? eq(sections.slug, slug) : and(eq(sections.slug, slug), ne(sections.id, exceptId)))
      .get() !== undefined

  // The section and every section below it, walked first (CROSS JOIN keeps that order in SQLite), then the public
  // articles of each through the section index: a section front never scans the articles table. UNION, not UNION ALL,
  // so a loop in a hand-edited tree ends instead of recursing forever.
  const subtree = sql`(
    with recursive subtree(id) as (
      select ${sql.placeholder('id')}
      union
      select s.id from sections s join subtree on s.parent_id = subtree.id
    )
    select id from subtree
  ) as subtree`
  const publicArticlesUnder = db.select({ n: count() }).from(subtree).crossJoin(articles)
    .where(and(sql`${articles.sectionId} = subtree.id`, eq(articles.status, 'published'), isNull(articles.withdrawnAt)))
    .prepare()

  /** From the top-level section down to the given one, both included. */
  function breadcrumbOf (row: typeof sections.$inferSelect): SectionLink[] {
    const path: SectionLink[] = [{ id: row.id, slug: row.slug, name: row.name }]
    // The writes refuse cycles; the visited set keeps a hand-edited database from looping here anyway.
    const visited = new Set([row.id])
    for (let parentId = row.parentId; parentId !== null && !visited.has(parentId);) {
      const parent = byId.get({ id: parentId })
      if (!parent) break
      visited.add(parent.id)
      path.unshift({ id: parent.id, slug: parent.slug, name: parent.name })
      parentId = parent.parentId
    }
    return path
  }

  function detail (row: typeof sections.$inferSelect): SectionDetail {
    const breadcrumb = breadcrumbOf(row)
    return {
      ...toSection(row),
      parent: breadcrumb.at(-2) ?? null,
      breadcrumb,
      children: childrenOf.all({ id: row.id }),
      articleCount: publicArticlesUnder.get({ id: row.id })?.n ?? 0
    }
  }

  return {
    /** The whole tree in one read: a site has dozens of sections, and every page renders them. */
    async tree (): Promise<SectionNode[]> {
      return buildTree(everySection.all().map(toSection))
    },

    async findBySlug (slug: string): Promise<SectionDetail | null> {
      const row = bySlug.get({ slug })
      return row ? detail(row) : null
    },

    async exists (id: number): Promise<boolean> {
      return byId.get({ id }) !== undefined
    },

    async create (input: CreateSectionInput): Promise<SectionDetail> {
      // A new section has no subsections, so only the parent's existence can fail; the foreign key backs this up.
      if (input.parentId != null && !byId.get({ id: input.parentId })) throw unknownParent(input.parentId)
      const slug = await resolveSlug({ given: input.slug, title: input.name, resource: 'section', isTaken: isTaken() })
      const row = db.insert(sections).values({
        name: input.name,
        slug,
        description: input.description ?? '',
        parentId: input.parentId ?? null,
        position: input.position ?? 0,
        repliesAutoApprove: input.repliesAutoApprove ?? false
      }).returning().get()
      return detail(row)
    },

    async update (id: number, input: UpdateSectionInput): Promise<SectionDetail> {
      const current = byId.get({ id })
      if (!current) throw new NotFoundError('section', id)
      const slug = input.slug === undefined || input.slug === current.slug
        ? current.slug
        : await resolveSlug({ given: input.slug, title: current.name, resource: 'section', isTaken: isTaken(id) })
      // Immediate: no other writer can move a section between the cycle check and this move.
      const row = db.transaction((tx) => {
        if (input.parentId != null) checkNewParent(tx, current, input.parentId)
        return tx.update(sections)
          .set({ ...input, slug, updatedAt: new Date().toISOString() })
          .where(eq(sections.id, id))
          .returning()
          .get()
      }, { behavior: 'immediate' })
      // Another request may have deleted it while the slug was checked.
      if (!row) throw new NotFoundError('section', id)
      return detail(row)
    },

    /** Deletes an unused leaf section; false when there is no such section. */
    async delete (id: number): Promise<boolean> {
      // Immediate: no article can move into the section between the checks and the delete.
      return db.transaction((tx) => {
        const current = tx.select().from(sections).where(eq(sections.id, id)).get()
        if (!current) return false
        const used = tx.select({ n: count() }).from(articles).where(eq(articles.sectionId, id)).get()?.n ?? 0
        if (used > 0) {
          throw new ConflictError('SECTION_IN_USE', `Section "${current.slug}" is used by ${used} ${used === 1 ? 'article; move it' : 'articles; move them'} to another section first.`)
        }
        const children = tx.select({ n: count() }).from(sections).where(eq(sections.parentId, id)).get()?.n ?? 0
        if (children > 0) {
          throw new ConflictError('SECTION_HAS_CHILDREN', `Section "${current.slug}" has ${children} ${children === 1 ? 'subsection; delete or move it' : 'subsections; delete or move them'} first.`)
        }
        return tx.delete(sections).where(eq(sections.id, id)).run().changes === 1
      }, { behavior: 'immediate' })
    }
  }
}

export type SectionsRepository = ReturnType<typeof createSectionsRepository>
