// The rules that keep the section tree a tree, each write checked and stored in one unit of work.
import type { Repositories, Store } from '../../db/store.js'
import { ConflictError, NotFoundError, UnprocessableError } from '../../shared/errors.js'
import { resolveSlug } from '../../shared/slugs.js'
import type { CreateSectionInput, SectionDetail, UpdateSectionInput } from './sections.schemas.js'

const unknownParent = (parentId: number) => new UnprocessableError(
  'PARENT_SECTION_NOT_FOUND',
  `No section has id ${parentId}, so it cannot be the parent.`,
  [{ path: '/body/parentId', message: 'is not a section id' }]
)

/** Refuses a parent that does not exist, or that is the section itself or one of its subsections. */
async function assertMayMoveUnder ({ sections }: Repositories, section: { id: number, slug: string }, parentId: number): Promise<void> {
  // The path from the top down to the new parent: if the moved section is on it, the move would close a loop.
  const path = await sections.ancestorIds(parentId)
  if (path.length === 0) throw unknownParent(parentId)
  if (path.includes(section.id)) {
    throw new ConflictError('SECTION_CYCLE', `Section "${section.slug}" cannot move under ${parentId === section.id ? 'itself' : 'one of its own subsections'}.`)
  }
}

export function createSectionsService (store: Store) {
  return {
    async create (input: CreateSectionInput): Promise<SectionDetail> {
      return store.transaction(async ({ sections }) => {
        // A new section has no subsections, so only the parent's existence can fail.
        if (input.parentId != null && !(await sections.exists(input.parentId))) throw unknownParent(input.parentId)
        const slug = await resolveSlug({ given: input.slug, title: input.name, resource: 'section', isTaken: (candidate) => sections.isSlugTaken(candidate) })
        return sections.insert({ ...input, slug })
      })
    },

    async update (id: number, input: UpdateSectionInput): Promise<SectionDetail> {
      return store.transaction(async (tx) => {
        const current = await tx.sections.findById(id)
        if (!current) throw new NotFoundError('section', id)
        const slug = input.slug === undefined || input.slug === current.slug
          ? current.slug
          : await resolveSlug({ given: input.slug, title: current.name, resource: 'section', isTaken: (candidate) => tx.sections.isSlugTaken(candidate, id) })
        if (input.parentId != null) {
          // Two moves checked at once could each pass and together close a loop.
          await tx.sections.lockTree()
          await assertMayMoveUnder(tx, current, input.parentId)
        }
        const updated = await tx.sections.update(id, { ...input, slug })
        if (!updated) throw new NotFoundError('section', id)
        // Articles show their section and its ancestors by name, slug and web address.
        if (updated.name !== current.name || updated.slug !== current.slug || updated.parent?.id !== current.parent?.id) {
          await tx.events.recordForArticlesShowing({ sectionId: id })
        }
        return updated
      })
    },

    /** Only an unused leaf section goes: articles and subsections are moved or deleted first. */
    async delete (id: number): Promise<void> {
      await store.transaction(async ({ sections }) => {
        const current = await sections.findById(id)
        if (!current) throw new NotFoundError('section', id)
        const used = await sections.articleCount(id)
        if (used > 0) {
          throw new ConflictError('SECTION_IN_USE', `Section "${current.slug}" is used by ${used} ${used === 1 ? 'article; move it' : 'articles; move them'} to another section first.`)
        }
        const children = await sections.childCount(id)
        if (children > 0) {
          throw new ConflictError('SECTION_HAS_CHILDREN', `Section "${current.slug}" has ${children} ${children === 1 ? 'subsection; delete or move it' : 'subsections; delete or move them'} first.`)
        }
        await sections.delete(id)
      })
    }
  }
}

export type SectionsService = ReturnType<typeof createSectionsService>
