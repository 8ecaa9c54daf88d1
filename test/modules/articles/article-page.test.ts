import tap from 'tap'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp, type Teardown } from '../../helpers/app.js'
import { insertRows, updateRows } from '../../helpers/db.js'
import { insertAuthor, insertSection, insertTag, SIMPLE_BODY } from '../../helpers/fixtures.js'

interface Site {
  app: FastifyInstance
  editor: { authorization: string }
  world: number
  africa: number
  sahel: number
  business: number
  authorId: number
  tags: number[]
}

async function site (t: Teardown): Promise<Site> {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa', world)
  return {
    app,
    editor: await authHeader(app, 'editor'),
    world,
    africa,
    sahel: await insertSection(app, 'sahel', africa),
    business: await insertSection(app, 'business'),
    authorId: await insertAuthor(app),
    tags: [await insertTag(app, 'climate'), await insertTag(app, 'water'), await insertTag(app, 'farming')]
  }
}

async function publish (s: Site, headline: string, fields: Record<string, unknown> = {}) {
  const res = await s.app.inject({
    method: 'POST',
    url: '/v1/admin/articles',
    headers: s.editor,
    payload: { headline, body: SIMPLE_BODY, sectionId: s.world, authorIds: [s.authorId], status: 'published', ...fields }
  })
  if (res.statusCode !== 201) throw new Error(res.body)
  return res.json() as { id: number, slug: string }
}

tap.test('an article carries its breadcrumb from the root section down to its own', async (t) => {
  const s = await site(t)
  const article = await publish(s, 'Millet prices double', { sectionId: s.sahel })
  const res = await s.app.inject({ url: `/v1/articles/${article.slug}` })
  t.equal(res.statusCode, 200)
  t.same(res.json().breadcrumb, [
    { id: s.world, slug: 'world', name: 'World', url: 'https://www.news.test/world' },
    { id: s.africa, slug: 'africa', name: 'Africa', url: 'https://www.news.test/africa' },
    { id: s.sahel, slug: 'sahel', name: 'Sahel', url: 'https://www.news.test/sahel' }
  ])
  const top = await publish(s, 'Markets open', { sectionId: s.business })
  t.same((await s.app.inject({ url: `/v1/articles/${top.slug}` })).json().breadcrumb, [{ id: s.business, slug: 'business', name: 'Business', url: 'https://www.news.test/business' }])
})

tap.test('replyCount counts approved replies only', async (t) => {
  const s = await site(t)
  const article = await publish(s, 'Reply magnet')
  const reply = (status: 'approved' | 'pending' | 'spam') => ({ articleId: article.id, authorName: 'Reader', authorEmail: 'reader@example.org', body: 'Hello', status })
  await insertRows(s.app, 'replies', [reply('approved'), reply('approved'), reply('pending'), reply('spam')])
  t.equal((await s.app.inject({ url: `/v1/articles/${article.slug}` })).json().replyCount, 2)
})

tap.test('related articles: shared tags first, then the same section, then the newest', async (t) => {
  const s = await site(t)
  const [climate, water, farming] = s.tags
  const article = await publish(s, 'The article', { tagIds: [climate, water, farming], sectionId: s.africa, publishedAt: '2026-01-01T00:00:00Z' })
  await publish(s, 'Two tags', { tagIds: [climate, water], sectionId: s.business, publishedAt: '2026-01-02T00:00:00Z' })
  await publish(s, 'One tag, old', { tagIds: [farming], sectionId: s.business, publishedAt: '2025-06-01T00:00:00Z' })
  await publish(s, 'One tag, same section', { tagIds: [water], sectionId: s.africa, publishedAt: '2025-01-01T00:00:00Z' })
  await publish(s, 'Same section', { sectionId: s.africa, publishedAt: '2025-02-01T00:00:00Z' })
  await publish(s, 'Newest elsewhere', { sectionId: s.business, publishedAt: '2026-03-01T00:00:00Z' })
  await publish(s, 'Older elsewhere', { sectionId: s.business, publishedAt: '2025-03-01T00:00:00Z' })
  await publish(s, 'Draft with every tag', { tagIds: [climate, water, farming], status: 'draft' })

  const res = await s.app.inject({ url: `/v1/articles/${article.slug}/related?limit=6` })
  t.equal(res.statusCode, 200)
  t.same(res.json().data.map((a: { headline: string }) => a.headline), [
    'Two tags', 'One tag, same section', 'One tag, old', 'Same section', 'Newest elsewhere', 'Older elsewhere'
  ])
  t.equal((await s.app.inject({ url: `/v1/articles/${article.slug}/related` })).json().data.length, 5, 'five by default')
})

tap.test('related articles of an article that is not public is a 404', async (t) => {
  const s = await site(t)
  const draft = await publish(s, 'A draft', { status: 'draft' })
  const withdrawn = await publish(s, 'Withdrawn')
  await updateRows(s.app, 'articles', { withdrawnAt: '2026-04-01T00:00:00.000Z', withdrawnReason: 'Wrong.' }, { id: withdrawn.id })
  for (const slug of [draft.slug, withdrawn.slug, 'never-existed']) {
    const res = await s.app.inject({ url: `/v1/articles/${slug}/related` })
    t.equal(res.statusCode, 404, slug)
    t.match(res.json(), { code: 'ARTICLE_NOT_FOUND' })
  }
})

tap.test('related limit is 1..20', async (t) => {
  const s = await site(t)
  const article = await publish(s, 'Alone')
  t.same((await s.app.inject({ url: `/v1/articles/${article.slug}/related` })).json(), { data: [] })
  for (const limit of ['0', '21']) {
    t.equal((await s.app.inject({ url: `/v1/articles/${article.slug}/related?limit=${limit}` })).statusCode, 400)
  }
})
