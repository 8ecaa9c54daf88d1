// Fills a new database with the World Weekly News demo, the same rows every time, in one transaction.
import type { Block, FeaturedImage } from '../shared/content-types.js'
import { renderBody } from '../shared/rendering.js'
import type { ArticlesRepository } from '../modules/articles/articles.repository.js'
import { slugify } from '../shared/slugs.js'
import { AUTHORS, DEMO_ANCHOR, FLAGSHIP, REPLIES, SECTIONS, STORIES, TAGS, UNPUBLISHED, type DemoStory } from './demo-content.js'
import type { NewRow, RowsRepository } from './rows.js'
import type { Store } from './store.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** The published stories reach back this far from the anchor. */
const SPAN_DAYS = 728

const ANCHOR = Date.parse(DEMO_ANCHOR)
const iso = (ms: number): string => new Date(ms).toISOString()
const startOfDay = (ms: number): number => ms - (ms % DAY)
/** When the sections, authors and tags were set up: before the oldest article. */
const LAUNCHED_AT = iso(startOfDay(ANCHOR - (SPAN_DAYS + 30) * DAY) + 9 * HOUR)

const IMAGES = 'https://images.worldweeklynews.example'
const CREDITS = [
  'Photo: Lena Brandt / World Weekly News',
  'Photo: Samuel Okafor for World Weekly News',
  'Photo: Inès Rakoto / World Weekly News',
  'Photo: Kenji Mori for World Weekly News'
]
const PROMO_SLOTS = ['newsletter-signup', 'podcast-latest', 'subscribe-banner']
const EMBEDS = {
  video: { provider: 'wwn-video', url: (slug: string) => `https://video.worldweeklynews.example/embed/${slug}` },
  chart: { provider: 'wwn-charts', url: (slug: string) => `https://charts.worldweeklynews.example/${slug}` }
}

/**
 * Seeds an empty database and answers true; leaves one with content alone and answers false. The check is inside
 * the transaction, so instances starting together on one new database seed it once. Articles go through the
 * repository, so each gets its first revision as any written article does.
 */
export async function seedDemoContent (store: Store): Promise<boolean> {
  return store.transaction(async ({ articles, rows }) => {
    await rows.lockForImport()
    if (await rows.hasContent()) return false
    const sectionIds = await insertSections(rows)
    const authorIds = await insertNamed(rows, 'authors', AUTHORS.map((author) => ({
      ...author,
      avatarUrl: `${IMAGES}/authors/${author.slug}.jpg`,
      createdAt: LAUNCHED_AT,
      updatedAt: LAUNCHED_AT
    })))
    const tagIds = await insertNamed(rows, 'tags', TAGS.map((tag) => ({ ...tag, createdAt: LAUNCHED_AT, updatedAt: LAUNCHED_AT })))
    const refs = { sectionIds, authorIds, tagIds, articles }

    const published = new Map<string, { id: number, publishedAt: number }>()
    const flagshipAt = ANCHOR - 2 * HOUR
    published.set(FLAGSHIP.slug, {
      id: await insertArticle(refs, {
        ...FLAGSHIP,
        featuredImage: FLAGSHIP.image,
        featured: true,
        status: 'published',
        publishedAt: iso(flagshipAt),
        scheduledAt: null,
        createdAt: iso(flagshipAt - 3 * HOUR),
        // The wire story was updated once after it went out.
        updatedAt: iso(flagshipAt + HOUR)
      }),
      publishedAt: flagshipAt
    })

    for (const [index, story] of STORIES.entries()) {
      const slug = slugify(story.headline)
      const publishedAt = storyPublishedAt(index)
      const updatedAt = index % 4 === 1 ? publishedAt + (30 + (index * 53) % 600) * MINUTE : publishedAt
      const id = await insertArticle(refs, {
        ...storyFields(story, slug, index),
        featured: story.featured ?? false,
        status: 'published',
        publishedAt: iso(publishedAt),
        scheduledAt: null,
        createdAt: iso(publishedAt - (45 + (index * 37) % 240) * MINUTE),
        updatedAt: iso(updatedAt)
      })
      published.set(slug, { id, publishedAt })
    }

    for (const [index, story] of UNPUBLISHED.entries()) {
      const createdAt = startOfDay(ANCHOR - (2 + 3 * index) * DAY) + (9 + index) * HOUR
      await insertArticle(refs, {
        ...storyFields(story, slugify(story.headline), STORIES.length + index),
        featured: false,
        status: story.status,
        publishedAt: null,
        scheduledAt: story.status === 'scheduled' ? story.scheduledAt : null,
        createdAt: iso(createdAt),
        updatedAt: iso(createdAt + (index + 1) * 3 * HOUR)
      })
    }

    await insertReplies(rows, published)
    // Approving the replies queued their articles: stored now, so the demo's first reads are dated and as cheap as later ones.
    await articles.refreshStaleRepresentations(published.size)
    return true
  })
}

