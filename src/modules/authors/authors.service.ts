// Writing authors: slugs checked and stored in one unit of work, and bylines that keep their authors.
import type { Store } from '../../db/store.js'
import { ConflictError, NotFoundError } from '../../shared/errors.js'
import { resolveSlug } from '../../shared/slugs.js'
import type { AuthorWithEmail, CreateAuthorInput, UpdateAuthorInput } from './authors.schemas.js'

export function createAuthorsService (store: Store) {
  return {
    async create (input: CreateAuthorInput): Promise<AuthorWithEmail> {
      return store.transaction(async ({ authors }) => {
        const slug = await resolveSlug({ given: input.slug, title: input.name, resource: 'author', isTaken: (candidate) => authors.isSlugTaken(candidate) })
        return authors.insert({ ...input, slug })
      })
    },

    async update (id: number, input: UpdateAuthorInput): Promise<AuthorWithEmail> {
      return store.transaction(async ({ authors, events }) => {
        const current = await authors.findById(id)
        if (!current) throw new NotFoundError('author', id)
        const slug = input.slug === undefined || input.slug === current.slug
          ? current.slug
          : await resolveSlug({ given: input.slug, title: current.name, resource: 'author', isTaken: (candidate) => authors.isSlugTaken(candidate, id) })
        const updated = await authors.update(id, { ...input, slug })
        if (!updated) throw new NotFoundError('author', id)
        // What a byline shows of its authors.
        if (updated.name !== current.name || updated.slug !== current.slug || updated.jobTitle !== current.jobTitle || updated.avatarUrl !== current.avatarUrl) {
          await events.recordForArticlesShowing({ authorId: id })
        }
        return updated
      })
    },

    /** Bylines are history: an author still credited is refused rather than silently removed from articles. */
    async delete (id: number): Promise<void> {
      await store.transaction(async ({ authors }) => {
        const author = await authors.findById(id)
        if (!author) throw new NotFoundError('author', id)
        const credits = await authors.creditCount(id)
        if (credits > 0) {
          throw new ConflictError('AUTHOR_IN_USE', `${author.name} is credited on ${credits} ${credits === 1 ? 'article' : 'articles'}; remove them from those bylines first.`)
        }
        await authors.delete(id)
      })
    }
  }
}

export type AuthorsService = ReturnType<typeof createAuthorsService>
