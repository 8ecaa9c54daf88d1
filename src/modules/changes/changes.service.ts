// The change feed: the outbox's article events since a token, each with the article as it is now or a tombstone.
import type { Store } from '../../db/store.js'
import { BadRequestError } from '../../shared/errors.js'
import type { Principal } from '../../shared/roles.js'
import type { SyndicatedArticle } from '../articles/articles.repository.js'
import type { EventType, StoredEvent } from '../events/events.js'
import { decodeChangesToken, encodeChangesToken, type ChangesAudience } from './changes.token.js'
import { DEFAULT_CHANGES_LIMIT, type Change, type ChangedArticle, type ChangeFeed, type ChangeKind, type ListChangesQuery } from './changes.schemas.js'

// listArticleChanges gives article events only.
const KIND_OF: Partial<Record<EventType, ChangeKind>> = {
  'article.published': 'published',
  'article.updated': 'updated',
  'article.unpublished': 'unpublished',
  'article.deleted': 'deleted'
}

const AHEAD = 'The since token points past the last change this service has recorded: it was issued by another installation, ' +
  'or before this database was restored from an older copy. Leave since out and mirror again from the start.'

/** Any token reads the partners' feed: partner is the weakest role. */
function audienceOf (principal: Principal | null): ChangesAudience {
  return principal === null ? 'public' : 'partner'
}

// The article as the public reads it: the version is the writers' (ninjs shows it as its own field), the embargo
// is the change's.
function toChangedArticle (article: SyndicatedArticle): ChangedArticle {
  const { replyCount: _replyCount, embargoedUntil: _embargoedUntil, version: _version, ...changed } = article
  return changed
}

/** Whether the change carries the article; an unpublished or deleted one may be visible again by now, which a later change says. */
function showsArticle (event: StoredEvent): boolean {
  return event.type === 'article.published' || event.type === 'article.updated'
}

function changeOf (event: StoredEvent, current: Map<number, SyndicatedArticle>): Change {
  const article = showsArticle(event) ? current.get(event.articleId) : undefined
  return {
    change: KIND_OF[event.type] as ChangeKind,
    at: event.createdAt,
    id: event.articleId,
    slug: event.slug,
    embargoedUntil: article?.embargoedUntil ?? null,
    article: article === undefined ? null : toChangedArticle(article)
  }
}

export function createChangesService (store: Store) {
  const { events, articles } = store.read

  return {
    /**
     * A page of changes after the token's position. next is the position of the last change given, so a reader that
     * is up to date keeps asking for the same URL, which a CDN answers for all of them until the next change.
     */
    async list (principal: Principal | null, query: ListChangesQuery): Promise<ChangeFeed> {
      const audience = audienceOf(principal)
      const limit = query.limit ?? DEFAULT_CHANGES_LIMIT
      const after = query.since === undefined ? 0 : decodeChangesToken(query.since, audience)
      const includeEmbargoed = audience === 'partner'
      const found = await events.listArticleChanges({ after, limit: limit + 1, includeEmbargoed })
      // Events are only ever added, so a position no reader was given is one from elsewhere, not from a moment too soon.
      // Measured against what this audience is shown: the public learns nothing of the changes under embargo.
      if (found.length === 0 && after > await events.lastArticleChange({ includeEmbargoed })) throw new BadRequestError('CHANGES_TOKEN_AHEAD', AHEAD)
      const page = found.slice(0, limit)
      const shown = [...new Set(page.filter(showsArticle).map((event) => event.articleId))]
      const current = new Map((await articles.findSyndicated(shown, { includeEmbargoed })).map((article) => [article.id, article]))
      return {
        data: page.map((event) => changeOf(event, current)),
        meta: { next: encodeChangesToken(audience, page.at(-1)?.id ?? after), hasMore: found.length > limit }
      }
    }
  }
}

export type ChangesService = ReturnType<typeof createChangesService>
