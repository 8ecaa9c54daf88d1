// Rules of an article's editorial record: who may read and restore revisions, correct and withdraw.
import type { Repositories, Store } from '../../db/store.js'
import { ConflictError, NotFoundError, UnprocessableError, type FieldError } from '../../shared/errors.js'
import { withTotalIfAsked, type Page } from '../../shared/pagination.js'
import type { Principal } from '../../shared/roles.js'
import type { ArticleSnapshot, CreateCorrectionInput, Revision, RevisionSummary } from './articles.editorial.schemas.js'
import type { ExpectedVersions } from './articles.repository.js'
import type { Correction, WriterArticle } from './articles.schemas.js'
import { lockWritable, type ArticlesService } from './articles.service.js'

export const EDITORIAL_ERRORS = {
  notPublished: (status: string) => `Only a published article can be corrected or withdrawn; this one is ${status}. Publish it first, or simply edit it.`,
  alreadyWithdrawn: 'The article is already withdrawn. Reinstate it (DELETE /v1/admin/articles/{id}/withdrawal) before withdrawing it with a new reason.'
} as const

/** Corrections and withdrawals are for published articles; checked in the write's own transaction, so an unpublish cannot slip in between. */
async function findPublishedWritable (tx: Repositories, principal: Principal, id: number): Promise<WriterArticle> {
  const article = await lockWritable(tx, principal, id)
  if (article.status !== 'published') throw new ConflictError('ARTICLE_NOT_PUBLISHED', EDITORIAL_ERRORS.notPublished(article.status))
  return article
}

export function createEditorialService (deps: { store: Store, articles: ArticlesService }) {
  const { store, articles } = deps
  const { editorial, sections, authors, tags } = store.read

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
    async listRevisions (principal: Principal, id: number, query: { limit: number, cursor?: string | undefined, total?: boolean | undefined }): Promise<Page<RevisionSummary>> {
      await articles.getForWriter(principal, id)
      return withTotalIfAsked(query.total, () => editorial.listRevisions(id, query), () => editorial.countRevisions(id))
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

    /** Appends a correction and commits it as a change of the article: its updatedAt moves, its publishedAt stays. */
    async addCorrection (principal: Principal, id: number, input: CreateCorrectionInput, expected: ExpectedVersions): Promise<Correction> {
      return store.transaction(async (tx) => {
        await findPublishedWritable(tx, principal, id)
        const correction = await tx.editorial.insertCorrection(id, input, principal.tokenId)
        await tx.articles.commit(id, principal.tokenId, expected)
        return correction
      })
    },

    async withdraw (principal: Principal, id: number, reason: string, expected: ExpectedVersions): Promise<WriterArticle> {
      return store.transaction(async (tx) => {
        const article = await findPublishedWritable(tx, principal, id)
        if (article.withdrawn !== null) throw new ConflictError('ALREADY_WITHDRAWN', EDITORIAL_ERRORS.alreadyWithdrawn)
        await tx.editorial.setWithdrawal(id, reason)
        // A link minted before would go on showing the retracted text.
        await tx.articles.revokePreviews(id)
        await tx.articles.commit(id, principal.tokenId, expected)
        return await tx.articles.findById(id) as WriterArticle
      })
    },

    /** Idempotent like any DELETE: reinstating an article that is not withdrawn changes nothing and stores no revision. */
    async reinstate (principal: Principal, id: number, expected: ExpectedVersions): Promise<WriterArticle> {
      return store.transaction(async (tx) => {
        const article = await lockWritable(tx, principal, id)
        if (!(await tx.editorial.setWithdrawal(id, null))) return article
        await tx.articles.commit(id, principal.tokenId, expected)
        return await tx.articles.findById(id) as WriterArticle
      })
    }
  }
}

export type EditorialService = ReturnType<typeof createEditorialService>
