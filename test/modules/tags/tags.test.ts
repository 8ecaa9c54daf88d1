import t from 'tap'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import type { FastifyInstance } from 'fastify'
import { countRows, insertRow, insertRows, row, rows, updateRows } from '../../helpers/db.js'
import { insertAuthor, insertSection, insertStoredArticle, insertTag } from '../../helpers/fixtures.js'

/** Puts the tags on a public article: the public sees only tags that one carries. */
async function carryInPublic (app: FastifyInstance, tagIds: number[]): Promise<void> {
  await insertStoredArticle(app, 'carrier', { sectionId: await insertSection(app, 'carriers'), tagIds })
}

/** A tag on an embargoed article, a draft, a scheduled, an archived and a withdrawn one, and one on no article. */
async function tagsOfUnpublishedWork (app: FastifyInstance): Promise<string[]> {
  const sectionId = await insertSection(app, 'unpublished')
  const slugs: string[] = []
  for (const state of ['embargoed', 'draft', 'scheduled', 'archived', 'withdrawn', 'bare'] as const) {
    const slug = `${state}-scoop`
    const tagId = await insertTag(app, slug)
    slugs.push(slug)
    if (state === 'bare') continue
    const articleId = await insertStoredArticle(app, slug, { sectionId, tagIds: [tagId], state: state === 'embargoed' ? 'published' : state })
    if (state === 'embargoed') await updateRows(app, 'articles', { embargoedUntil: '2099-01-01T00:00:00.000Z' }, { id: articleId })
  }
  return slugs
}

t.test('an editor creates a tag with a slug made from its name', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: await authHeader(app, 'editor'), payload: { name: 'Élections' } })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { slug: 'elections', name: 'Élections' })
  t.match(await row(app, 'tags', { slug: 'elections' }), { name: 'Élections' })
})

t.test('the public reads a tag by slug', async (t) => {
  const app = await buildTestApp(t)
  await carryInPublic(app, [await insertTag(app, 'climate')])
  const res = await app.inject({ url: '/v1/tags/climate' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id: 1, slug: 'climate', name: 'climate', articleCount: 1 })
})

t.test('the page of a tag that only unpublished work carries is a 404, as for an unknown tag', async (t) => {
  const app = await buildTestApp(t)
  for (const slug of await tagsOfUnpublishedWork(app)) {
    const res = await app.inject({ url: `/v1/tags/${slug}` })
    t.equal(res.statusCode, 404, slug)
    t.match(res.json(), { code: 'TAG_NOT_FOUND', detail: `No tag was found for "${slug}".` })
  }
})

t.test('the tag list and its total leave out the tags that only unpublished work carries', async (t) => {
  const app = await buildTestApp(t)
  await tagsOfUnpublishedWork(app)
  await carryInPublic(app, [await insertTag(app, 'climate')])
  const res = await app.inject({ url: '/v1/tags?total=true' })
  t.same(res.json().data.map((tag: { slug: string }) => tag.slug), ['climate'])
  t.equal(res.json().meta.total, 1)
})

t.test('a tag joins the list when its first article is published, and leaves it when its last is unpublished', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const tagId = await insertTag(app, 'acme-merger')
  const draft = await insertStoredArticle(app, 'acme-merger', { sectionId: await insertSection(app, 'business'), tagIds: [tagId], state: 'draft' })
  const listed = async () => (await app.inject({ url: '/v1/tags' })).json().data.map((tag: { slug: string }) => tag.slug)
  t.same(await listed(), [])
  t.equal((await app.inject({ method: 'POST', url: `/v1/admin/articles/${draft}/publish`, headers: editor, payload: {} })).statusCode, 200)
  t.same(await listed(), ['acme-merger'])
  t.equal((await app.inject({ method: 'POST', url: `/v1/admin/articles/${draft}/unpublish`, headers: editor, payload: {} })).statusCode, 200)
  t.same(await listed(), [])
})

t.test('writers list every tag for their tag picker, those only unpublished work carries included', async (t) => {
  const app = await buildTestApp(t)
  const unpublished = await tagsOfUnpublishedWork(app)
  await carryInPublic(app, [await insertTag(app, 'climate')])
  const contributor = await authHeader(app, 'contributor', await insertAuthor(app))
  const first = await app.inject({ url: '/v1/admin/tags?limit=4&total=true', headers: contributor })
  t.equal(first.statusCode, 200)
  t.equal(first.headers['cache-control'], 'private, no-store')
  t.equal(first.json().meta.total, unpublished.length + 1)
  const second = await app.inject({ url: `/v1/admin/tags?limit=4&cursor=${first.json().meta.nextCursor}`, headers: contributor })
  const slugs = [...first.json().data, ...second.json().data].map((tag: { slug: string }) => tag.slug)
  t.same(slugs, [...unpublished, 'climate'].sort())
})

