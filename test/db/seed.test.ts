import t from 'tap'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { asc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import Value from 'typebox/value'
import { isDatabaseEmpty } from '../../src/db/seed.js'
import { DEMO_ANCHOR } from '../../src/db/demo-content.js'
import { apiTokens, articleAuthors, articles, articleTags, authors, replies, sections, tags } from '../../src/db/schema.js'
import { AuthorLinkSchema, BlockSchema, FeaturedImageSchema } from '../../src/shared/content-types.js'
import { SLUG_PATTERN } from '../../src/shared/http-schemas.js'
import { renderBody } from '../../src/shared/rendering.js'
import { buildTestApp, type Teardown } from '../helpers/app.js'

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

function dump (app: FastifyInstance) {
  return {
    sections: app.db.select().from(sections).orderBy(asc(sections.id)).all(),
    authors: app.db.select().from(authors).orderBy(asc(authors.id)).all(),
    tags: app.db.select().from(tags).orderBy(asc(tags.id)).all(),
    articles: app.db.select().from(articles).orderBy(asc(articles.id)).all(),
    articleAuthors: app.db.select().from(articleAuthors).orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position)).all(),
    articleTags: app.db.select().from(articleTags).orderBy(asc(articleTags.articleId), asc(articleTags.position)).all(),
    replies: app.db.select().from(replies).orderBy(asc(replies.id)).all()
  }
}

t.test('the demo has a section tree with World > Africa in the agreed order, and described children', async (t) => {
  const app = await seededApp(t)
  const rows = app.db.select().from(sections).orderBy(asc(sections.id)).all()
  t.ok(rows.length >= 5)
  t.same(rows.slice(0, 8).map((row) => row.slug), ['world', 'africa', 'politics', 'business', 'technology', 'culture', 'science', 'opinion'])
  t.match(rows[0], { id: 1, slug: 'world', name: 'World', parentId: null })
  t.match(rows[1], { id: 2, slug: 'africa', name: 'Africa', parentId: 1 })
  for (const row of rows) t.not(row.description, '', `${row.slug} has a description`)
  const worldChildren = rows.filter((row) => row.parentId === 1)
  t.same(worldChildren.map((row) => row.position), worldChildren.map((_, index) => index), 'siblings are numbered from 0')
})

t.test('the demo has authors with job titles, bios, avatars and emails, and author 1 is the Editor', async (t) => {
  const app = await seededApp(t)
  const rows = app.db.select().from(authors).orderBy(asc(authors.id)).all()
  t.ok(rows.length >= 6)
  t.match(rows[0], { id: 1, slug: 'adrian-ovalle', name: 'Adrian Ovalle', jobTitle: 'Editor', bio: /editor/i })
  for (const row of rows) {
    t.match(row, {
      jobTitle: /\w/,
      bio: /\w.{80,}/,
      avatarUrl: `https://images.worldweeklynews.example/authors/${row.slug}.jpg`,
      email: /^[a-z.]+@worldweeklynews\.example$/
    }, row.slug)
    t.ok(row.links.every((link) => Value.Check(AuthorLinkSchema, link)), `${row.slug} has valid links`)
  }
  t.equal(new Set(rows.map((row) => row.jobTitle)).size, rows.length, 'each author has their own beat')
})

t.test('the demo tags start with elections and climate, and every tag is used', async (t) => {
  const app = await seededApp(t)
  const rows = app.db.select().from(tags).orderBy(asc(tags.id)).all()
  t.ok(rows.length >= 12)
  t.match(rows.slice(0, 2), [{ id: 1, slug: 'elections' }, { id: 2, slug: 'climate' }])
  const used = new Set(app.db.select().from(articleTags).all().map((row) => row.tagId))
  t.same(rows.filter((row) => !used.has(row.id)).map((row) => row.slug), [])
})

t.test('the demo has at least 40 published articles across two years, then drafts and one scheduled story', async (t) => {
  const app = await seededApp(t)
  const rows = app.db.select().from(articles).orderBy(asc(articles.id)).all()
  const published = rows.filter((row) => row.status === 'published')
  t.ok(published.length >= 40)
  const times = published.map((row) => Date.parse(row.publishedAt as string))
  t.ok(Math.max(...times) - Math.min(...times) > 365 * DAY, 'spread over more than a year')
  t.ok(Math.min(...times) >= Date.parse('2024-11-01T00:00:00.000Z'), 'none before November 2024')
  t.ok(Math.max(...times) < Date.parse(DEMO_ANCHOR), 'none after the anchor')
  t.same(times, [...times].sort((a, b) => b - a), 'ids go back in time')
  t.ok(published.filter((row) => row.featured).length >= 2, 'a few are featured')
  const unused = app.db.select().from(sections).all().filter((section) => !published.some((row) => row.sectionId === section.id))
  t.same(unused.map((section) => section.slug), ['podcasts'], 'every section but the one launching next month has articles')

  const drafts = rows.filter((row) => row.status === 'draft')
  const scheduled = rows.filter((row) => row.status === 'scheduled')
  t.ok(drafts.length >= 3)
  t.equal(scheduled.length, 1)
  t.ok(drafts.every((row) => row.publishedAt === null && row.scheduledAt === null))
  t.ok(Date.parse(scheduled[0]?.scheduledAt as string) > Date.parse(DEMO_ANCHOR), 'scheduled in the future')
  t.equal(scheduled[0]?.publishedAt, null)
  t.same(rows.slice(-drafts.length - 1).map((row) => row.status).sort(), [...drafts.map(() => 'draft'), 'scheduled'], 'the unpublished ones have the highest ids')

  for (const row of rows) {
    t.ok(row.createdAt <= row.updatedAt && row.updatedAt <= DEMO_ANCHOR, `${row.slug} was written before the anchor`)
    if (row.publishedAt) t.ok(row.createdAt <= row.publishedAt, `${row.slug} was written before it was published`)
    t.match(row, { language: 'en', canonicalUrl: null, excerpt: /\w.{40,}[.!?]$/ })
    t.ok(row.body.length >= 4, `${row.slug} has a body of several blocks`)
  }
})

