import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { countRows, insertRow, row, rows, updateRows } from '../../helpers/db.js'
import { insertAuthor, insertSection, insertStoredArticle, SIMPLE_BODY } from '../../helpers/fixtures.js'

const PROBLEM = /^application\/problem\+json/

/** Articles crediting the author, inserted straight into the database as the articles module would store them. */
async function creditOn (app: FastifyInstance, authorId: number, count: number): Promise<void> {
  const sectionId = await insertSection(app, 'world')
  for (let i = 1; i <= count; i++) {
    const article = await insertRow(app, 'articles', {
      slug: `story-${i}`,
      headline: `Story ${i}`,
      body: [...SIMPLE_BODY],
      bodyHtml: '<p>Fishing crews returned to the northern shore on Monday.</p>',
      bodyText: 'Fishing crews returned to the northern shore on Monday.',
      wordCount: 9,
      readingTime: 1,
      sectionId
    })
    await insertRow(app, 'articleAuthors', { articleId: article.id, authorId, position: 0 })
  }
}

/** Credits the authors on one public article: the public sees only authors one credits. */
async function creditInPublic (app: FastifyInstance, authorIds: number[]): Promise<void> {
  await insertStoredArticle(app, 'credited', { sectionId: await insertSection(app, 'credits'), authorIds })
}

/** An author credited on an embargoed article, a draft, a scheduled, an archived and a withdrawn one, and one on none. */
async function authorsOfUnpublishedWork (app: FastifyInstance): Promise<string[]> {
  const sectionId = await insertSection(app, 'unpublished')
  const slugs: string[] = []
  for (const state of ['embargoed', 'draft', 'scheduled', 'archived', 'withdrawn', 'new-hire'] as const) {
    const slug = `${state}-writer`
    const authorId = await insertAuthor(app, slug)
    slugs.push(slug)
    if (state === 'new-hire') continue
    const articleId = await insertStoredArticle(app, slug, { sectionId, authorIds: [authorId], state: state === 'embargoed' ? 'published' : state })
    if (state === 'embargoed') await updateRows(app, 'articles', { embargoedUntil: '2099-01-01T00:00:00.000Z' }, { id: articleId })
  }
  return slugs
}