t.test('the list of every tag needs a writer\'s token', async (t) => {
  const app = await buildTestApp(t)
  t.equal((await app.inject({ url: '/v1/admin/tags' })).statusCode, 401)
  t.equal((await app.inject({ url: '/v1/admin/tags', headers: await authHeader(app, 'partner') })).statusCode, 403)
})

t.test('a tag page counts the public articles that carry the tag, and no others', async (t) => {
  const app = await buildTestApp(t)
  const sectionId = await insertSection(app, 'world')
  const climate = await insertTag(app, 'climate')
  const water = await insertTag(app, 'water')
  await insertStoredArticle(app, 'both', { sectionId, tagIds: [water, climate] })
  await insertStoredArticle(app, 'climate-only', { sectionId, tagIds: [climate] })
  await insertStoredArticle(app, 'water-only', { sectionId, tagIds: [water] })
  await insertStoredArticle(app, 'untagged', { sectionId, tagIds: [] })
  t.equal((await app.inject({ url: '/v1/tags/climate' })).json().articleCount, 2)
  t.equal((await app.inject({ url: '/v1/tags/water' })).json().articleCount, 2)
})

t.test('drafts, scheduled, archived and withdrawn articles are not counted on a tag page', async (t) => {
  const app = await buildTestApp(t)
  const sectionId = await insertSection(app, 'world')
  const climate = await insertTag(app, 'climate')
  await insertStoredArticle(app, 'public', { sectionId, tagIds: [climate] })
  for (const state of ['draft', 'scheduled', 'archived', 'withdrawn'] as const) await insertStoredArticle(app, state, { sectionId, tagIds: [climate], state })
  t.equal((await app.inject({ url: '/v1/tags/climate' })).json().articleCount, 1)
})

t.test('writes answer the tag without an article count', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: await authHeader(app, 'editor'), payload: { name: 'Climate' } })
  t.equal(res.statusCode, 201)
  t.notOk('articleCount' in res.json())
})

t.test('an unknown tag slug is a 404 problem', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/tags/nothing-here' })
  t.equal(res.statusCode, 404)
  t.match(res.json(), { code: 'TAG_NOT_FOUND', detail: 'No tag was found for "nothing-here".' })
})

t.test('tags are listed alphabetically, a page at a time', async (t) => {
  const app = await buildTestApp(t)
  const ids: number[] = []
  for (const slug of ['water', 'agriculture', 'energy', 'climate', 'migration']) ids.push(await insertTag(app, slug))
  await carryInPublic(app, ids)
  const first = await app.inject({ url: '/v1/tags?limit=3' })
  t.same(first.json().data.map((tag: { slug: string }) => tag.slug), ['agriculture', 'climate', 'energy'])
  const cursor = first.json().meta.nextCursor
  t.equal(first.headers.link, `<http://news.test/v1/tags?limit=3&cursor=${cursor}>; rel="next"`)
  const second = await app.inject({ url: `/v1/tags?limit=3&cursor=${cursor}` })
  t.same(second.json().data.map((tag: { slug: string }) => tag.slug), ['migration', 'water'])
  t.equal(second.json().meta.nextCursor, null)
})

t.test('tags with the same name are paged by id without loss or repetition', async (t) => {
  const app = await buildTestApp(t)
  const ids: number[] = []
  for (const slug of ['a-one', 'a-two', 'a-three']) ids.push((await insertRow(app, 'tags', { slug, name: 'Same' })).id)
  await carryInPublic(app, ids)
  const first = await app.inject({ url: '/v1/tags?limit=2' })
  const second = await app.inject({ url: `/v1/tags?limit=2&cursor=${first.json().meta.nextCursor}` })
  t.same([...first.json().data, ...second.json().data].map((tag: { id: number }) => tag.id), [1, 2, 3])
  t.equal(second.json().meta.nextCursor, null)
})

t.test('a cursor the API did not issue is a 400 problem', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/tags?cursor=not-a-cursor' })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { code: 'INVALID_CURSOR' })
})