t.test('published articles have 1-2 ordered authors, 1-4 tags and a valid featured image', async (t) => {
  const app = await seededApp(t)
  const published = app.db.select().from(articles).where(eq(articles.status, 'published')).all()
  const bylines = app.db.select().from(articleAuthors).all()
  const tagging = app.db.select().from(articleTags).all()
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
  const story = app.db.select().from(articles).where(eq(articles.id, 1)).get()
  t.match(story, {
    slug: 'lake-chad-fishermen-return-as-waters-rise',
    headline: /Lake Chad.*fishermen.*return.*waters rise/i,
    subtitle: /\w/,
    dateline: "N'DJAMENA, Chad",
    sectionId: 2,
    status: 'published',
    featuredImage: { url: /^https:\/\//, alt: /\w/, caption: /\w/, credit: /\w/ }
  })
  const newest = app.db.select({ publishedAt: articles.publishedAt }).from(articles).where(eq(articles.status, 'published')).all()
    .map((row) => row.publishedAt as string).sort().at(-1)
  t.equal(story?.publishedAt, newest, 'it is the most recent published article')
  t.match(app.db.select().from(sections).where(eq(sections.id, 2)).get(), { slug: 'africa', parentId: 1 })

  const byline = app.db.select({ jobTitle: authors.jobTitle, id: authors.id }).from(articleAuthors)
    .innerJoin(authors, eq(authors.id, articleAuthors.authorId)).where(eq(articleAuthors.articleId, 1)).all()
  t.same(byline, [{ id: 1, jobTitle: 'Editor' }])
  const tagSlugs = app.db.select({ slug: tags.slug }).from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId)).where(eq(articleTags.articleId, 1)).all().map((row) => row.slug)
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
  const rows = app.db.select().from(replies).orderBy(asc(replies.id)).all()
  const published = new Map(app.db.select().from(articles).where(eq(articles.status, 'published')).all().map((row) => [row.id, row]))
  t.ok(rows.length >= 25)
  t.match(rows[0], { id: 1, articleId: 1, parentId: null, status: 'approved' })
  t.same(new Set(rows.map((row) => row.status)), new Set(['approved', 'pending', 'spam', 'rejected']))
  t.ok(rows.filter((row) => row.status === 'pending').length >= 2, 'a few are pending')
  t.ok(new Set(rows.map((row) => row.articleId)).size >= 4, 'on several articles')

  const byId = new Map(rows.map((row) => [row.id, row]))
  const depth = (id: number): number => {
    const parentId = byId.get(id)?.parentId
    return parentId == null ? 1 : 1 + depth(parentId)
  }
  for (const row of rows) {
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
  t.equal(Math.max(...rows.map((row) => depth(row.id))), 3, 'some threads are three deep')
})

t.test('every stored body is valid and its html, text, word count and reading time are what renderBody makes', async (t) => {
  const app = await seededApp(t)
  for (const article of app.db.select().from(articles).all()) {
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
  for (const table of [sections, authors, tags, articles]) {
    const slugs = app.db.select({ slug: table.slug }).from(table).all().map((row) => row.slug)
    t.equal(new Set(slugs).size, slugs.length)
    for (const slug of slugs) t.match(slug, pattern)
  }
})

t.test('seeding is deterministic: two fresh databases hold identical rows', async (t) => {
  const first = await seededApp(t)
  const second = await seededApp(t)
  t.same(dump(second), dump(first))
})

t.test('a seeded database is not empty, and no API token is created by the seed', async (t) => {
  const app = await seededApp(t)
  t.equal(isDatabaseEmpty(app.db), false)
  t.equal(app.db.select().from(apiTokens).all().length, 0)
  const unseeded = await buildTestApp(t)
  t.equal(isDatabaseEmpty(unseeded.db), true)
})

t.test('SEED_DEMO on a database that already has a section inserts nothing', async (t) => {
  const databasePath = join(await tempDir(t), 'news.db')
  const existing = await buildTestApp(t, { databasePath })
  existing.db.insert(sections).values({ slug: 'local', name: 'Local' }).run()
  await existing.close()

  const app = await buildTestApp(t, { databasePath, seedDemo: true })
  t.same(app.db.select({ slug: sections.slug }).from(sections).all(), [{ slug: 'local' }])
  t.same(app.db.select().from(articles).all(), [])
  t.same(app.db.select().from(authors).all(), [])
})

t.test('db:seed seeds an empty database once, and leaves it alone the second time', async (t) => {
  const databasePath = join(await tempDir(t), 'nested', 'news.db')
  const seed = async () => run(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts'], { env: { ...process.env, DATABASE_PATH: databasePath } })
  const first = await seed()
  t.match(first.stdout, /^seeded .*news\.db with \d+ sections, \d+ authors, \d+ tags, \d+ articles .* and \d+ replies in \d+ ms\n$/)
  const second = await seed()
  t.equal(second.stdout, 'database is not empty, nothing seeded\n')

  const app = await buildTestApp(t, { databasePath })
  t.match(app.db.select().from(articles).where(eq(articles.id, 1)).get(), { slug: 'lake-chad-fishermen-return-as-waters-rise' })
})
