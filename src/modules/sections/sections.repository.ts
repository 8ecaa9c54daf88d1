// Every query about sections, and the rules that keep the tree a tree.
import { and, asc, count, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { articles, sections } from '../../db/schema.js'
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'
import { resolveSlug } from '../../shared/slugs.js'
import type { CreateSectionInput, Section, SectionDetail, UpdateSectionInput } from './sections.schemas.js'

function toSection (row: typeof sections.$inferSelect): Section {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    parentId: row.parentId,
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
}

/** Depth-first: roots by position then name, each followed by its subtree. */
function treeOrder (rows: Section[]): Section[] {
  const byParent = new Map<number | null, Section[]>()
  for (const row of rows) byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row])
  const ordered: Section[] = []
  const visit = (parentId: number | null) => {
    const children = (byParent.get(parentId) ?? []).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    for (const child of children) {
      ordered.push(child)
      visit(child.id)
    }
  }
  visit(null)
  return ordered
}

const unknownParent = (parentId: number) => new UnprocessableError(
  'PARENT_SECTION_NOT_FOUND',
  `No section has id ${parentId}, so it cannot be the parent.`,
  [{ path: '/body/parentId', message: 'is not a section id' }]
)

export function createSectionsRepository (db: Db) {
  const bySlug = db.select().from(sections).where(eq(sections.slug, sql.placeholder('slug'))).prepare()
  const byId = db.select().from(sections).where(eq(sections.id, sql.placeholder('id'))).prepare()
  const childrenOf = db.select({ id: sections.id, slug: sections.slug, name: sections.name }).from(sections)
    .where(eq(sections.parentId, sql.placeholder('id')))
    .orderBy(asc(sections.position), asc(sections.name))
    .prepare()

  const isTaken = (exceptId?: number) => async (slug: string) =>
    db.select({ id: sections.id }).from(sections)
      .where(exceptId === undefined ? eq(sections.slug, slug) : and(eq(sections.slug, slug), ne(sections.id, exceptId)))
      .get() !== undefined

  function detail (row: typeof sections.$inferSelect): SectionDetail {
    const parent = row.parentId === null ? undefined : byId.get({ id: row.parentId })
    return {
      ...toSection(row),
      parent: parent ? { id: parent.id, slug: parent.slug, name: parent.name } : null,
      children: childrenOf.all({ id: row.id })
    }
  }

  /** The ids from a section up to its root, itself first. */
  function ancestry (id: number): number[] {
    return db.all<{ id: number }>(sql`
      with recursive up(id, parent_id) as (
        select id, parent_id from sections where id = ${id}
        union all
        select s.id, s.parent_id from sections s join up on s.id = up.parent_id
      )
      select id from up
    `).map((row) => row.id)
  }

  return {
    async list (): Promise<Section[]> {
      return treeOrder(db.select().from(sections).all().map(toSection))
    },

    async findBySlug (slug: string): Promise<SectionDetail | null> {
      const row = bySlug.get({ slug })
      return row ? detail(row) : null
    },

    async exists (id: number): Promise<boolean> {
      return byId.get({ id }) !== undefined
    },

    async create (input: CreateSectionInput): Promise<SectionDetail> {
      if (input.parentId != null && !byId.get({ id: input.parentId })) throw unknownParent(input.parentId)
      const slug = await resolveSlug({ given: input.slug, title: input.name, resource: 'section', isTaken: isTaken() })
      const row = db.insert(sections).values({
        name: input.name,
        slug,
        description: input.description ?? '',
        parentId: input.parentId ?? null,
        position: input.position ?? 0
      }).returning().get()
      return detail(row)
    },

    async update (id: number, input: UpdateSectionInput): Promise<SectionDetail> {
      const current = byId.get({ id })
      if (!current) throw new NotFoundError('section', id)
      if (input.parentId != null) {
        if (!byId.get({ id: input.parentId })) throw unknownParent(input.parentId)
        if (ancestry(input.parentId).includes(id)) {
          throw new ConflictError('SECTION_CYCLE', `Section "${current.slug}" cannot move under ${input.parentId === id ? 'itself' : 'one of its own subsections'}.`)
        }
      }
      const slug = input.slug === undefined || input.slug === current.slug
        ? current.slug
        : await resolveSlug({ given: input.slug, title: current.name, resource: 'section', isTaken: isTaken(id) })
      const row = db.update(sections).set({
        name: input.name ?? current.name,
        slug,
        description: input.description ?? current.description,
        parentId: input.parentId === undefined ? current.parentId : input.parentId,
        position: input.position ?? current.position,
        updatedAt: new Date().toISOString()
      }).where(eq(sections.id, id)).returning().get() as typeof sections.$inferSelect
      return detail(row)
    },

    /** Deletes an unused leaf section; false when there is no such section. */
    async delete (id: number): Promise<boolean> {
      // IMMEDIATE holds the write lock from the checks to the delete, so no article can move in between.
      return db.transaction((tx) => {
        const current = tx.select().from(sections).where(eq(sections.id, id)).get()
        if (!current) return false
        const used = tx.select({ n: count() }).from(articles).where(eq(articles.sectionId, id)).get()?.n ?? 0
        if (used > 0) {
          throw new ConflictError('SECTION_IN_USE', `Section "${current.slug}" is used by ${used} article${used === 1 ? '' : 's'}; move them to another section first.`)
        }
        const children = tx.select({ n: count() }).from(sections).where(eq(sections.parentId, id)).get()?.n ?? 0
        if (children > 0) {
          throw new ConflictError('SECTION_HAS_CHILDREN', `Section "${current.slug}" has ${children} subsection${children === 1 ? '' : 's'}; delete or move them first.`)
        }
        tx.delete(sections).where(eq(sections.id, id)).run()
        return true
      }, { behavior: 'immediate' })
    }
  }
}

export type SectionsRepository = ReturnType<typeof createSectionsRepository>
