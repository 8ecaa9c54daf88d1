// The rules of the public list's query string: slug lists, time ranges, sorts and sparse fieldsets.
import { BadRequestError } from '../../shared/errors.js'
import { articleKeys } from '../../shared/surrogate-keys.js'
import type { ArticleListRequest, EncodedSummary } from './articles.listing.js'
import { ARTICLE_LIST_FIELDS, MAX_LISTED_SLUGS, type ArticleListItem, type ListArticlesQuery } from './articles.schemas.js'

export const LIST_QUERY_ERRORS = {
  relevanceNeedsQ: 'sort=relevance ranks search results: add q, or choose -publishedAt, publishedAt or -updatedAt.',
  emptyRange: 'publishedAfter must be earlier than publishedBefore: no article can be published in this range.',
  tooManySlugs: (name: string) => `${name} names more than ${MAX_LISTED_SLUGS} slugs, counting each comma-separated one.`,
  unknownFields: (names: string[]) => `fields names unknown fields: ${names.join(', ')}. Allowed: ${ARTICLE_LIST_FIELDS.join(', ')}.`
} as const

/**
 * ?tag=a&tag=b,c becomes [a, b, c]. The schema counts the repeated parameters; the limit is on the slugs however they
 * are spread over them, duplicates included, as the schema counts a repeated one.
 */
export function slugsOf (name: string, values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined
  const slugs = values.flatMap((value) => value.split(',')).map((slug) => slug.trim()).filter((slug) => slug !== '')
  if (slugs.length > MAX_LISTED_SLUGS) {
    throw new BadRequestError('TOO_MANY_SLUGS', LIST_QUERY_ERRORS.tooManySlugs(name), [{ path: `/querystring/${name}`, message: `must name at most ${MAX_LISTED_SLUGS} slugs` }])
  }
  return [...new Set(slugs)]
}

export type ListField = typeof ARTICLE_LIST_FIELDS[number]

/** The fields to keep, or null for all of them. */
function fieldsOf (fields: string | undefined): ListField[] | null {
  if (fields === undefined) return null
  const names = [...new Set(fields.split(',').map((name) => name.trim()).filter((name) => name !== ''))]
  const unknown = names.filter((name) => !(ARTICLE_LIST_FIELDS as string[]).includes(name))
  if (unknown.length > 0 || names.length === 0) {
    throw new BadRequestError('UNKNOWN_FIELDS', LIST_QUERY_ERRORS.unknownFields(unknown), [{ path: '/querystring/fields', message: `must name fields among ${ARTICLE_LIST_FIELDS.join(', ')}` }])
  }
  return names as ListField[]
}

/** Stored times are UTC with milliseconds, so normalised bounds compare with them as text. */
export function utcTime (name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const time = new Date(value)
  // The date-time format lets through times Date cannot hold, such as a leap second.
  if (Number.isNaN(time.getTime())) throw new BadRequestError('VALIDATION_FAILED', `${name} is not a time this API can use.`, [{ path: `/querystring/${name}`, message: 'must be a valid date-time' }])
  return time.toISOString()
}

export function parseListQuery (query: ListArticlesQuery): { request: ArticleListRequest, fields: ListField[] | null } {
  const sort = query.sort ?? (query.q === undefined ? '-publishedAt' : 'relevance')
  if (sort === 'relevance' && query.q === undefined) {
    throw new BadRequestError('RELEVANCE_NEEDS_Q', LIST_QUERY_ERRORS.relevanceNeedsQ, [{ path: '/querystring/sort', message: 'relevance needs q' }])
  }
  const publishedAfter = utcTime('publishedAfter', query.publishedAfter)
  const publishedBefore = utcTime('publishedBefore', query.publishedBefore)
  if (publishedAfter !== undefined && publishedBefore !== undefined && publishedAfter >= publishedBefore) {
    throw new BadRequestError('EMPTY_DATE_RANGE', LIST_QUERY_ERRORS.emptyRange, [{ path: '/querystring/publishedBefore', message: 'must be later than publishedAfter' }])
  }
  return {
    request: {
      limit: query.limit ?? 20,
      cursor: query.cursor,
      sort,
      section: query.section,
      authors: slugsOf('author', query.author),
      tags: slugsOf('tag', query.tag),
      featured: query.featured,
      publishedAfter,
      publishedBefore,
      q: query.q
    },
    fields: fieldsOf(query.fields)
  }
}

/** Sparse fieldsets: each item keeps only the named fields it has, and names only the entities they show. */
export function pickFields (item: EncodedSummary, fields: ListField[]): EncodedSummary {
  const whole = JSON.parse(item.json) as ArticleListItem
  const picked: Record<string, unknown> = {}
  for (const field of fields) {
    if (whole[field] !== undefined) picked[field] = whole[field]
  }
  return { id: item.id, json: JSON.stringify(picked), keys: articleKeys(picked).join(' ') }
}
