import t from 'tap'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import Value from 'typebox/value'
import { DEMO_ANCHOR } from '../../src/db/demo-content.js'
import { AuthorLinkSchema, BlockSchema, FeaturedImageSchema } from '../../src/shared/content-types.js'
import { SLUG_PATTERN } from '../../src/shared/http-schemas.js'
import { renderBody } from '../../src/shared/rendering.js'
import { buildTestApp, lastingDatabase, type Teardown } from '../helpers/app.js'
import { nodeCommand } from '../helpers/compiled.js'
import { countRows, insertRow, row, rows, type TableName } from '../helpers/db.js'

const run = promisify(execFile)
const DAY = 24 * 60 * 60 * 1000

async function seededApp (t: Teardown): Promise<FastifyInstance> {
  return buildTestApp(t, { seedDemo: true })
}

async function tempDir (t: Teardown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'news-seed-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** Every seeded table in id order, links by article then position. */
async function dump (app: FastifyInstance) {
  return {
    sections: await rows(app, 'sections'),
    authors: await rows(app, 'authors'),
    tags: await rows(app, 'tags'),
    articles: await rows(app, 'articles'),
    articleAuthors: await rows(app, 'articleAuthors'),
    articleTags: await rows(app, 'articleTags'),
    replies: await rows(app, 'replies')
  }
}

const CONTENT: TableName[] = ['sections', 'authors', 'tags', 'articles', 'replies']

async function contentCounts (app: FastifyInstance): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const name of CONTENT) counts[name] = await countRows(app, name)
  return counts
}

t.test('the demo has a section tree with World > Africa in the agreed order, and described children', async (t) => {
  const app = await seededApp(t)
  const stored = await rows(app, 'sections')
  t.ok(stored.length >= 5)
  t.same(stored.slice(0, 8).map((row) => row.slug), ['world', 'africa', 'politics', 'business', 'technology', 'culture', 'science', 'opinion'])
  t.match(stored[0], { id: 1, slug: 'world', name: 'World', parentId: null })
  t.match(stored[1], { id: 2, slug: 'africa', name: 'Africa', parentId: 1 })
  for (const row of stored) t.not(row.description, '', `${row.slug} has a description`)
  const worldChildren = stored.filter((row) => row.parentId === 1)
  t.same(worldChildren.map((row) => row.position), worldChildren.map((_, index) => index), 'siblings are numbered from 0')
})

t.test('the demo has authors with job titles, bios, avatars and emails, and author 1 is the Editor', async (t) => {
  const app = await seededApp(t)
  const stored = await rows(app, 'authors')
  t.ok(stored.length >= 6)
  t.match(stored[0], { id: 1, slug: 'adrian-ovalle', name: 'Adrian Ovalle', jobTitle: 'Editor', bio: /editor/i })
  for (const row of stored) {
    t.match(row, {
      jobTitle: /\w/,
      bio: /\w.{80,}/,
      avatarUrl: `https://images.worldweeklynews.example/authors/${row.slug}.jpg`,
      email: /^[a-z.]+@worldweeklynews\.example$/
    }, row.slug)
    t.ok(row.links.every((link) => Value.Check(AuthorLinkSchema, link)), `${row.slug} has valid links`)
  }
  t.equal(new Set(stored.map((row) => row.jobTitle)).size, stored.length, 'each author has their own beat')
})

t.test('the demo tags start with elections and climate, and every tag is used', async (t) => {
  const app = await seededApp(t)
  const stored = await rows(app, 'tags')
  t.ok(stored.length >= 12)
  t.match(stored.slice(0, 2), [{ id: 1, slug: 'elections' }, { id: 2, slug: 'climate' }])
  const used = new Set((await rows(app, 'articleTags')).map((row) => row.tagId))
  t.same(stored.filter((row) => !used.has(row.id)).map((row) => row.slug), [])
})

