// Rules of writing articles: who may write what, slugs, publication times, and the derived body.
import type { Repositories, Store } from '../../db/store.js'
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, type FieldError } from '../../shared/errors.js'
import type { ContentCoding } from '../../shared/compression.js'
import { withTotalIfAsked, type Page } from '../../shared/pagination.js'
import { inlineToText, renderBody } from '../../shared/rendering.js'
import { hasRole, type Principal } from '../../shared/roles.js'
import { resolveSlug } from '../../shared/slugs.js'
import { type ArticleRecord, type ExpectedVersions } from './articles.repository.js'
import { parseListQuery, pickFields } from './articles.list-query.js'
import { parseEditorListQuery } from './articles.admin-list.js'
import type { ListArticlesForEditorsQuery, WriterArticleSummary } from './articles.admin-list.schemas.js'
import { assemble, DEFAULT_FORMATS, etagOf, type StoredArticle } from './articles.representations.js'
import type { EncodedSummary } from './articles.listing.js'
import type { ArticleStatus, BodyFormat, CreateArticleInput, ListArticlesQuery, UpdateArticleInput, WriterArticle } from './articles.schemas.js'

const EXCERPT_LENGTH = 280

/** What a read of a published article sends. */
export interface PublishedArticle {
  etag: string
  /** An HTTP date: when the stored representation sent last changed; null for a new one rendered afresh, which goes undated. */
  lastModified: string | null
  surrogateKeys: string
  /** The article's JSON; null when the client holds it already (a 304), or when it goes as encoded. */
  json: string | null
  /** The article's JSON as stored in the coding the client asked for. */
  encoded?: { coding: ContentCoding, bytes: Buffer }
}

/**
 * The stored representation's date as an HTTP date, unless it is still to come: edits within one second date each
 * new representation a second after the last (refreshedRepresentation), and no response may carry a Last-Modified
 * later than its Date (RFC 9110 8.8.2.1). Until then it goes undated, and ETags alone revalidate it.
 */
function storedDate (stored: StoredArticle): string | null {
  const time = new Date(stored.lastModified)
  return time.getTime() > Date.now() ? null : time.toUTCString()
}

/**
 * A stored representation as sent, with the forms chosen: one object literal of one shape, as the article route reads
 * its fields on every request (spreading the validators into it cost 6 to 10 µs of CPU a read, measured).
 */
function sentAs (stored: StoredArticle, formats: readonly BodyFormat[], json: string | null, encoded?: PublishedArticle['encoded']): PublishedArticle {
  return { etag: etagOf(stored.etag, formats), lastModified: storedDate(stored), surrogateKeys: stored.surrogateKeys, json, encoded }
}

/** An old slug: the article lives at movedTo now. */
export interface MovedArticle {
  movedTo: string
}

export const ARTICLE_ERRORS = {
  noAuthor: 'This token is not bound to an author, so it cannot own articles. Ask an admin for a token with an authorId.',
  notYours: 'Contributor and author tokens may only write articles that credit their own author.',
  mustStayCredited: 'You cannot remove yourself from the byline of an article: ask an editor.',
  contributorsDraftOnly: 'Contributors write drafts only; an author or editor publishes them.',
  scheduleNeedsTime: 'A scheduled article needs scheduledAt, a time in the future.',
  scheduleInPast: 'scheduledAt must be in the future.',
  scheduleNeedsStatus: 'scheduledAt only applies to an article with status scheduled.',
  publishAtInPast: 'at must be a time in the future; leave it out to publish now.',
  publishedInFuture: 'publishedAt cannot be in the future: to publish later, schedule the article (status scheduled with scheduledAt, or POST /v1/admin/articles/{id}/publish with at).',
  changedMeanwhile: 'The article changed status while this request ran (the scheduler may have published it): fetch it and decide again.',
  embargoInPast: 'embargoedUntil must be in the future; send null to lift an embargo now.',
  alreadyPublic: 'The public can already read this article, so an embargo cannot take it back: unpublish it first.',
  publicRecord: 'This article carries a correction or a withdrawal notice, the public record of the newsroom: only an editor may delete it or take it down.',
  withdrawnRecord: 'This article is withdrawn: its headline stands with the withdrawal notice on the public record, so only an editor may edit it.'
} as const

