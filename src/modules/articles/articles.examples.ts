// The public article the OpenAPI document shows: the demo's flagship story as GET /v1/articles/{slug} serves it on a
// freshly seeded database, with its body cut to the opening blocks so the example stays readable.
import { FLAGSHIP } from '../../db/demo-content.js'
import { renderBody } from '../../shared/rendering.js'

const OPENING_BLOCKS = 3

const body = FLAGSHIP.body.slice(0, OPENING_BLOCKS)
// Derived from the cut body as the service derives them when an article is written, so the example agrees with itself.
const rendered = renderBody(body)
const africa = { id: 2, slug: 'africa', name: 'Africa' }

// Not typed as Article, which is inferred from the ArticleSchema this example is part of: the OpenAPI lint checks it
// against the schema, and test/openapi.test.ts against the article the demo serves.
export const PUBLISHED_ARTICLE_EXAMPLE = {
  id: 1,
  slug: FLAGSHIP.slug,
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
    avatarUrl: 'https://images.worldweeklynews.example/authors/adrian-ovalle.jpg'
  }],
  byline: null,
  tags: [
    { id: 2, slug: 'climate', name: 'Climate' },
    { id: 5, slug: 'water', name: 'Water' },
    { id: 3, slug: 'agriculture', name: 'Agriculture' },
    { id: 8, slug: 'trade', name: 'Trade' }
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
  breadcrumb: [{ id: 1, slug: 'world', name: 'World' }, africa],
  replyCount: 6,
  repliesEnabled: true
}
