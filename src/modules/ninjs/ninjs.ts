// An article as an IPTC ninjs 3.1 news item: which of our fields says what in ninjs, decided in one place.
import type { SyndicatedArticle } from '../articles/articles.repository.js'
import { NINJS_SCHEMA_URI, NINJS_VERSION, type NinjsItem } from './ninjs.schemas.js'

type Description = NonNullable<NinjsItem['descriptions']>[number]
type Picture = NonNullable<NinjsItem['associations']>[number]

/**
 * The naming authority of item URIs: PUBLIC_BASE_URL's host name, without a port, which a tag URI has no room for.
 * An IPv6 address loses its brackets, which a URI allows only in a host.
 */
export function uriAuthorityOf (publicBaseUrl: string): string {
  return new URL(publicBaseUrl).hostname.replace(/^\[|\]$/g, '')
}

/**
 * A tag URI (RFC 4151): stable across versions and slug changes, as ninjs asks of uri, and unique to this newsroom.
 * The date is the day the article was created, a day the newsroom held its host name.
 */
function itemUri (authority: string, article: SyndicatedArticle): string {
  return `tag:${authority},${article.createdAt.slice(0, 10)}:article:${article.id}`
}

/** "A", "A and B", "A, B and C": the names of a byline the newsroom did not write itself. */
function namesOf (authors: SyndicatedArticle['authors']): string | undefined {
  const names = authors.map((author) => author.name)
  if (names.length <= 1) return names[0]
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) as string}`
}

function plainText (role: string, value: string): Description {
  return { role, contentType: 'text/plain', value }
}

function pictureOf (image: NonNullable<SyndicatedArticle['featuredImage']>): Picture {
  const descriptions = [
    ...(image.caption ? [plainText('caption', image.caption)] : []),
    ...(image.alt ? [plainText('alternativeText', image.alt)] : [])
  ]
  return {
    name: 'featureimage',
    rel: 'featureimage',
    uri: image.url,
    type: 'picture',
    ...(image.credit && { by: image.credit }),
    ...(descriptions.length > 0 && { descriptions }),
    renditions: [{ name: 'original', href: image.url }]
  }
}

/**
 * The ninjs item of a published article. A withdrawn one is canceled and carries no text of the retraction, only
 * its headlines and the reason; an embargoed one (partners only) says until when.
 */
export function toNinjsItem (article: SyndicatedArticle, publicBaseUrl: string): NinjsItem {
  const api = `${publicBaseUrl}/v1`
  const withdrawn = article.withdrawn !== null
  const descriptions = [
    ...(article.excerpt ? [plainText('summary', article.excerpt)] : []),
    ...article.corrections.map((correction) => plainText(correction.kind, correction.text))
  ]
  const by = article.byline ?? namesOf(article.authors)
  return {
    uri: itemUri(uriAuthorityOf(publicBaseUrl), article),
    standard: { name: 'ninjs', version: NINJS_VERSION, schema: NINJS_SCHEMA_URI },
    type: 'text',
    version: String(article.version),
    // Every article ninjs shows is published, and so has a publication time.
    firstCreated: article.publishedAt as string,
    versionCreated: article.updatedAt,
    contentCreated: article.createdAt,
    ...(article.embargoedUntil !== null && { embargoedUntil: article.embargoedUntil }),
    pubStatus: withdrawn ? 'canceled' : 'usable',
    language: article.language,
    slugline: article.slug,
    headlines: [
      { role: 'main', contentType: 'text/plain', value: article.headline },
      ...(article.subtitle ? [{ role: 'sub', contentType: 'text/plain', value: article.subtitle }] : [])
    ],
    ...(descriptions.length > 0 && { descriptions }),
    ...(!withdrawn && {
      bodies: [
        { role: 'main', contentType: 'text/html', wordCount: article.wordCount, value: article.bodyHtml },
        { role: 'main', contentType: 'text/plain', wordCount: article.wordCount, value: article.bodyText }
      ]
    }),
    ...(by !== undefined && { by }),
    people: article.authors.map((author) => ({ name: author.name, rel: 'author', literal: author.slug, uri: `${api}/authors/${author.slug}` })),
    subjects: [
      { name: article.section.name, rel: 'section', literal: article.section.slug, uri: `${api}/sections/${article.section.slug}` },
      ...article.tags.map((tag) => ({ name: tag.name, rel: 'tag' as const, literal: tag.slug, uri: `${api}/tags/${tag.slug}` }))
    ],
    ...(article.dateline !== null && { located: article.dateline }),
    ...(article.featuredImage !== null && { associations: [pictureOf(article.featuredImage)] }),
    ...(article.withdrawn !== null && { edNote: article.withdrawn.reason }),
    altIds: [
      { role: 'id', value: String(article.id) },
      ...(article.canonicalUrl !== null ? [{ role: 'canonicalUrl', value: article.canonicalUrl }] : [])
    ]
  }
}