t.test('the demo has at least 40 published articles across two years, then drafts and one scheduled story', async (t) => {
  const app = await seededApp(t)
  const stored = await rows(app, 'articles')
  const published = stored.filter((row) => row.status === 'published')
  t.ok(published.length >= 40)
  const times = published.map((row) => Date.parse(row.publishedAt as string))
  t.ok(Math.max(...times) - Math.min(...times) > 365 * DAY, 'spread over more than a year')
  t.ok(Math.min(...times) >= Date.parse('2024-11-01T00:00:00.000Z'), 'none before November 2024')
  t.ok(Math.max(...times) < Date.parse(DEMO_ANCHOR), 'none after the anchor')
  t.same(times, [...times].sort((a, b) => b - a), 'ids go back in time')
  t.ok(published.filter((row) => row.featured).length >= 2, 'a few are featured')
  const unused = (await rows(app, 'sections')).filter((section) => !published.some((row) => row.sectionId === section.id))
  t.same(unused.map((section) => section.slug), ['podcasts'], 'every section but the one launching next month has articles')

  const drafts = stored.filter((row) => row.status === 'draft')
  const scheduled = stored.filter((row) => row.status === 'scheduled')
  t.ok(drafts.length >= 3)
  t.equal(scheduled.length, 1)
  t.ok(drafts.every((row) => row.publishedAt === null && row.scheduledAt === null))
  t.ok(Date.parse(scheduled[0]?.scheduledAt as string) > Date.parse(DEMO_ANCHOR), 'scheduled in the future')
  t.equal(scheduled[0]?.publishedAt, null)
  t.same(stored.slice(-drafts.length - 1).map((row) => row.status).sort(), [...drafts.map(() => 'draft'), 'scheduled'], 'the unpublished ones have the highest ids')

  for (const row of stored) {
    t.ok(row.createdAt <= row.updatedAt && row.updatedAt <= DEMO_ANCHOR, `${row.slug} was written before the anchor`)
    if (row.publishedAt) t.ok(row.createdAt <= row.publishedAt, `${row.slug} was written before it was published`)
    t.match(row, { language: 'en', canonicalUrl: null, excerpt: /\w.{40,}[.!?]$/ })
    t.ok(row.body.length >= 4, `${row.slug} has a body of several blocks`)
  }
})

t.test('published articles have 1-2 ordered authors, 1-4 tags and a valid featured image', async (t) => {
  const app = await seededApp(t)
  const published = await rows(app, 'articles', { status: 'published' })
  const bylines = await rows(app, 'articleAuthors')
  const tagging = await rows(app, 'articleTags')
  for (const article of published) {
    const byline = bylines.filter((row) => row.articleId === article.id).map((row) => row.position).sort()
    const tagged = tagging.filter((row) => row.articleId === article.id).map((row) => row.position).sort()
    t.ok(byline.length >= 1 && byline.length <= 2, `${article.slug} has one or two authors`)
    t.same(byline, byline.map((_, index) => index), `${article.slug} authors are ordered from 0`)
    t.ok(tagged.length >= 1 && tagged.length <= 4, `${article.slug} has one to four tags`)
    t.ok(Value.Check(FeaturedImageSchema, article.featuredImage), `${article.slug} has a featured image`)
  }
  t.ok(bylines.some((row) => row.position === 1), 'some articles have a second author')
  const blockTypes = new Set(published.flatMap((article) => article.body.map((block) => block.type)))
  t.same([...blockTypes].sort(), ['embed', 'heading', 'image', 'list', 'paragraph', 'promo', 'quote'], 'bodies use every block type')
})

