// The public article the OpenAPI document shows: the demo's flagship story as GET /v1/articles/{slug} serves it on a
// freshly seeded database, with its body cut to the opening blocks so the example stays readable.
import { FLAGSHIP } from '../../db/demo-content.js'
import { renderBody } from '../../shared/rendering.js'

const OPENING_BLOCKS = 3

const body = FLAGSHIP.body.slice(0, OPENING_BLOCKS)
// Derived from the cut body as the service derives them when an article is written, so the example agrees with itself.
const rendered = renderBody(body)
// The demo site's addresses, as a newsroom would configure them: SITE_URL for the website, PUBLIC_BASE_URL for this API.
export const EXAMPLE_SITE_URL = 'https://www.worldweeklynews.example'
export const EXAMPLE_PUBLIC_BASE_URL = 'https://api.worldweeklynews.example'
const africa = { id: 2, slug: 'africa', name: 'Africa', url: `${EXAMPLE_SITE_URL}/africa` }
const tag = (id: number, slug: string, name: string) => ({ id, slug, name, url: `${EXAMPLE_SITE_URL}/tags/${slug}` })

// Not typed as Article, which is inferred from the ArticleSchema this example is part of: the OpenAPI lint checks it
// against the schema, and test/openapi.test.ts against the article the demo serves.
export const PUBLISHED_ARTICLE_EXAMPLE = {
  id: 1,
  slug: FLAGSHIP.slug,
  url: `${EXAMPLE_SITE_URL}/africa/${FLAGSHIP.slug}`,
  headline: FLAGSHIP.headline,
  subtitle: FLAGSHIP.subtitle,
  excerpt: FLAGSHIP.excerpt,
  status: 'published',
  publishedAt: '2026-11-20T06:00:00.000Z',
  updatedAt: '2026-11-20T07:00:00.000Z',
  section: africa,
  authors: [{
    id: 1,
    slug: 'adrian-ovalle',
    name: 'Adrian Ovalle',
    jobTitle: 'Editor',
    avatarUrl: 'https://images.worldweeklynews.example/authors/adrian-ovalle.jpg',
    url: `${EXAMPLE_SITE_URL}/authors/adrian-ovalle`
  }],
  byline: null,
  tags: [
    tag(2, 'climate', 'Climate'),
    tag(5, 'water', 'Water'),
    tag(3, 'agriculture', 'Agriculture'),
    tag(8, 'trade', 'Trade')
  ],
  featuredImage: FLAGSHIP.image,
  dateline: FLAGSHIP.dateline,
  language: 'en',
  featured: true,
  readingTime: rendered.readingTime,
  body,
  bodyHtml: rendered.html,
  bodyText: rendered.text,
  wordCount: rendered.wordCount,
  scheduledAt: null,
  canonicalUrl: null,
  createdAt: '2026-11-20T03:00:00.000Z',
  corrections: [],
  withdrawn: null,
  breadcrumb: [{ id: 1, slug: 'world', name: 'World', url: `${EXAMPLE_SITE_URL}/world` }, africa],
  replyCount: 6,
  repliesEnabled: true,
  feeds: {
    rss: `${EXAMPLE_PUBLIC_BASE_URL}/feeds/rss.xml?section=africa`,
    atom: `${EXAMPLE_PUBLIC_BASE_URL}/feeds/atom.xml?section=africa`,
    json: `${EXAMPLE_PUBLIC_BASE_URL}/feeds/feed.json?section=africa`
  }
}
