// The outbox's vocabulary: which change to an article is which event, decided in one place for both engines.
import type { EVENT_TYPES } from '../../db/schema.js'
import type { ArticleStatus } from '../articles/articles.schemas.js'

export type EventType = typeof EVENT_TYPES[number]

/** What decides whether an article is in the public (or, under embargo, the partners') set. */
export interface ArticleVisibility {
  status: ArticleStatus
  embargoedUntil: string | null
}

/** An article event about to be written: embargoedUntil set hides it from the public change feed. */
export interface ArticleEventDraft {
  type: EventType
  embargoedUntil: string | null
}

/**
 * The event a write makes of an article, from how it was before (null: it did not exist) to how it is after (null:
 * deleted), or null when neither state is published: drafts and schedules are nobody's business outside the newsroom.
 * Lifting an embargo publishes the article to the public, so it is a publication; an embargoed article taken down was
 * only ever seen by partners, so its tombstone keeps the embargo and the public feed skips it.
 */
export function articleEventOf (before: ArticleVisibility | null, after: ArticleVisibility | null): ArticleEventDraft | null {
  const was = before?.status === 'published'
  const is = after?.status === 'published'
  if (is && after) {
    if (!was) return { type: 'article.published', embargoedUntil: after.embargoedUntil }
    const lifted = before?.embargoedUntil !== null && after.embargoedUntil === null
    return { type: lifted ? 'article.published' : 'article.updated', embargoedUntil: after.embargoedUntil }
  }
  if (was && before) return { type: after === null ? 'article.deleted' : 'article.unpublished', embargoedUntil: before.embargoedUntil }
  return null
}

/** An event as stored, for the change feed and for webhook deliveries. */
export interface StoredEvent {
  id: number
  type: EventType
  articleId: number
  slug: string
  replyId: number | null
  embargoedUntil: string | null
  data: Record<string, unknown>
  createdAt: string
}

/** The articles whose public representation embeds a renamed or deleted section, author or tag. */
export type Embedding = { sectionId: number } | { authorId: number } | { tagId: number }