/** A line for operators: what seedDemoContent writes. */
export function describeDemoContent (): string {
  const drafts = UNPUBLISHED.filter((story) => story.status === 'draft').length
  return `${SECTIONS.length} sections, ${AUTHORS.length} authors, ${TAGS.length} tags, ` +
    `${1 + STORIES.length + UNPUBLISHED.length} articles (${1 + STORIES.length} published, ${drafts} drafts, ` +
    `${UNPUBLISHED.length - drafts} scheduled) and ${REPLIES.length} replies`
}

/** Newest first, one every ~16 days from a day before the anchor back two years, at varied hours. */
function storyPublishedAt (index: number): number {
  const daysBack = 1 + Math.round(index * (SPAN_DAYS - 1) / (STORIES.length - 1))
  return startOfDay(ANCHOR - daysBack * DAY) + (5 + (index * 7) % 13) * HOUR + ((index * 17) % 60) * MINUTE
}

function need<T> (map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key)
  if (value === undefined) throw new Error(`The demo content refers to an unknown ${what} "${key}"`)
  return value
}

async function insertSections (rows: RowsRepository): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  const nextPosition = new Map<string | null, number>()
  for (const section of SECTIONS) {
    const position = nextPosition.get(section.parent) ?? 0
    nextPosition.set(section.parent, position + 1)
    ids.set(section.slug, await insertOne(rows, 'sections', {
      slug: section.slug,
      name: section.name,
      description: section.description,
      parentId: section.parent === null ? null : need(ids, section.parent, 'section'),
      position,
      createdAt: LAUNCHED_AT,
      updatedAt: LAUNCHED_AT
    }))
  }
  return ids
}

async function insertOne<K extends 'sections' | 'replies'> (rows: RowsRepository, table: K, values: NewRow<K>): Promise<number> {
  const [row] = await rows.insert(table, [values])
  if (!row) throw new Error(`The demo ${table} row was not stored`)
  return row.id
}

async function insertNamed<K extends 'authors' | 'tags'> (rows: RowsRepository, table: K, values: Array<NewRow<K>>): Promise<Map<string, number>> {
  const inserted = await rows.insert(table, values)
  return new Map(inserted.map((row) => [row.slug, row.id]))
}

interface ArticlePlan {
  slug: string
  headline: string
  subtitle: string
  excerpt: string
  section: string
  dateline: string | null
  authors: string[]
  tags: string[]
  body: Block[]
  featuredImage: FeaturedImage | null
  featured: boolean
  status: 'draft' | 'scheduled' | 'published'
  publishedAt: string | null
  scheduledAt: string | null
  createdAt: string
  updatedAt: string
}

interface Refs {
  sectionIds: Map<string, number>
  authorIds: Map<string, number>
  tagIds: Map<string, number>
  articles: ArticlesRepository
}