/**
 * The editorial workflow: the statuses an article may move to from each status ('new' is creation).
 * Together with assertMayChangeStatus this is the one place the rules live: PATCH, publish, unpublish use it.
 */
const TRANSITIONS: Record<ArticleStatus | 'new', readonly ArticleStatus[]> = {
  new: ['draft', 'scheduled', 'published'],
  draft: ['scheduled', 'published'],
  // scheduled -> scheduled is a new time.
  scheduled: ['scheduled', 'published', 'draft', 'archived'],
  published: ['archived', 'draft'],
  archived: ['draft', 'scheduled', 'published']
}

/** Throws unless the principal may move an article from one status to another (from is null on creation). */
export function assertMayChangeStatus (principal: Principal, from: ArticleStatus | null, to: ArticleStatus): void {
  // Contributors hand drafts over; publishing, scheduling and taking down are for authors and up.
  if (principal.role === 'contributor' && to !== 'draft') {
    throw new ForbiddenError('CONTRIBUTORS_WRITE_DRAFTS', ARTICLE_ERRORS.contributorsDraftOnly)
  }
  if (from === to && to !== 'scheduled') return
  const allowed = TRANSITIONS[from ?? 'new']
  if (!allowed.includes(to)) {
    const subject = from === null ? 'A new article' : `An article that is ${from}`
    throw new ConflictError('ILLEGAL_TRANSITION', `${subject} cannot become ${to}; it may become ${allowed.join(', ')}.${from === 'published' && to === 'scheduled' ? ' Unpublish it first, then schedule it.' : ''}`)
  }
}

