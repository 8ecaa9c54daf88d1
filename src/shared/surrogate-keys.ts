// Surrogate keys: every entity a response shows, named kind-id, so a CDN can purge each response that shows a changed
// one. The caching plugin names each public response by them; an article's stored representation keeps its own.

type Entity = Record<string, unknown>

interface Found {
  // Ids as numbers, per kind: far cheaper to deduplicate than "article-12" strings, which are made once at the end.
  article: Set<number>
  section: Set<number>
  author: Set<number>
  tag: Set<number>
  reply: Set<number>
}

type Kind = keyof Found
type Walker = (entity: Entity, found: Found, depth: number) => void

// Deep enough for a section tree; a bound all the same, as the walk runs on every public response.
const MAX_DEPTH = 8

function isEntity (value: unknown): value is Entity {
  return typeof value === 'object' && value !== null
}

function name (ids: Set<number>, entity: unknown): void {
  if (isEntity(entity) && typeof entity.id === 'number') ids.add(entity.id)
}

function nameEach (ids: Set<number>, entities: unknown): void {
  if (Array.isArray(entities)) for (const entity of entities) name(ids, entity)
}

function walkEach (walker: Walker, entities: unknown, found: Found, depth: number): void {
  if (!Array.isArray(entities) || depth > MAX_DEPTH) return
  for (const entity of entities) if (isEntity(entity)) walker(entity, found, depth)
}

// One walker per kind of entity, reading the properties that embed others by name: the payloads have a few fixed
// shapes, so these reads stay fast where a loop over property names would not. References (an article's section,
// authors and tags) are named without looking inside them.
const walkArticle: Walker = (article, found) => {
  name(found.article, article)
  name(found.section, article.section)
  nameEach(found.section, article.breadcrumb)
  nameEach(found.author, article.authors)
  nameEach(found.tag, article.tags)
}

const walkSection: Walker = (section, found, depth) => {
  name(found.section, section)
  name(found.section, section.parent)
  nameEach(found.section, section.breadcrumb)
  walkEach(walkSection, section.children, found, depth + 1)
  walkEach(walkArticle, section.latestArticles, found, depth + 1)
}

function pageWith (kind: 'author' | 'tag'): Walker {
  return (page, found, depth) => {
    name(found[kind], page)
    walkEach(walkArticle, page.latestArticles, found, depth + 1)
  }
}

// Threads are flat lists linked by parentId: a reply embeds nothing.
const walkReply: Walker = (reply, found) => {
  name(found.reply, reply)
}

// A change names its article even as a tombstone: a purge of the article reaches every page that mentions it.
const walkChange: Walker = (change, found, depth) => {
  name(found.article, change)
  if (isEntity(change.article)) walkArticle(change.article, found, depth + 1)
}

export interface Resource {
  /** The key of every list of this kind. */
  collection: string
  walk: Walker
}

const ARTICLES: Resource = { collection: 'articles', walk: walkArticle }

// The last of these segments in a route's path names what it returns: /v1/articles/:slug/replies gives replies.
// The ninjs list is a list of articles: publishing or taking one down purges it with every other.
const RESOURCES = {
  articles: ARTICLES,
  ninjs: ARTICLES,
  changes: { collection: 'changes', walk: walkChange },
  sections: { collection: 'sections', walk: walkSection },
  authors: { collection: 'authors', walk: pageWith('author') },
  tags: { collection: 'tags', walk: pageWith('tag') },
  replies: { collection: 'replies', walk: walkReply }
} satisfies Record<string, Resource>
const KINDS: Kind[] = ['article', 'section', 'author', 'tag', 'reply']

export type Collection = keyof typeof RESOURCES

export function resourceOf (url: string): Resource | undefined {
  const segments = url.split('/')
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i] as string
    if (Object.hasOwn(RESOURCES, segment)) return RESOURCES[segment as Collection]
  }
  return undefined
}

function nothingFound (): Found {
  return { article: new Set(), section: new Set(), author: new Set(), tag: new Set(), reply: new Set() }
}

/** kind-id for every entity found, grouped by kind. */
function keysOf (found: Found, keys: string[]): string[] {
  for (const kind of KINDS) {
    for (const id of found[kind]) keys.push(kind + '-' + id)
  }
  return keys
}

/** The surrogate keys of a response: the collection for a list, then kind-id for every entity, grouped by kind. */
export function entitiesOf (payload: unknown, resource: Resource): string[] {
  const found = nothingFound()
  const keys: string[] = []
  if (isEntity(payload)) {
    if (Array.isArray(payload.data)) {
      // A list changes when any item of its kind is added or removed: a CDN purges every list by this key.
      keys.push(resource.collection)
      walkEach(resource.walk, payload.data, found, 0)
    } else {
      // A page that counts articles changes whenever one is published or taken down anywhere in it.
      if (typeof payload.articleCount === 'number') keys.push('articles')
      resource.walk(payload, found, 0)
    }
  }
  return keysOf(found, keys)
}

/** The keys of a page a handler writes itself (a feed, a sitemap): its collections, then each item's entities. */
export function keysOfItems (collections: Collection[], items: unknown[]): string[] {
  const found = nothingFound()
  const first = collections[0]
  if (first !== undefined) walkEach(RESOURCES[first].walk, items, found, 0)
  return keysOf(found, [...collections])
}

/** The keys of one article as its page shows it. */
export function articleKeys (article: unknown): string[] {
  return entitiesOf(article, RESOURCES.articles)
}