t.test('a given slug that is taken answers 409 SLUG_TAKEN', async (t) => {
  const app = await buildTestApp(t)
  await insertTag(app, 'climate')
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: await authHeader(app, 'editor'), payload: { name: 'Climate', slug: 'climate' } })
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'SLUG_TAKEN' })
  t.equal(await countRows(app, 'tags'), 1)
})

t.test('a generated slug that is taken gets a number', async (t) => {
  const app = await buildTestApp(t)
  await insertTag(app, 'climate')
  const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: await authHeader(app, 'editor'), payload: { name: 'Climate' } })
  t.equal(res.json().slug, 'climate-2')
})

t.test('invalid tags are refused field by field', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  for (const [payload, path] of [
    [{}, '/body/name'],
    [{ name: '' }, '/body/name'],
    [{ name: 'x'.repeat(101) }, '/body/name'],
    [{ name: 'Climate', slug: 'Not A Slug' }, '/body/slug'],
    [{ name: 'Climate', slug: '2024' }, '/body/slug'],
    [{ name: 'Climate', colour: 'green' }, '/body/colour']
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/v1/admin/tags', headers: editor, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.match(res.json(), { code: 'VALIDATION_FAILED', errors: [{ path }] })
  }
  t.equal(await countRows(app, 'tags'), 0)
})

t.test('an editor renames a tag and changes its slug', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertTag(app, 'climate')
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/tags/${id}`, headers: await authHeader(app, 'editor'), payload: { name: 'Climate crisis', slug: 'climate-crisis' } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id, name: 'Climate crisis', slug: 'climate-crisis' })
  t.match(await row(app, 'tags', { id }), { name: 'Climate crisis', slug: 'climate-crisis' })
})

t.test('renaming to a slug in use answers 409, and an unknown id 404', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  await insertTag(app, 'climate')
  const id = await insertTag(app, 'water')
  const clash = await app.inject({ method: 'PATCH', url: `/v1/admin/tags/${id}`, headers: editor, payload: { slug: 'climate' } })
  t.equal(clash.statusCode, 409)
  const missing = await app.inject({ method: 'PATCH', url: '/v1/admin/tags/99', headers: editor, payload: { name: 'x' } })
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { code: 'TAG_NOT_FOUND' })
  const empty = await app.inject({ method: 'PATCH', url: `/v1/admin/tags/${id}`, headers: editor, payload: {} })
  t.equal(empty.statusCode, 400)
})

t.test('deleting a tag untags its articles and answers 204, then 404', async (t) => {
  const app = await buildTestApp(t)
  const editor = await authHeader(app, 'editor')
  const id = await insertTag(app, 'climate')
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/tags/${id}`, headers: editor })
  t.equal(res.statusCode, 204)
  t.equal(await countRows(app, 'tags'), 0)
  t.equal(await countRows(app, 'articleTags'), 0)
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/admin/tags/${id}`, headers: editor })).statusCode, 404)
})

t.test('writing tags needs an editor token', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertTag(app, 'climate')
  t.equal((await app.inject({ method: 'POST', url: '/v1/admin/tags', payload: { name: 'x' } })).statusCode, 401)
  const author = await authHeader(app, 'author', await insertAuthor(app))
  for (const request of [
    { method: 'POST' as const, url: '/v1/admin/tags', payload: { name: 'x' } },
    { method: 'PATCH' as const, url: `/v1/admin/tags/${id}`, payload: { name: 'x' } },
    { method: 'DELETE' as const, url: `/v1/admin/tags/${id}` }
  ]) {
    const res = await app.inject({ ...request, headers: author })
    t.equal(res.statusCode, 403, request.method)
  }
  t.match(await rows(app, 'tags'), [{ slug: 'climate', name: 'climate' }])
})

t.test('a list pages past a tag with the longest accented name its cursor can carry', async (t) => {
  const app = await buildTestApp(t)
  const inserted = await insertRows(app, 'tags', [
    { slug: 'accented', name: 'é'.repeat(100) },
    { slug: 'after-it', name: 'ê'.repeat(100) },
    { slug: 'last-one', name: 'ë'.repeat(100) }
  ])
  await carryInPublic(app, inserted.map((tag) => tag.id))
  const first = await app.inject({ url: '/v1/tags?limit=1' })
  const cursor = first.json().meta.nextCursor as string
  t.ok(cursor.length > 200, 'the cursor is longer than the old limit')
  const second = await app.inject({ url: `/v1/tags?limit=1&cursor=${cursor}` })
  t.equal(second.statusCode, 200)
  t.equal(second.json().data[0].slug, 'after-it')
})
