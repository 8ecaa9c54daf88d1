// What the public may see of articles and sections, written once for every query that serves the public, on both
// engines: the conditions take either schema's articles table, and the tree walks are SQL both engines speak.
import { and, eq, isNull, sql, type Column, type SQL, type Table } from 'drizzle-orm'

interface ArticleColumns {
  status: Column
  withdrawnAt: Column
  embargoedUntil: Column
}

/**
 * Listed, counted, searched and open to replies: published, out of embargo and not withdrawn. An embargo is lifted
 * by the scheduler, which clears the column when its time comes (and so records the publication), rather than by
 * comparing with the clock here: what the public sees changes only by writes, which move Last-Modified and the feeds.
 */
export const isPublic = (articles: ArticleColumns) => and(eq(articles.status, 'published'), isNull(articles.embargoedUntil), isNull(articles.withdrawnAt)) as SQL

type ArticlesTable = Table & ArticleColumns & { id: Column }
type ArticleTagsTable = Table & { articleId: Column, tagId: Column }
type ArticleAuthorsTable = Table & { articleId: Column, authorId: Column }

/**
 * A tag the public may see, in lists, on its page and in a feed's title: one a public article carries. A tag made for
 * an embargoed scoop or a draft ("acme-merger") would otherwise name it; it becomes public with the first public
 * article that carries it, whose publication moves the public clock.
 */
export const isTagPublic = (tagId: Column, tables: { articles: ArticlesTable, articleTags: ArticleTagsTable }) => {
  const { articles, articleTags } = tables
  return sql`exists (select 1 from ${articleTags} inner join ${articles} on ${articles.id} = ${articleTags.articleId}
    where ${articleTags.tagId} = ${tagId} and ${isPublic(articles)})`
}

/**
 * An author the public may see, listed and on their page: one a public article credits, as Ghost's Content API shows
 * authors. A profile made for a new hire before their first piece, or for a guest writer of an embargoed scoop, would
 * otherwise announce them; it becomes public with the first public article that credits them.
 */
export const isAuthorPublic = (authorId: Column, tables: { articles: ArticlesTable, articleAuthors: ArticleAuthorsTable }) => {
  const { articles, articleAuthors } = tables
  return sql`exists (select 1 from ${articleAuthors} inner join ${articles} on ${articles.id} = ${articleAuthors.articleId}
    where ${articleAuthors.authorId} = ${authorId} and ${isPublic(articles)})`
}

/** Reachable at its URL: a withdrawn article keeps its address and shows its notice there. */
export const isPublished = (articles: ArticleColumns) => and(eq(articles.status, 'published'), isNull(articles.embargoedUntil)) as SQL

/** What partners with a syndication token see: published articles, embargoed ones included. */
export const isSyndicated = (articles: ArticleColumns) => eq(articles.status, 'published')

/**
 * A CTE `subtree(id)`: the root section and every section below it. UNION, not UNION ALL, so a loop in a
 * hand-edited tree ends instead of recursing forever. The root is an id or a subquery that yields one.
 */
export const sectionSubtree = (root: SQL) => sql`with recursive subtree(id) as (
  select cast(${root} as integer)
  union
  select s.id from sections s join subtree on s.parent_id = subtree.id
)`

/**
 * A CTE `ancestry(id, slug, name, parent_id, depth)`: the section and each section above it, depth 0 first. The
 * depth makes every row new, so UNION alone would not end a loop in a hand-edited tree (writes refuse loops): the
 * walk stops where it comes back to the start, and at a depth no real tree reaches (a loop above the start).
 */
export const sectionAncestry = (start: SQL) => sql`with recursive ancestry(id, slug, name, parent_id, depth) as (
  select id, slug, name, parent_id, 0 from sections where id = ${start}
  union
  select s.id, s.slug, s.name, s.parent_id, ancestry.depth + 1 from sections s join ancestry on s.id = ancestry.parent_id
  where s.id <> ${start} and ancestry.depth < 1000
)`
