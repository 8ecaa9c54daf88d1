// ninjs for partners: one article by slug and the bulk list, and who sees embargoed articles in them.
import { BadRequestError, NotFoundError } from '../../shared/errors.js'
import type { Page } from '../../shared/pagination.js'
import { hasRole, type Principal } from '../../shared/roles.js'
import { LIST_QUERY_ERRORS, slugsOf, utcTime } from '../articles/articles.list-query.js'
import type { ArticlesRepository, SyndicatedArticle } from '../articles/articles.repository.js'
import type { MovedArticle } from '../articles/articles.service.js'
import type { SyndicatedListRequest } from '../articles/articles.syndication.js'
import { toNinjsItem } from './ninjs.js'
import type { ListNinjsItemsQuery, NinjsItem } from './ninjs.schemas.js'

/** A ninjs response, with the articles it shows: the cache names their entities for a CDN. */
export interface NinjsItemFound {
  article: SyndicatedArticle
  item: NinjsItem
}

export interface NinjsPage extends Page<NinjsItem> {
  articles: SyndicatedArticle[]
}

/** Every role from partner up may read what is under embargo: the public (no token) may not. */
function seesEmbargoed (principal: Principal | null): boolean {
  return principal !== null && hasRole(principal.role, 'partner')
}

function requestOf (query: ListNinjsItemsQuery, includeEmbargoed: boolean): SyndicatedListRequest {
  const publishedAfter = utcTime('publishedAfter', query.publishedAfter)
  const publishedBefore = utcTime('publishedBefore', query.publishedBefore)
  if (publishedAfter !== undefined && publishedBefore !== undefined && publishedAfter >= publishedBefore) {
    throw new BadRequestError('EMPTY_DATE_RANGE', LIST_QUERY_ERRORS.emptyRange, [{ path: '/querystring/publishedBefore', message: 'must be later than publishedAfter' }])
  }
  return {
    limit: query.limit ?? 20,
    cursor: query.cursor,
    sort: query.sort ?? '-updatedAt',
    section: query.section,
    authors: slugsOf('author', query.author),
    tags: slugsOf('tag', query.tag),
    publishedAfter,
    publishedBefore,
    updatedSince: utcTime('updatedSince', query.updatedSince),
    includeEmbargoed
  }
}

export function createNinjsService ({ articles, publicBaseUrl }: {
  articles: Pick<ArticlesRepository, 'findSyndicatedBySlug' | 'findCurrentSlug' | 'listSyndicated'>
  publicBaseUrl: string
}) {
  return {
    /** A published article's ninjs item; under embargo only for partners. An old slug answers where it moved. */
    async getItem (slug: string, principal: Principal | null): Promise<NinjsItemFound | MovedArticle> {
      const article = await articles.findSyndicatedBySlug(slug, { includeEmbargoed: seesEmbargoed(principal) })
      if (article) return { article, item: toNinjsItem(article, publicBaseUrl) }
      const movedTo = await articles.findCurrentSlug(slug)
      if (movedTo === null) throw new NotFoundError('article', slug)
      return { movedTo }
    },

    /** A page of ninjs items with their full text, withdrawn ones canceled, embargoed ones for partners only. */
    async list (query: ListNinjsItemsQuery, principal: Principal | null): Promise<NinjsPage> {
      const page = await articles.listSyndicated(requestOf(query, seesEmbargoed(principal)))
      return { articles: page.data, data: page.data.map((article) => toNinjsItem(article, publicBaseUrl)), nextCursor: page.nextCursor }
    }
  }
}

export type NinjsService = ReturnType<typeof createNinjsService>
