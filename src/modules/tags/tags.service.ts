// Writing tags: each write one unit of work, so the slug checked free is the slug stored, whatever else is writing.
import type { Store } from '../../db/store.js'
import { NotFoundError } from '../../shared/errors.js'
import { resolveSlug } from '../../shared/slugs.js'
import type { CreateTagInput, Tag, UpdateTagInput } from './tags.schemas.js'

export function createTagsService (store: Store) {
  return {
    async create (input: CreateTagInput): Promise<Tag> {
      return store.transaction(async ({ tags }) => {
        const slug = await resolveSlug({ given: input.slug, title: input.name, resource: 'tag', isTaken: (candidate) => tags.isSlugTaken(candidate) })
        return tags.insert({ name: input.name, slug })
      })
    },

    async update (id: number, input: UpdateTagInput): Promise<Tag> {
      return store.transaction(async ({ tags, events }) => {
        const current = await tags.findById(id)
        if (!current) throw new NotFoundError('tag', id)
        const slug = input.slug === undefined || input.slug === current.slug
          ? current.slug
          : await resolveSlug({ given: input.slug, title: current.name, resource: 'tag', isTaken: (candidate) => tags.isSlugTaken(candidate, id) })
        const updated = await tags.update(id, { name: input.name ?? current.name, slug })
        if (!updated) throw new NotFoundError('tag', id)
        if (updated.name !== current.name || updated.slug !== current.slug) await events.recordForArticlesShowing({ tagId: id })
        return updated
      })
    },

    async delete (id: number): Promise<void> {
      const deleted = await store.transaction(async ({ tags, events }) => {
        // Recorded first: deleting the tag takes it off its articles.
        await events.recordForArticlesShowing({ tagId: id })
        return tags.delete(id)
      })
      if (!deleted) throw new NotFoundError('tag', id)
    }
  }
}

export type TagsService = ReturnType<typeof createTagsService>
