// The rules of the editors' article list: whose articles a token sees, the query string, and each sort's keyset.
import { ARTICLE_STATUSES } from '../../db/schema.js'
import { decodeCursor, encodeCursor } from '../../shared/cursor.js'
import { BadRequestError, ForbiddenError } from '../../shared/errors.js'
import { hasRole, type Principal } from '../../shared/roles.js'
import { slugsOf, utcTime } from './articles.list-query.js'
import { INVALID_CURSOR } from './articles.listing.js'
import type { ArticleStatus } from './articles.schemas.js'
import type { EditorSort, ListArticlesForEditorsQuery } from './articles.admin-list.schemas.js'

export const EDITOR_LIST_ERRORS = {
  noAuthor: 'This token is not bound to an author, so it has no articles of its own to list. Ask an admin for a token with an authorId, or use an editor token.',
  unknownStatuses: (unknown: string[]) => `status names ${unknown.length === 0 ? 'no status' : `unknown statuses: ${unknown.join(', ')}`}. Allowed: ${ARTICLE_STATUSES.join(', ')}.` +
    (unknown.includes('withdrawn') ? ' Withdrawal is not a status: ask for withdrawn=true.' : '')
} as const

/** What the editors' list asks for, already checked: statuses and slugs split, times normalised to UTC. */
export interface EditorListRequest {
  limit: number
  cursor?: string | undefined
  sort: EditorSort
  /** Only the articles that credit this author; null lists every article. */
  creditedTo: number | null
  statuses?: ArticleStatus[] | undefined
  withdrawn?: boolean | undefined
  section?: string | undefined
  authors?: string[] | undefined
  tags?: string[] | undefined
  updatedSince?: string | undefined
  q?: string | undefined
}

/** The article column each sort orders by, and which way. Drafts have no publishedAt, and only scheduled articles a scheduledAt. */
export const EDITOR_SORT_KEYS = {
  '-updatedAt': { column: 'updatedAt', descending: true, nullable: false },
  updatedAt: { column: 'updatedAt', descending: false, nullable: false },
  '-scheduledAt': { column: 'scheduledAt', descending: true, nullable: true },
  scheduledAt: { column: 'scheduledAt', descending: false, nullable: true },
  '-publishedAt': { column: 'publishedAt', descending: true, nullable: true },
  publishedAt: { column: 'publishedAt', descending: false, nullable: true },
  '-createdAt': { column: 'createdAt', descending: true, nullable: false }
} as const satisfies Record<EditorSort, { column: string, descending: boolean, nullable: boolean }>

/** An article's place in a sort: the time it is sorted on (null when it has none), then its id. */
export interface EditorKey {
  id: number
  key: string | null
}

// PostgreSQL has no year 0, and reads the key as a time: a cursor must hold one both engines store.
const EARLIEST = Date.parse('0001-01-01T00:00:00.000Z')

/** The key a cursor carries, checked to be one this sort can have issued. Articles without the time carry ''. */
export function editorKeyOf (cursor: string, sort: EditorSort): EditorKey {
  const [key, id] = decodeCursor(cursor, sort)
  if (key === '' && EDITOR_SORT_KEYS[sort].nullable) return { id, key: null }
  const time = Date.parse(key)
  if (Number.isNaN(time) || time < EARLIEST || new Date(time).toISOString() !== key) throw new BadRequestError('INVALID_CURSOR', INVALID_CURSOR)
  return { id, key }
}

export function editorCursor (last: EditorKey, sort: EditorSort): string {
  return encodeCursor([last.key ?? '', last.id], sort)
}

/**
 * Editors and admins see every article; contributors and authors only those that credit their own author, in every
 * status, so they can follow their work through the desk. A token bound to no author is refused rather than shown an
 * empty list that would read as "you have written nothing".
 */
function creditedToOf (principal: Principal): number | null {
  if (hasRole(principal.role, 'editor')) return null
  if (principal.authorId === null) throw new ForbiddenError('TOKEN_HAS_NO_AUTHOR', EDITOR_LIST_ERRORS.noAuthor)
  return principal.authorId
}

/** ?status=draft&status=scheduled,archived becomes [draft, scheduled, archived]; anything else is a 400 naming it. */
function statusesOf (values: string[] | undefined): ArticleStatus[] | undefined {
  if (values === undefined) return undefined
  const named = values.flatMap((value) => value.split(',')).map((status) => status.trim()).filter((status) => status !== '')
  const unknown = named.filter((status) => !(ARTICLE_STATUSES as readonly string[]).includes(status))
  if (unknown.length > 0 || named.length === 0) {
    throw new BadRequestError('UNKNOWN_STATUS', EDITOR_LIST_ERRORS.unknownStatuses(unknown), [{ path: '/querystring/status', message: `must name statuses among ${ARTICLE_STATUSES.join(', ')}` }])
  }
  return [...new Set(named as ArticleStatus[])]
}

export function parseEditorListQuery (principal: Principal, query: ListArticlesForEditorsQuery): EditorListRequest {
  return {
    limit: query.limit ?? 20,
    cursor: query.cursor,
    sort: query.sort ?? '-updatedAt',
    creditedTo: creditedToOf(principal),
    statuses: statusesOf(query.status),
    withdrawn: query.withdrawn,
    section: query.section,
    authors: slugsOf('author', query.author),
    tags: slugsOf('tag', query.tag),
    updatedSince: utcTime('updatedSince', query.updatedSince),
    q: query.q
  }
}
