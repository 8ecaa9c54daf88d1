// Rules of an article's editorial record: who may read and restore revisions, correct and withdraw.
import type { AuthorsRepository } from '../authors/authors.repository.js'
import type { SectionsRepository } from '../sections/sections.repository.js'
import type { TagsRepository } from '../tags/tags.repository.js'
import { NotFoundError, UnprocessableError, type FieldError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import type { Principal } from '../../shared/roles.js'
import type { EditorialRepository } from './articles.editorial.repository.js'
import type { ArticleSnapshot, CreateCorrectionInput, Revision, RevisionSummary } from './articles.editorial.schemas.js'
import type { ExpectedVersions } from './articles.repository.js'
import type { Correction, WriterArticle } from './articles.schemas.js'
import type { ArticlesService } from './articles.service.js'

export function createEditorialService (deps: {
  editorial: EditorialRepository
  articles: ArticlesService
  sections: SectionsRepository
  authors: AuthorsRepository
  tags: TagsRepository
}) {
  const { editorial, articles, sections, authors, tags } = deps

  async function findRevision (principal: Principal, id: number, number: number): Promise<Revision> {
    await articles.getForWriter(principal, id)
    const revision = await editorial.findRevision(id, number)
    if (!revision) throw new NotFoundError('revision', number)
    return revision
  }

  // Sections, authors and tags may have been deleted since the revision was stored; restoring must not bring back dangling ids.
  async function assertStillExists (number: number, snapshot: ArticleSnapshot): Promise<void> {
    const errors: FieldError[] = []
    if (!(await sections.exists(snapshot.sectionId))) errors.push({ path: '/article/sectionId', message: `section ${snapshot.sectionId} no longer exists` })
    for (const [index, authorId] of snapshot.authorIds.entries()) {
      if (!(await authors.exists(authorId))) errors.push({ path: `/article/authorIds/${index}`, message: `author ${authorId} no longer exists` })
    }
    const missingTags = new Set(await tags.missingIds(snapshot.tagIds))
    for (const [index, tagId] of snapshot.tagIds.entries()) {
      if (missingTags.has(tagId)) errors.push({ path: `/article/tagIds/${index}`, message: `tag ${tagId} no longer exists` })
    }
    if (errors.length > 0) {
      throw new UnprocessableError('REVISION_REFERENCES_GONE', `Revision ${number} cannot be restored: ${errors.map((e) => e.message).join(', ')}. ` +
        'Restore another revision, or edit the article with PATCH.', errors)
    }
  }

  return {
    async listRevisions (principal: Principal, id: number, query: { limit: number, cursor?: string | undefined }): Promise<Page<RevisionSummary>> {
      await articles.getForWriter(principal, id)
      return editorial.listRevisions(id, query)
    },

    getRevision: findRevision,

    /**
     * Puts a revision's content back as a new revision, through the same rules as PATCH. Status and publication
     * times stay as they are now (restoring text must not unpublish), and so does the slug, whose URLs are out there.
     */
    async restore (principal: Principal, id: number, number: number, expected: ExpectedVersions): Promise<WriterArticle> {
      const { article: snapshot } = await findRevision(principal, id, number)
      await assertStillExists(number, snapshot)
      return articles.update(principal, id, {
        headline: snapshot.headline,
        subtitle: snapshot.subtitle,
        excerpt: snapshot.excerpt,
        body: snapshot.body,
        sectionId: snapshot.sectionId,
        authorIds: snapshot.authorIds,
        tagIds: snapshot.tagIds,
        featuredImage: snapshot.featuredImage,
        dateline: snapshot.dateline,
        language: snapshot.language,
        canonicalUrl: snapshot.canonicalUrl,
        featured: snapshot.featured,
        byline: snapshot.byline
      }, expected)
    },

    async addCorrection (principal: Principal, id: number, input: CreateCorrectionInput, expected: ExpectedVersions): Promise<Correction> {
      await articles.getForWriter(principal, id)
      return editorial.addCorrection(id, input, principal.tokenId, expected)
    },

    async withdraw (principal: Principal, id: number, reason: string, expected: ExpectedVersions): Promise<WriterArticle> {
      await articles.getForWriter(principal, id)
      await editorial.withdraw(id, reason, principal.tokenId, expected)
      return articles.getForWriter(principal, id)
    },

    async reinstate (principal: Principal, id: number, expected: ExpectedVersions): Promise<WriterArticle> {
      await articles.getForWriter(principal, id)
      await editorial.reinstate(id, principal.tokenId, expected)
      return articles.getForWriter(principal, id)
    }
  }
}

export type EditorialService = ReturnType<typeof createEditorialService>