function excerptOf (record: Pick<ArticleRecord, 'body'>): string {
  const first = record.body.find((block) => block.type === 'paragraph')
  if (!first) return ''
  const text = inlineToText(first.text).replace(/\s+/g, ' ').trim()
  if (text.length <= EXCERPT_LENGTH) return text
  const cut = text.slice(0, EXCERPT_LENGTH)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : EXCERPT_LENGTH)}…`
}

/**
 * Normalised to UTC with milliseconds, so stored times sort as text. RFC 3339 allows a leap second (23:59:60)
 * that JavaScript dates cannot hold: such a time is refused rather than guessed.
 */
function isoTime (value: string, path: string): string {
  const time = new Date(value)
  if (Number.isNaN(time.getTime())) {
    throw new UnprocessableError('UNSUPPORTED_TIME', `${path.split('/').at(-1) as string} is a time this service cannot store, such as a leap second: use 23:59:59.999 instead.`, [{ path, message: 'is not a storable time' }])
  }
  return time.toISOString()
}

interface Schedule {
  status: ArticleStatus
  publishedAt: string | null
  scheduledAt: string | null
}

function scheduleOf (status: ArticleStatus, requested: { publishedAt?: string | undefined, scheduledAt?: string | null | undefined }, current: Schedule | null, now: Date): Schedule {
  if (status === 'scheduled') {
    const at = requested.scheduledAt === undefined ? current?.scheduledAt : requested.scheduledAt
    if (!at) throw new UnprocessableError('SCHEDULE_REQUIRED', ARTICLE_ERRORS.scheduleNeedsTime, [{ path: '/body/scheduledAt', message: 'is required with status scheduled' }])
    const scheduledAt = isoTime(at, '/body/scheduledAt')
    if (Date.parse(scheduledAt) <= now.getTime()) throw new UnprocessableError('SCHEDULE_IN_PAST', ARTICLE_ERRORS.scheduleInPast, [{ path: '/body/scheduledAt', message: 'must be in the future' }])
    // An archived article scheduled again keeps its first publication time.
    return { status, publishedAt: current?.publishedAt ?? null, scheduledAt }
  }
  if (requested.scheduledAt) {
    throw new UnprocessableError('SCHEDULE_NEEDS_STATUS', ARTICLE_ERRORS.scheduleNeedsStatus, [{ path: '/body/scheduledAt', message: 'needs status scheduled' }])
  }
  const given = requested.publishedAt === undefined ? undefined : isoTime(requested.publishedAt, '/body/publishedAt')
  // A future publication time would put an article at the top of every list until then: that is scheduling.
  if (given !== undefined && Date.parse(given) > now.getTime()) {
    throw new UnprocessableError('PUBLISHED_IN_FUTURE', ARTICLE_ERRORS.publishedInFuture, [{ path: '/body/publishedAt', message: 'must not be in the future' }])
  }
  const kept = given ?? current?.publishedAt ?? null
  // Publishing stamps the moment unless the writer imports an older publication time.
  return { status, publishedAt: status === 'published' ? kept ?? now.toISOString() : kept, scheduledAt: null }
}

/** The embargo an article will carry: the one asked for, checked, or the one it has. */
function embargoOf (requested: string | null | undefined, current: WriterArticle | null, now: Date): string | null {
  if (requested === undefined) return current?.embargoedUntil ?? null
  if (requested === null) return null
  const until = isoTime(requested, '/body/embargoedUntil')
  if (Date.parse(until) <= now.getTime()) {
    throw new UnprocessableError('EMBARGO_IN_PAST', ARTICLE_ERRORS.embargoInPast, [{ path: '/body/embargoedUntil', message: 'must be in the future' }])
  }
  if (current?.status === 'published' && current.embargoedUntil === null) {
    throw new UnprocessableError('ALREADY_PUBLIC', ARTICLE_ERRORS.alreadyPublic, [{ path: '/body/embargoedUntil', message: 'cannot be set on an article the public can read' }])
  }
  return until
}

function assertMayWrite (principal: Principal, authorIds: number[], status: ArticleStatus, current: WriterArticle | null): void {
  assertMayChangeStatus(principal, current?.status ?? null, status)
  if (hasRole(principal.role, 'editor')) return
  if (principal.authorId === null) throw new ForbiddenError('TOKEN_HAS_NO_AUTHOR', ARTICLE_ERRORS.noAuthor)
  if (current && !current.authors.some((author) => author.id === principal.authorId)) {
    throw new ForbiddenError('NOT_YOUR_ARTICLE', ARTICLE_ERRORS.notYours)
  }
  if (!authorIds.includes(principal.authorId)) {
    throw new ForbiddenError(current ? 'MUST_STAY_CREDITED' : 'NOT_YOUR_ARTICLE', current ? ARTICLE_ERRORS.mustStayCredited : ARTICLE_ERRORS.notYours)
  }
  // A contributor's article leaves their hands once an author or editor moves it on.
  if (principal.role === 'contributor' && current && current.status !== 'draft') {
    throw new ForbiddenError('CONTRIBUTORS_WRITE_DRAFTS', ARTICLE_ERRORS.contributorsDraftOnly)
  }
  if (current?.status === 'published' && status !== 'published') assertMayRemoveRecord(principal, current)
}

/**
 * Corrections and withdrawal notices are an editor's word to readers: a writer whose article carries one may not
 * make it vanish, by deleting the article or by taking it down. Editors may, as they may any article.
 */
function assertMayRemoveRecord (principal: Principal, article: WriterArticle): void {
  if (hasRole(principal.role, 'editor')) return
  if (article.corrections.length > 0 || article.withdrawn !== null) {
    throw new ForbiddenError('PUBLIC_RECORD_PROTECTED', ARTICLE_ERRORS.publicRecord)
  }
}

/** Throws a 422 naming each section, author or tag id that does not exist. */
async function assertReferencesExist ({ sections, authors, tags }: Repositories, input: { sectionId?: number | undefined, authorIds?: number[] | undefined, tagIds?: number[] | undefined }): Promise<void> {
  const errors: FieldError[] = []
  if (input.sectionId !== undefined && !(await sections.exists(input.sectionId))) {
    errors.push({ path: '/body/sectionId', message: `no section has id ${input.sectionId}` })
  }
  for (const [index, authorId] of (input.authorIds ?? []).entries()) {
    if (!(await authors.exists(authorId))) errors.push({ path: `/body/authorIds/${index}`, message: `no author has id ${authorId}` })
  }
  const missingTags = new Set(await tags.missingIds(input.tagIds ?? []))
  for (const [index, tagId] of (input.tagIds ?? []).entries()) {
    if (missingTags.has(tagId)) errors.push({ path: `/body/tagIds/${index}`, message: `no tag has id ${tagId}` })
  }
  if (errors.length > 0) {
    throw new UnprocessableError('UNKNOWN_REFERENCE', `The article refers to things that do not exist: ${errors.map((e) => `${e.path} (${e.message})`).join(', ')}.`, errors)
  }
}

/**
 * The article about to be written, if the principal may write it. The row stays locked until the unit of work
 * ends, so the rules are checked against the version the write replaces.
 */
export async function lockWritable (tx: Repositories, principal: Principal, id: number): Promise<WriterArticle> {
  await tx.articles.lock(id)
  return findWritable(tx, principal, id)
}

/** The article, if the principal may write it. */
async function findWritable ({ articles }: Repositories, principal: Principal, id: number): Promise<WriterArticle> {
  const article = await articles.findById(id)
  if (!article) throw new NotFoundError('article', id)
  if (!hasRole(principal.role, 'editor') && !article.authors.some((author) => author.id === principal.authorId)) {
    throw new ForbiddenError('NOT_YOUR_ARTICLE', ARTICLE_ERRORS.notYours)
  }
  // Once published, an article is the newsroom's: its contributor reads it where readers do.
  if (principal.role === 'contributor' && article.status !== 'draft') {
    throw new ForbiddenError('CONTRIBUTORS_WRITE_DRAFTS', ARTICLE_ERRORS.contributorsDraftOnly)
  }
  return article
}

/** Leaving publication or the schedule for the draft desk or the archive: preview links minted before stop working. */
function takesDown (from: ArticleStatus, to: ArticleStatus): boolean {
  return (from === 'published' || from === 'scheduled') && (to === 'draft' || to === 'archived')
}

function derived (body: ArticleRecord['body']) {
  const rendered = renderBody(body)
  return { bodyHtml: rendered.html, bodyText: rendered.text, wordCount: rendered.wordCount, readingTime: rendered.readingTime }
}

async function updateFrom (tx: Repositories, current: WriterArticle, principal: Principal, input: UpdateArticleInput, expected: ExpectedVersions): Promise<WriterArticle> {
  const id = current.id
  // The public reads a withdrawn article's headline and subtitle with its notice: rewritten, they would hide what was retracted.
  if (current.withdrawn !== null && !hasRole(principal.role, 'editor')) {
    throw new ForbiddenError('PUBLIC_RECORD_PROTECTED', ARTICLE_ERRORS.withdrawnRecord)
  }
  const status = input.status ?? current.status
  const authorIds = input.authorIds ?? current.authors.map((author) => author.id)
  assertMayWrite(principal, authorIds, status, current)
  await assertReferencesExist(tx, input)
  const slug = input.slug === undefined || input.slug === current.slug
    ? current.slug
    : await resolveSlug({ given: input.slug, title: current.headline, resource: 'article', isTaken: (candidate) => tx.articles.isSlugTaken(candidate, id) })
  const body = input.body ?? current.body
  await tx.articles.update(id, {
    slug,
    headline: input.headline ?? current.headline,
    subtitle: input.subtitle === undefined ? current.subtitle : input.subtitle,
    // An excerpt made from the old body follows the new one; one an editor wrote stays.
    excerpt: input.excerpt ?? (current.excerpt === excerptOf(current) ? excerptOf({ body }) : current.excerpt),
    body,
    ...derived(body),
    ...scheduleOf(status, input, current, new Date()),
    sectionId: input.sectionId ?? current.section.id,
    authorIds,
    tagIds: input.tagIds ?? current.tags.map((tag) => tag.id),
    featuredImage: input.featuredImage === undefined ? current.featuredImage : input.featuredImage,
    dateline: input.dateline === undefined ? current.dateline : input.dateline,
    language: input.language ?? current.language,
    canonicalUrl: input.canonicalUrl === undefined ? current.canonicalUrl : input.canonicalUrl,
    featured: input.featured ?? current.featured,
    byline: input.byline === undefined ? current.byline : input.byline,
    repliesEnabled: input.repliesEnabled ?? current.repliesEnabled,
    embargoedUntil: embargoOf(input.embargoedUntil, current, new Date())
  }, principal.tokenId, expected)
  if (takesDown(current.status, status)) await tx.articles.revokePreviews(id)
  return await tx.articles.findById(id) as WriterArticle
}

async function changeStatus (tx: Repositories, principal: Principal, id: number, to: ArticleStatus, expected: ExpectedVersions, scheduledAt?: string): Promise<WriterArticle> {
  const current = await lockWritable(tx, principal, id)
  assertMayWrite(principal, current.authors.map((author) => author.id), to, current)
  // Asking again for the status an article has is a retry, not a change: no new revision.
  if (current.status === to && to !== 'scheduled') {
    if (expected !== undefined && !expected.includes(current.version)) {
      throw new PreconditionFailedError('VERSION_MISMATCH', `The article is at version ${current.version}, not ${expected.join(' or ')} (If-Match): someone else saved it in between.`)
    }
    return current
  }
  const schedule = scheduleOf(to, { scheduledAt }, current, new Date())
  if (!(await tx.articles.changeStatus(id, current.status, schedule, principal.tokenId, expected))) {
    throw new ConflictError('ARTICLE_CHANGED', ARTICLE_ERRORS.changedMeanwhile)
  }
  if (takesDown(current.status, to)) await tx.articles.revokePreviews(id)
  return await tx.articles.findById(id) as WriterArticle
}

export function createArticlesService (store: Store) {
  const { articles } = store.read

  async function movedOrMissing (slug: string): Promise<MovedArticle> {
    const movedTo = await articles.findCurrentSlug(slug)
    if (movedTo === null) throw new NotFoundError('article', slug)
    return { movedTo }
  }

  return {
    /** Public articles, filtered, searched and sorted as the query asks, trimmed to fields= when given: JSON text to splice into the list. */
    async listPublished (query: ListArticlesQuery): Promise<Page<EncodedSummary>> {
      const { request, fields } = parseListQuery(query)
      const page = await withTotalIfAsked(query.total, () => articles.listPublished(request), () => articles.countPublished(request))
      return fields === null ? page : { ...page, data: page.data.map((item) => pickFields(item, fields)) }
    },

    /** Articles of every status for an editorial screen: all of them for editors, their own for contributors and authors. */
    async listForEditors (principal: Principal, query: ListArticlesForEditorsQuery): Promise<Page<WriterArticleSummary>> {
      const request = parseEditorListQuery(principal, query)
      return withTotalIfAsked(query.total, () => articles.listForEditors(request), () => articles.countForEditors(request))
    },

    /**
     * A published article by slug as the public reads it, with the body forms asked for: its stored representation,
     * or, while that is queued for refreshing, the article rendered now as it will be stored. Given `holds`, which
     * tells whether the client holds a representation, the stored validators are read first, and a representation
     * the client holds is answered without its body. Given a coding the client accepts, the default forms go as stored
     * in it, when they are. An old slug of an article answers where it moved.
     */
    async readPublished (slug: string, formats: readonly BodyFormat[], holds?: (etag: string, lastModified: string | null) => boolean,
      coding: ContentCoding | null = null): Promise<PublishedArticle | MovedArticle> {
      if (holds) {
        const validators = await articles.findStoredBySlug(slug, null)
        if (validators === null) return movedOrMissing(slug)
        if (validators.current) {
          const sent = sentAs(validators, formats, null)
          if (holds(sent.etag, sent.lastModified)) return sent
        }
      }
      // Stored for the default forms only. A revalidation reads the validators alone first: most of them end in a 304.
      if (coding !== null && formats === DEFAULT_FORMATS) {
        const encoded = await articles.findStoredBySlug(slug, null, coding)
        if (encoded === null) return movedOrMissing(slug)
        if (encoded.current && encoded.encoded !== null) return sentAs(encoded, formats, null, { coding, bytes: encoded.encoded })
      }
      const stored = await articles.findStoredBySlug(slug, formats)
      if (stored === null) return movedOrMissing(slug)
      if (stored.current) return sentAs(stored, formats, assemble(stored.parts, formats))
      const fresh = await articles.renderPublishedBySlug(slug)
      // Unpublished between the two reads.
      if (fresh === null) return movedOrMissing(slug)
      // A new representation goes undated until the refresher stores it with its date: any date sent before (the content
      // clock's) could be one a client holds with another representation, and a revalidation by date alone would keep
      // that. Only stored dates are ever sent, so the stored representation, queued by a write that changed nothing
      // shown, keeps its own.
      const lastModified = fresh.etag === stored.etag ? storedDate(stored) : null
      return { etag: etagOf(fresh.etag, formats), lastModified, surrogateKeys: fresh.surrogateKeys, json: assemble(fresh, formats), encoded: undefined }
    },

    async listRelated (slug: string, limit: number): Promise<EncodedSummary[] | MovedArticle> {
      return await articles.listRelated(slug, limit) ?? movedOrMissing(slug)
    },

    async getForWriter (principal: Principal, id: number): Promise<WriterArticle> {
      return findWritable(store.read, principal, id)
    },

    async create (principal: Principal, input: CreateArticleInput): Promise<WriterArticle> {
      const status = input.status ?? 'draft'
      const authorIds = input.authorIds ?? (principal.authorId === null ? [] : [principal.authorId])
      assertMayWrite(principal, authorIds, status, null)
      return store.transaction(async (tx) => {
        await assertReferencesExist(tx, { ...input, authorIds })
        const slug = await resolveSlug({ given: input.slug, title: input.headline, resource: 'article', isTaken: (candidate) => tx.articles.isSlugTaken(candidate) })
        const id = await tx.articles.insert({
          slug,
          headline: input.headline,
          subtitle: input.subtitle ?? null,
          excerpt: input.excerpt ?? excerptOf(input),
          body: input.body,
          ...derived(input.body),
          ...scheduleOf(status, input, null, new Date()),
          sectionId: input.sectionId,
          authorIds,
          tagIds: input.tagIds ?? [],
          featuredImage: input.featuredImage ?? null,
          dateline: input.dateline ?? null,
          language: input.language ?? 'en',
          canonicalUrl: input.canonicalUrl ?? null,
          featured: input.featured ?? false,
          byline: input.byline ?? null,
          repliesEnabled: input.repliesEnabled ?? true,
          embargoedUntil: embargoOf(input.embargoedUntil, null, new Date())
        }, principal.tokenId)
        return await tx.articles.findById(id) as WriterArticle
      })
    },

    /**
     * expected: the versions If-Match accepts. Without If-Match the fields sent win over whatever was saved
     * before, and they are applied to the article as it is inside the transaction that writes them: a status or
     * schedule changed meanwhile (by an editor, or the scheduler) is read there, never put back.
     */
    async update (principal: Principal, id: number, input: UpdateArticleInput, expected?: ExpectedVersions): Promise<WriterArticle> {
      return store.transaction(async (tx) => updateFrom(tx, await lockWritable(tx, principal, id), principal, input, expected))
    },

    async delete (principal: Principal, id: number): Promise<void> {
      await store.transaction(async (tx) => {
        const current = await lockWritable(tx, principal, id)
        assertMayWrite(principal, current.authors.map((author) => author.id), current.status, current)
        assertMayRemoveRecord(principal, current)
        await tx.articles.delete(id)
      })
    },

    /** Publishes now, or schedules the article for at; publishing a published article again changes nothing. */
    async publish (principal: Principal, id: number, at: string | undefined, expected?: ExpectedVersions): Promise<WriterArticle> {
      if (at !== undefined && Date.parse(isoTime(at, '/body/at')) <= Date.now()) {
        throw new UnprocessableError('SCHEDULE_IN_PAST', ARTICLE_ERRORS.publishAtInPast, [{ path: '/body/at', message: 'must be in the future' }])
      }
      return store.transaction(async (tx) => changeStatus(tx, principal, id, at === undefined ? 'published' : 'scheduled', expected, at))
    },

    /** Publishes up to limit scheduled articles whose time has come, each claimed by exactly one process. */
    async publishDue (now: Date, limit: number): Promise<Array<{ id: number, slug: string, publishedAt: string }>> {
      return store.transaction(async (tx) => tx.articles.publishDue(now, limit))
    },

    /** Lifts up to limit embargoes whose time has come, each claimed by exactly one process. */
    async liftDueEmbargoes (now: Date, limit: number): Promise<Array<{ id: number, slug: string }>> {
      return store.transaction(async (tx) => tx.articles.liftDueEmbargoes(now, limit))
    },

    /** Takes a published or scheduled article down, to archived or back to draft. */
    async unpublish (principal: Principal, id: number, to: 'archived' | 'draft', expected?: ExpectedVersions): Promise<WriterArticle> {
      return store.transaction(async (tx) => changeStatus(tx, principal, id, to, expected))
    }
  }
}

export type ArticlesService = ReturnType<typeof createArticlesService>