t.test('article 1 is the Lake Chad wire story, filed by the Editor from World > Africa', async (t) => {
  const app = await seededApp(t)
  const story = await row(app, 'articles', { id: 1 })
  t.match(story, {
    slug: 'lake-chad-fishermen-return-as-waters-rise',
    headline: /Lake Chad.*fishermen.*return.*waters rise/i,
    subtitle: /\w/,
    dateline: "N'DJAMENA, Chad",
    sectionId: 2,
    status: 'published',
    featuredImage: { url: /^https:\/\//, alt: /\w/, caption: /\w/, credit: /\w/ }
  })
  const newest = (await rows(app, 'articles', { status: 'published' }))
    .map((row) => row.publishedAt as string).sort().at(-1)
  t.equal(story?.publishedAt, newest, 'it is the most recent published article')
  t.match(await row(app, 'sections', { id: 2 }), { slug: 'africa', parentId: 1 })

  const byline = []
  for (const link of await rows(app, 'articleAuthors', { articleId: 1 })) {
    const author = await row(app, 'authors', { id: link.authorId })
    byline.push({ id: author?.id, jobTitle: author?.jobTitle })
  }
  t.same(byline, [{ id: 1, jobTitle: 'Editor' }])
  const tagSlugs: string[] = []
  for (const link of await rows(app, 'articleTags', { articleId: 1 })) tagSlugs.push((await row(app, 'tags', { id: link.tagId }))?.slug ?? '')
  t.ok(tagSlugs.includes('climate') && tagSlugs.includes('water'))

  const body = story?.body ?? []
  const headings = body.filter((block) => block.type === 'heading')
  t.ok(headings.length >= 4 && headings.length <= 6, 'four to six sub-headings')
  t.ok(headings.every((block) => block.level === 2))
  const promos = body.flatMap((block, index) => block.type === 'promo' ? [{ index, slot: block.slot }] : [])
  t.equal(promos.length, 1)
  t.equal(promos[0]?.slot, 'newsletter-signup')
  const promoAt = (promos[0]?.index ?? 0) / (body.length - 1)
  t.ok(promoAt > 1 / 3 && promoAt < 2 / 3, 'the promotion sits in the middle of the body')
  t.ok(body.some((block) => block.type === 'quote'))
  t.match(story?.bodyHtml, /<strong>.+<\/strong>/)
  t.match(story?.bodyHtml, /<em>.+<\/em>/)
  t.match(story?.bodyHtml, /<a href="https:\/\/[^"]+" rel="noopener">/)
})

t.test('replies come in every status, with threads of approved replies up to three deep', async (t) => {
  const app = await seededApp(t)
  const stored = await rows(app, 'replies')
  const published = new Map((await rows(app, 'articles', { status: 'published' })).map((row) => [row.id, row]))
  t.ok(stored.length >= 25)
  t.match(stored[0], { id: 1, articleId: 1, parentId: null, status: 'approved' })
  t.same(new Set(stored.map((row) => row.status)), new Set(['approved', 'pending', 'spam', 'rejected']))
  t.ok(stored.filter((row) => row.status === 'pending').length >= 2, 'a few are pending')
  t.ok(new Set(stored.map((row) => row.articleId)).size >= 4, 'on several articles')

  const byId = new Map(stored.map((row) => [row.id, row]))
  const depth = (id: number): number => {
    const parentId = byId.get(id)?.parentId
    return parentId == null ? 1 : 1 + depth(parentId)
  }
  for (const row of stored) {
    const article = published.get(row.articleId)
    t.ok(article, `reply ${row.id} is on a published article`)
    t.ok(row.createdAt > (article?.publishedAt as string) && row.createdAt <= DEMO_ANCHOR, `reply ${row.id} came after publication`)
    t.match(row, { authorName: /\w \w/, authorEmail: /@example\.com$/, body: /\w/ })
    t.equal(row.moderatedAt === null, row.status === 'pending', `reply ${row.id} is moderated unless pending`)
    if (row.parentId !== null) {
      const parent = byId.get(row.parentId)
      t.match(parent, { articleId: row.articleId, status: 'approved' }, `reply ${row.id} answers an approved reply on its article`)
      t.ok(row.parentId < row.id && (parent?.createdAt as string) < row.createdAt, `reply ${row.id} answers an earlier reply`)
    }
    t.ok(depth(row.id) <= 3)
  }
  t.equal(Math.max(...stored.map((row) => depth(row.id))), 3, 'some threads are three deep')
})

t.test('every stored body is valid and its html, text, word count and reading time are what renderBody makes', async (t) => {
  const app = await seededApp(t)
  for (const article of await rows(app, 'articles')) {
    t.ok(article.body.every((block) => Value.Check(BlockSchema, block)), `${article.slug} has valid blocks`)
    const rendered = renderBody(article.body)
    t.same(
      { html: article.bodyHtml, text: article.bodyText, wordCount: article.wordCount, readingTime: article.readingTime },
      rendered,
      article.slug
    )
    t.notMatch(article.bodyHtml, /&lt;/, `${article.slug} uses only the allowed inline markup`)
    t.ok(article.body[0]?.type === 'paragraph' && article.body.at(-1)?.type === 'paragraph', `${article.slug} opens and ends with text`)
  }
})

t.test('every slug is unique and matches the API slug pattern', async (t) => {
  const app = await seededApp(t)
  const pattern = new RegExp(SLUG_PATTERN)
  for (const table of ['sections', 'authors', 'tags', 'articles'] as const) {
    const slugs = (await rows(app, table)).map((row) => row.slug)
    t.equal(new Set(slugs).size, slugs.length)
    for (const slug of slugs) t.match(slug, pattern)
  }
})

t.test('seeding is deterministic: two fresh databases hold identical rows', async (t) => {
  const dir = await tempDir(t)
  // Databases of their own, each seeded as a new one is: a seeded app of the test helper starts from a copy.
  const first = await buildTestApp(t, { ...await lastingDatabase(t, join(dir, 'first.db')), seedDemo: true })
  const second = await buildTestApp(t, { ...await lastingDatabase(t, join(dir, 'second.db')), seedDemo: true })
  t.same(await dump(second), await dump(first))
})

t.test('a seeded database is not empty, and no API token is created by the seed', async (t) => {
  const app = await seededApp(t)
  const seeded = await contentCounts(app)
  t.ok(Object.values(seeded).every((count) => count > 0), `every content table has rows: ${JSON.stringify(seeded)}`)
  t.equal(await countRows(app, 'apiTokens'), 0)
  const unseeded = await buildTestApp(t)
  t.same(await contentCounts(unseeded), { sections: 0, authors: 0, tags: 0, articles: 0, replies: 0 })
})

t.test('SEED_DEMO on a database that already has a section inserts nothing', async (t) => {
  const database = await lastingDatabase(t, join(await tempDir(t), 'news.db'))
  const existing = await buildTestApp(t, database)
  await insertRow(existing, 'sections', { slug: 'local', name: 'Local' })
  await existing.close()

  const app = await buildTestApp(t, { ...database, seedDemo: true })
  t.same((await rows(app, 'sections')).map(({ slug }) => ({ slug })), [{ slug: 'local' }])
  t.same(await rows(app, 'articles'), [])
  t.same(await rows(app, 'authors'), [])
})

t.test('db:seed seeds an empty database once, and leaves it alone the second time', async (t) => {
  const database = await lastingDatabase(t, join(await tempDir(t), 'nested', 'news.db'))
  const env = 'databaseUrl' in database ? { DATABASE_URL: database.databaseUrl ?? '' } : { DATABASE_PATH: database.databasePath }
  const seed = async () => run(...await nodeCommand('src/cli/seed.ts'), { env: { ...process.env, ...env } })
  const first = await seed()
  const where = 'databaseUrl' in database ? 'postgres://\\S+' : '.*news\\.db'
  t.match(first.stdout, new RegExp(`^seeded ${where} with \\d+ sections, \\d+ authors, \\d+ tags, \\d+ articles .* and \\d+ replies in \\d+ ms\n$`))
  const second = await seed()
  t.equal(second.stdout, 'database is not empty, nothing seeded\n')

  const app = await buildTestApp(t, database)
  t.match(await row(app, 'articles', { id: 1 }), { slug: 'lake-chad-fishermen-return-as-waters-rise' })
})