const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T08:00:00.000Z`

t.test('an editor creates an author, and the response shows the editor the email', async (t) => {
  const app = await buildTestApp(t)
  const payload = {
    name: 'Lina Haddad',
    jobTitle: 'Climate correspondent',
    bio: 'Lina Haddad covers climate and energy from Beirut.',
    avatarUrl: 'https://images.news.test/lina.jpg',
    links: [{ label: 'Mastodon', url: 'https://mastodon.social/@linahaddad' }],
    email: 'lina.haddad@news.test'
  }
  const res = await app.inject({ method: 'POST', url: '/v1/admin/authors', headers: await authHeader(app, 'editor'), payload })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { id: 1, slug: 'lina-haddad', ...payload, createdAt: String, updatedAt: String })
  t.match(await row(app, 'authors', { slug: 'lina-haddad' }), payload)
})

t.test('an author created with a name alone gets empty defaults', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/authors', headers: await authHeader(app, 'editor'), payload: { name: 'Ngozi Okafor' } })
  t.equal(res.statusCode, 201)
  t.same({ ...res.json(), createdAt: 'x', updatedAt: 'x' }, {
    id: 1,
    slug: 'ngozi-okafor',
    url: 'https://www.news.test/authors/ngozi-okafor',
    name: 'Ngozi Okafor',
    jobTitle: '',
    bio: '',
    avatarUrl: null,
    links: [],
    email: null,
    createdAt: 'x',
    updatedAt: 'x'
  })
})

t.test('the public reads an author by slug, without the email', async (t) => {
  const app = await buildTestApp(t)
  await creditInPublic(app, [await insertAuthor(app, 'adrian-ovalle', 'adrian.ovalle@news.test')])
  const res = await app.inject({ url: '/v1/authors/adrian-ovalle' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id: 1, slug: 'adrian-ovalle', name: 'Adrian Ovalle', jobTitle: 'Reporter', bio: '', avatarUrl: null, links: [], articleCount: 1, latestArticles: [{ slug: 'credited' }] })
  t.notOk('email' in res.json())
  t.notOk(res.payload.includes('adrian.ovalle@news.test'))
})

t.test('an author page counts the public articles and shows the newest five, newest first', async (t) => {
  const app = await buildTestApp(t)
  const author = await insertAuthor(app, 'adrian-ovalle')
  const sectionId = await insertSection(app, 'world')
  for (const n of [3, 7, 1, 5, 6, 2, 4]) await insertStoredArticle(app, `day-${n}`, { authorIds: [author], sectionId, publishedAt: day(n) })
  const res = await app.inject({ url: '/v1/authors/adrian-ovalle' })
  t.equal(res.statusCode, 200)
  t.equal(res.json().articleCount, 7)
  t.same(res.json().latestArticles.map((a: { slug: string }) => a.slug), ['day-7', 'day-6', 'day-5', 'day-4', 'day-3'])
})

t.test('articles published at the same moment are shown newest id first', async (t) => {
  const app = await buildTestApp(t)
  const author = await insertAuthor(app, 'adrian-ovalle')
  const sectionId = await insertSection(app, 'world')
  for (const slug of ['first', 'second', 'third']) await insertStoredArticle(app, slug, { authorIds: [author], sectionId, publishedAt: day(1) })
  const res = await app.inject({ url: '/v1/authors/adrian-ovalle' })
  t.same(res.json().latestArticles.map((a: { slug: string }) => a.slug), ['third', 'second', 'first'])
})

t.test('a latest article carries what a card shows: headline, excerpt, date, section, image and reading time', async (t) => {
  const app = await buildTestApp(t)
  const author = await insertAuthor(app, 'adrian-ovalle')
  const sectionId = await insertSection(app, 'africa')
  const id = await insertStoredArticle(app, 'lake-chad', { authorIds: [author], sectionId, publishedAt: day(4) })
  const featuredImage = { url: 'https://images.news.test/lake-chad.jpg', alt: 'Boats on the lake', credit: 'A. Photographer' }
  await updateRows(app, 'articles', { featuredImage, readingTime: 4 }, { id })
  const res = await app.inject({ url: '/v1/authors/adrian-ovalle' })
  t.same(res.json().latestArticles, [{
    id,
    slug: 'lake-chad',
    url: 'https://www.news.test/africa/lake-chad',
    headline: 'Headline of lake-chad',
    excerpt: 'Excerpt of lake-chad',
    publishedAt: day(4),
    section: { id: sectionId, slug: 'africa', name: 'Africa', url: 'https://www.news.test/africa' },
    featuredImage,
    readingTime: 4
  }])
})

t.test('drafts, scheduled, archived and withdrawn articles are neither counted nor shown on an author page', async (t) => {
  const app = await buildTestApp(t)
  const author = await insertAuthor(app, 'adrian-ovalle')
  const sectionId = await insertSection(app, 'world')
  await insertStoredArticle(app, 'public', { authorIds: [author], sectionId, publishedAt: day(1) })
  for (const [n, state] of [[2, 'draft'], [3, 'scheduled'], [4, 'archived'], [5, 'withdrawn']] as const) {
    await insertStoredArticle(app, state, { authorIds: [author], sectionId, state, publishedAt: day(n) })
  }
  const res = await app.inject({ url: '/v1/authors/adrian-ovalle' })
  t.equal(res.json().articleCount, 1)
  t.same(res.json().latestArticles.map((a: { slug: string }) => a.slug), ['public'])
})

t.test('a shared byline counts on each author\'s page, and other authors\' articles on neither', async (t) => {
  const app = await buildTestApp(t)
  const adrian = await insertAuthor(app, 'adrian-ovalle')
  const lina = await insertAuthor(app, 'lina-haddad')
  const ben = await insertAuthor(app, 'ben-okoro')
  const sectionId = await insertSection(app, 'world')
  await insertStoredArticle(app, 'together', { authorIds: [lina, adrian], sectionId, publishedAt: day(2) })
  await insertStoredArticle(app, 'adrian-alone', { authorIds: [adrian], sectionId, publishedAt: day(1) })
  await insertStoredArticle(app, 'ben-alone', { authorIds: [ben], sectionId, publishedAt: day(3) })
  const adrianPage = (await app.inject({ url: '/v1/authors/adrian-ovalle' })).json()
  const linaPage = (await app.inject({ url: '/v1/authors/lina-haddad' })).json()
  t.match(adrianPage, { articleCount: 2, latestArticles: [{ slug: 'together' }, { slug: 'adrian-alone' }] })
  t.match(linaPage, { articleCount: 1, latestArticles: [{ slug: 'together' }] })
  t.equal(linaPage.latestArticles.length, 1)
})

t.test('the page of an author only unpublished work credits is a 404, as for an unknown author', async (t) => {
  const app = await buildTestApp(t)
  for (const slug of await authorsOfUnpublishedWork(app)) {
    const res = await app.inject({ url: `/v1/authors/${slug}` })
    t.equal(res.statusCode, 404, slug)
    t.match(res.json(), { code: 'AUTHOR_NOT_FOUND', detail: `No author was found for "${slug}".` })
  }
})

t.test('the author list and its total leave out the authors only unpublished work credits', async (t) => {
  const app = await buildTestApp(t)
  await authorsOfUnpublishedWork(app)
  await creditInPublic(app, [await insertAuthor(app, 'adrian-ovalle')])
  const res = await app.inject({ url: '/v1/authors?total=true' })
  t.same(res.json().data.map((author: { slug: string }) => author.slug), ['adrian-ovalle'])
  t.equal(res.json().meta.total, 1)
})

t.test('a feed of an author only unpublished work credits does not name them, as for an unknown author', async (t) => {
  const app = await buildTestApp(t)
  await authorsOfUnpublishedWork(app)
  const feed = await app.inject({ url: '/feeds/feed.json?author=new-hire-writer,embargoed-writer' })
  const unknown = await app.inject({ url: '/feeds/feed.json?author=nobody-here' })
  t.equal(feed.json().title, unknown.json().title)
  t.equal(feed.json().home_page_url, unknown.json().home_page_url)
})

t.test('writers list every author for their byline picker, without emails', async (t) => {
  const app = await buildTestApp(t)
  const unpublished = await authorsOfUnpublishedWork(app)
  const contributor = await authHeader(app, 'contributor', await insertAuthor(app, 'adrian-ovalle'))
  const res = await app.inject({ url: '/v1/admin/authors?limit=100&total=true', headers: contributor })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['cache-control'], 'private, no-store')
  t.same(res.json().data.map((author: { slug: string }) => author.slug), ['adrian-ovalle', ...unpublished].sort())
  t.equal(res.json().meta.total, unpublished.length + 1)
  t.notOk(res.payload.includes('"email"'))
  t.equal((await app.inject({ url: '/v1/admin/authors' })).statusCode, 401)
  t.equal((await app.inject({ url: '/v1/admin/authors', headers: await authHeader(app, 'partner') })).statusCode, 403)
})

t.test('the public list never shows emails', async (t) => {
  const app = await buildTestApp(t)
  await creditInPublic(app, [
    await insertAuthor(app, 'adrian-ovalle', 'adrian.ovalle@news.test'),
    await insertAuthor(app, 'lina-haddad', 'lina.haddad@news.test')
  ])
  const res = await app.inject({ url: '/v1/authors' })
  t.equal(res.statusCode, 200)
  t.equal(res.json().data.length, 2)
  t.notOk(res.payload.includes('@news.test'))
  t.notOk(res.payload.includes('"email"'))
})

t.test('an unknown author slug is a 404 problem', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/authors/nobody-here' })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], PROBLEM)
  t.match(res.json(), { status: 404, code: 'AUTHOR_NOT_FOUND', detail: 'No author was found for "nobody-here".' })
})

t.test('authors are listed by name, then id, a page at a time with a Link to the next', async (t) => {
  const app = await buildTestApp(t)
  const ids: number[] = []
  for (const slug of ['zara-ahmed', 'adrian-ovalle', 'maya-chen', 'ben-okoro', 'lina-haddad', 'adrian-ovalle-2', 'kofi-mensah']) {
    ids.push(await insertAuthor(app, slug))
  }
  await creditInPublic(app, ids)
  // 'Adrian Ovalle 2' sorts after 'Adrian Ovalle'; both names share a prefix to exercise the keyset.
  const first = await app.inject({ url: '/v1/authors?limit=3' })
  t.equal(first.statusCode, 200)
  t.same(first.json().data.map((a: { slug: string }) => a.slug), ['adrian-ovalle', 'adrian-ovalle-2', 'ben-okoro'])
  const cursor1 = first.json().meta.nextCursor
  t.same(first.json().meta, { nextCursor: cursor1, limit: 3 })
  t.equal(first.headers.link, `<http://news.test/v1/authors?limit=3&cursor=${cursor1}>; rel="next"`)

  const second = await app.inject({ url: `/v1/authors?limit=3&cursor=${cursor1}` })
  t.same(second.json().data.map((a: { slug: string }) => a.slug), ['kofi-mensah', 'lina-haddad', 'maya-chen'])
  const cursor2 = second.json().meta.nextCursor
  t.equal(second.headers.link, `<http://news.test/v1/authors?limit=3&cursor=${cursor2}>; rel="next"`)

  const third = await app.inject({ url: `/v1/authors?limit=3&cursor=${cursor2}` })
  t.same(third.json().data.map((a: { slug: string }) => a.slug), ['zara-ahmed'])
  t.equal(third.json().meta.nextCursor, null)
  t.notOk(third.headers.link)
})