/** Revision 1, by the system, dated when the article was last updated: every article has a history from its first day. */
async function insertArticle (refs: Refs, plan: ArticlePlan): Promise<number> {
  const rendered = renderBody(plan.body)
  return refs.articles.import({
    slug: plan.slug,
    headline: plan.headline,
    subtitle: plan.subtitle,
    excerpt: plan.excerpt,
    body: plan.body,
    bodyHtml: rendered.html,
    bodyText: rendered.text,
    wordCount: rendered.wordCount,
    readingTime: rendered.readingTime,
    status: plan.status,
    publishedAt: plan.publishedAt,
    scheduledAt: plan.scheduledAt,
    sectionId: need(refs.sectionIds, plan.section, 'section'),
    featuredImage: plan.featuredImage,
    dateline: plan.dateline,
    language: 'en',
    canonicalUrl: null,
    featured: plan.featured,
    byline: null,
    repliesEnabled: true,
    embargoedUntil: null,
    authorIds: plan.authors.map((slug) => need(refs.authorIds, slug, 'author')),
    tagIds: plan.tags.map((slug) => need(refs.tagIds, slug, 'tag')),
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt
  })
}

/** The fields of a story that do not depend on its status. */
function storyFields (story: DemoStory, slug: string, index: number) {
  return {
    slug,
    headline: story.headline,
    subtitle: story.subtitle,
    excerpt: story.excerpt,
    section: story.section,
    dateline: story.dateline,
    authors: story.authors,
    tags: story.tags,
    body: storyBody(story, slug, index),
    featuredImage: story.image
      ? { url: `${IMAGES}/articles/${slug}.jpg`, ...story.image, credit: CREDITS[index % CREDITS.length] as string }
      : null
  }
}

/**
 * Lead paragraph, optional photo, second paragraph and the list it introduces, then each later
 * paragraph under its sub-heading; the quote and (on every third story, never at the end) a promotion
 * follow the third paragraph, and an embed comes just before the last one.
 */
function storyBody (story: DemoStory, slug: string, index: number): Block[] {
  const [lead, second, ...rest] = story.paragraphs
  const blocks: Block[] = [{ type: 'paragraph', text: lead }]
  if (story.figure) blocks.push({ type: 'image', url: `${IMAGES}/articles/${slug}-2.jpg`, ...story.figure, credit: CREDITS[(index + 1) % CREDITS.length] as string })
  blocks.push({ type: 'paragraph', text: second })
  if (story.list) blocks.push({ type: 'list', style: story.list.style, items: story.list.items })
  rest.forEach((text, at) => {
    const heading = story.headings[at]
    if (heading) blocks.push({ type: 'heading', level: 2, text: heading })
    if (at === rest.length - 1 && story.embed) {
      const embed = EMBEDS[story.embed.kind]
      blocks.push({ type: 'embed', url: embed.url(slug), provider: embed.provider, title: story.embed.title })
    }
    blocks.push({ type: 'paragraph', text })
    if (at === 0) {
      if (story.quote) blocks.push({ type: 'quote', text: story.quote.text, cite: story.quote.cite })
      if (index % 3 === 0 && rest.length > 1) blocks.push({ type: 'promo', slot: PROMO_SLOTS[(index / 3) % PROMO_SLOTS.length] as string })
    }
  })
  return blocks
}

async function insertReplies (rows: RowsRepository, published: Map<string, { id: number, publishedAt: number }>): Promise<void> {
  const ids = new Map<string, number>()
  for (const reply of REPLIES) {
    const article = need(published, reply.article, 'published article')
    const createdAt = article.publishedAt + reply.minutesAfterPublication * MINUTE
    // Moderators get to most replies within a quarter of an hour; pending ones are still waiting.
    const moderatedAt = reply.status === 'pending' ? null : iso(createdAt + (5 + reply.minutesAfterPublication % 10) * MINUTE)
    const id = await insertOne(rows, 'replies', {
      articleId: article.id,
      parentId: reply.parent === undefined ? null : need(ids, reply.parent, 'reply'),
      authorName: reply.authorName,
      authorEmail: reply.authorEmail,
      body: reply.body,
      status: reply.status,
      createdAt: iso(createdAt),
      updatedAt: moderatedAt ?? iso(createdAt),
      moderatedAt,
      moderatedBy: null
    })
    if (reply.key !== undefined) ids.set(reply.key, id)
  }
}