t.test('authors with the same name are paged by id without loss or repetition', async (t) => {
  const app = await buildTestApp(t)
  const ids: number[] = []
  for (const slug of ['a-one', 'a-two', 'a-three']) {
    ids.push((await insertRow(app, 'authors', { slug, name: 'Same Name' })).id)
  }
  await creditInPublic(app, ids)
  const first = await app.inject({ url: '/v1/authors?limit=2' })
  const second = await app.inject({ url: `/v1/authors?limit=2&cursor=${first.json().meta.nextCursor}` })
  t.same([...first.json().data, ...second.json().data].map((a: { id: number }) => a.id), [1, 2, 3])
})

t.test('the list defaults to 20 a page and refuses bad limits and cursors', async (t) => {
  const app = await buildTestApp(t)
  t.same((await app.inject({ url: '/v1/authors' })).json().meta, { nextCursor: null, limit: 20 })
  for (const query of ['limit=0', 'limit=101', 'limit=abc']) {
    const res = await app.inject({ url: `/v1/authors?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path: '/querystring/limit' }] })
  }
  const res = await app.inject({ url: '/v1/authors?cursor=not-a-cursor' })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], PROBLEM)
  t.match(res.json(), { code: 'INVALID_CURSOR' })
})

t.test('invalid authors are refused field by field', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const link = { label: 'Site', url: 'https://example.com' }
  for (const [payload, path] of [
    [{}, '/body/name'],
    [{ jobTitle: 'Editor' }, '/body/name'],
    [{ name: '' }, '/body/name'],
    [{ name: 'x'.repeat(101) }, '/body/name'],
    [{ name: 'Lina', slug: 'Not A Slug' }, '/body/slug'],
    [{ name: 'Lina', twitter: '@lina' }, '/body/twitter'],
    [{ name: 'Lina', email: 'not-an-email' }, '/body/email'],
    [{ name: 'Lina', email: `${'x'.repeat(250)}@news.test` }, '/body/email'],
    [{ name: 'Lina', avatarUrl: 'javascript:alert(1)' }, '/body/avatarUrl'],
    [{ name: 'Lina', avatarUrl: 'images/lina.jpg' }, '/body/avatarUrl'],
    [{ name: 'Lina', links: Array.from({ length: 11 }, () => link) }, '/body/links'],
    [{ name: 'Lina', links: [{ label: 'Evil', url: 'javascript:alert(1)' }] }, '/body/links/0/url'],
    [{ name: 'Lina', links: [{ ...link, extra: true }] }, '/body/links/0/extra'],
    [{ name: 'Lina', jobTitle: 'x'.repeat(101) }, '/body/jobTitle'],
    [{ name: 'Lina', bio: 'x'.repeat(2001) }, '/body/bio']
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/v1/admin/authors', headers: editor, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80))
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path }] })
  }
  t.equal(await countRows(app, 'authors'), 0)
})

t.test('a given slug that is taken answers 409 SLUG_TAKEN', async (t) => {
  const app = await buildTestApp(t)
  await insertAuthor(app, 'adrian-ovalle')
  const res = await app.inject({ method: 'POST', url: '/v1/admin/authors', headers: await authHeader(app, 'editor'), payload: { name: 'Adrian Ovalle', slug: 'adrian-ovalle' } })
  t.equal(res.statusCode, 409)
  t.match(res.headers['content-type'], PROBLEM)
  t.match(res.json(), { code: 'SLUG_TAKEN' })
  t.equal(await countRows(app, 'authors'), 1)
})

t.test('a generated slug that is taken gets a number', async (t) => {
  const app = await buildTestApp(t)
  await insertAuthor(app, 'adrian-ovalle')
  const res = await app.inject({ method: 'POST', url: '/v1/admin/authors', headers: await authHeader(app, 'editor'), payload: { name: 'Adrian Ovalle' } })
  t.equal(res.statusCode, 201)
  t.equal(res.json().slug, 'adrian-ovalle-2')
})

t.test('an editor changes some fields and the others keep their value', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertAuthor(app, 'adrian-ovalle', 'adrian.ovalle@news.test')
  const res = await app.inject({
    method: 'PATCH',
    url: `/v1/admin/authors/${id}`,
    headers: await authHeader(app, 'editor'),
    payload: { jobTitle: 'Editor', slug: 'a-ovalle', links: [{ label: 'Website', url: 'https://ovalle.example' }] }
  })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id, slug: 'a-ovalle', name: 'Adrian Ovalle', jobTitle: 'Editor', email: 'adrian.ovalle@news.test', links: [{ label: 'Website' }] })
  t.match(await row(app, 'authors', { id }), {
    slug: 'a-ovalle', name: 'Adrian Ovalle', jobTitle: 'Editor', email: 'adrian.ovalle@news.test', links: [{ label: 'Website', url: 'https://ovalle.example' }]
  })
})

t.test('avatarUrl and email can be removed with null', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const id = await insertAuthor(app, 'adrian-ovalle', 'adrian.ovalle@news.test')
  await updateRows(app, 'authors', { avatarUrl: 'https://images.news.test/adrian.jpg' }, { id })
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/authors/${id}`, headers: editor, payload: { avatarUrl: null, email: null } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { avatarUrl: null, email: null })
  t.match(await row(app, 'authors', { id }), { avatarUrl: null, email: null, jobTitle: 'Reporter' })
})

t.test('a patch to a taken slug answers 409, an unknown id 404, and an empty or bad patch 400', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  await insertAuthor(app, 'adrian-ovalle')
  const id = await insertAuthor(app, 'lina-haddad')
  const clash = await app.inject({ method: 'PATCH', url: `/v1/admin/authors/${id}`, headers: editor, payload: { slug: 'adrian-ovalle' } })
  t.equal(clash.statusCode, 409)
  t.match(clash.json(), { code: 'SLUG_TAKEN' })
  t.equal((await row(app, 'authors', { id }))?.slug, 'lina-haddad')

  const missing = await app.inject({ method: 'PATCH', url: '/v1/admin/authors/99', headers: editor, payload: { name: 'x' } })
  t.equal(missing.statusCode, 404)
  t.match(missing.headers['content-type'], PROBLEM)
  t.match(missing.json(), { code: 'AUTHOR_NOT_FOUND' })

  for (const payload of [{}, { email: 'nope' }, { avatarUrl: 'javascript:alert(1)' }, { name: null }, { id: 5 }]) {
    const res = await app.inject({ method: 'PATCH', url: `/v1/admin/authors/${id}`, headers: editor, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json(), { code: 'VALIDATION_FAILED' })
  }
  t.equal((await app.inject({ method: 'PATCH', url: '/v1/admin/authors/abc', headers: editor, payload: { name: 'x' } })).statusCode, 400)
})

t.test('deleting an author nobody credits answers 204, then 404', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const id = await insertAuthor(app, 'adrian-ovalle')
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/authors/${id}`, headers: editor })
  t.equal(res.statusCode, 204)
  t.equal(res.payload, '')
  t.equal(await countRows(app, 'authors'), 0)
  const again = await app.inject({ method: 'DELETE', url: `/v1/admin/authors/${id}`, headers: editor })
  t.equal(again.statusCode, 404)
  t.match(again.json(), { code: 'AUTHOR_NOT_FOUND' })
})

t.test('deleting an author that articles credit answers 409 AUTHOR_IN_USE and keeps everything', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertAuthor(app, 'adrian-ovalle')
  await creditOn(app, id, 14)
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/authors/${id}`, headers: await authHeader(app, 'editor') })
  t.equal(res.statusCode, 409)
  t.match(res.headers['content-type'], PROBLEM)
  t.match(res.json(), {
    status: 409,
    code: 'AUTHOR_IN_USE',
    detail: 'Adrian Ovalle is credited on 14 articles; remove them from those bylines first.'
  })
  t.equal(await countRows(app, 'authors'), 1)
  t.equal(await countRows(app, 'articleAuthors'), 14)
})

t.test('the in-use detail counts a single article in the singular', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertAuthor(app, 'lina-haddad')
  await creditOn(app, id, 1)
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/authors/${id}`, headers: await authHeader(app, 'editor') })
  t.equal(res.statusCode, 409)
  t.equal(res.json().detail, 'Lina Haddad is credited on 1 article; remove them from those bylines first.')
})

t.test('writing authors needs a token', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertAuthor(app, 'adrian-ovalle')
  for (const request of [
    { method: 'POST' as const, url: '/v1/admin/authors', payload: { name: 'x' } },
    { method: 'PATCH' as const, url: `/v1/admin/authors/${id}`, payload: { name: 'x' } },
    { method: 'DELETE' as const, url: `/v1/admin/authors/${id}` }
  ]) {
    const res = await app.inject(request)
    t.equal(res.statusCode, 401, request.method)
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'TOKEN_REQUIRED' })
  }
  t.match(await rows(app, 'authors'), [{ slug: 'adrian-ovalle', name: 'Adrian Ovalle' }])
})

t.test('writing authors needs the editor role: an author token gets 403', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertAuthor(app, 'adrian-ovalle')
  const author = await authHeader(app, 'author', id)
  for (const request of [
    { method: 'POST' as const, url: '/v1/admin/authors', payload: { name: 'x' } },
    { method: 'PATCH' as const, url: `/v1/admin/authors/${id}`, payload: { name: 'x' } },
    { method: 'DELETE' as const, url: `/v1/admin/authors/${id}` }
  ]) {
    const res = await app.inject({ ...request, headers: author })
    t.equal(res.statusCode, 403, request.method)
    t.match(res.headers['content-type'], PROBLEM)
    t.match(res.json(), { code: 'ROLE_TOO_WEAK' })
  }
  t.match(await rows(app, 'authors'), [{ slug: 'adrian-ovalle', name: 'Adrian Ovalle' }])
})

t.test('the repository tells whether an author id exists', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertAuthor(app, 'adrian-ovalle')
  const repository = app.store.read.authors
  t.equal(await repository.exists(id), true)
  t.equal(await repository.exists(id + 1), false)
})
