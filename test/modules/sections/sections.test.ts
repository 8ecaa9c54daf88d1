import t, { type Test } from 'tap'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createSectionsService } from '../../../src/modules/sections/sections.service.js'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { row, rows, updateRows } from '../../helpers/db.js'
import { insertStoredArticle } from '../../helpers/fixtures.js'

/** A section made through the service the API uses; its name is the slug, capitalised. */
async function addSection (app: FastifyInstance, slug: string, parentId: number | null = null, position = 0): Promise<number> {
  const name = slug[0]?.toUpperCase() + slug.slice(1)
  return (await createSectionsService(app.store).create({ name, slug, parentId, position })).id
}

const section = (app: FastifyInstance, id: number) => row(app, 'sections', { id })
const slugs = async (app: FastifyInstance) => (await rows(app, 'sections')).map((s) => s.slug)

function isProblem (t: Test, res: LightMyRequestResponse, status: number, code: string) {
  t.equal(res.statusCode, status)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { status, code })
}

interface Node { slug: string, children: Node[] }
const shape = (nodes: Node[]): unknown[] => nodes.map((node) => node.children.length === 0 ? node.slug : { [node.slug]: shape(node.children) })

t.test('sections are listed as a tree: roots by position then name, each with its subsections nested in the same order', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  await addSection(app, 'politics', null, 1)
  const africa = await addSection(app, 'africa', world, 2)
  await addSection(app, 'europe', world)
  await addSection(app, 'business')
  await addSection(app, 'sahel', africa)
  await addSection(app, 'maghreb', africa)
  const res = await app.inject({ url: '/v1/sections' })
  t.equal(res.statusCode, 200)
  t.same(shape(res.json().data), ['business', { world: ['europe', { africa: ['maghreb', 'sahel'] }] }, 'politics'])
})

t.test('every node of the tree carries the section\'s fields and its children', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world, 2)
  const res = await app.inject({ url: '/v1/sections' })
  t.same(Object.keys(res.json().data[0]).sort(), ['children', 'createdAt', 'description', 'id', 'name', 'parentId', 'position', 'repliesAutoApprove', 'slug', 'updatedAt', 'url'])
  t.match(res.json().data[0].children[0], {
    id: africa, slug: 'africa', name: 'Africa', description: '', parentId: world, position: 2, createdAt: String, updatedAt: String, children: []
  })
})

t.test('the tree follows a section that moves to another parent', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  const sahel = await addSection(app, 'sahel', world)
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${sahel}`, headers: await authHeader(app, 'admin'), payload: { parentId: africa } })
  t.equal(res.statusCode, 200)
  t.same(shape((await app.inject({ url: '/v1/sections' })).json().data), [{ world: [{ africa: ['sahel'] }] }])
})

t.test('the list of an empty site is empty', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/sections' })
  t.same(res.json(), { data: [] })
})

t.test('a section is read by slug with its parent and its subsections in position order', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  await addSection(app, 'sahel', africa, 2)
  await addSection(app, 'maghreb', africa, 1)
  const res = await app.inject({ url: '/v1/sections/africa' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id: africa, slug: 'africa', parentId: world, parent: { id: world, slug: 'world', name: 'World' } })
  t.same(res.json().children.map((c: { slug: string }) => c.slug), ['maghreb', 'sahel'])
})

t.test('a top-level section has a null parent and a breadcrumb of itself', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const res = await app.inject({ url: '/v1/sections/world' })
  t.match(res.json(), { parentId: null, parent: null, children: [], articleCount: 0 })
  t.same(res.json().breadcrumb, [{ id: world, slug: 'world', name: 'World', url: 'https://www.news.test/world' }])
})

t.test('the breadcrumb runs from the top-level section down to the section itself', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  const sahel = await addSection(app, 'sahel', africa)
  await addSection(app, 'mali', sahel)
  const res = await app.inject({ url: '/v1/sections/sahel' })
  t.same(res.json().breadcrumb, [
    { id: world, slug: 'world', name: 'World', url: 'https://www.news.test/world' },
    { id: africa, slug: 'africa', name: 'Africa', url: 'https://www.news.test/africa' },
    { id: sahel, slug: 'sahel', name: 'Sahel', url: 'https://www.news.test/sahel' }
  ])
  t.same(res.json().parent, { id: africa, slug: 'africa', name: 'Africa', url: 'https://www.news.test/africa' })
})

t.test('the breadcrumb follows a move to another parent', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  const sahel = await addSection(app, 'sahel', world)
  await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${sahel}`, headers: await authHeader(app, 'admin'), payload: { parentId: africa } })
  const res = await app.inject({ url: '/v1/sections/sahel' })
  t.same(res.json().breadcrumb.map((s: { slug: string }) => s.slug), ['world', 'africa', 'sahel'])
})

t.test('a loop written into the database by hand still gives a finite breadcrumb and count', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  await updateRows(app, 'sections', { parentId: africa }, { id: world })
  await insertStoredArticle(app, 'in-world', { sectionId: world, state: 'published' })
  const res = await app.inject({ url: '/v1/sections/africa' })
  t.equal(res.statusCode, 200)
  t.same(res.json().breadcrumb.map((s: { slug: string }) => s.slug), ['world', 'africa'])
  t.equal(res.json().articleCount, 1)
})

t.test('the article count of a section includes the public articles of all its subsections, and nothing above or beside it', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  const sahel = await addSection(app, 'sahel', africa)
  const europe = await addSection(app, 'europe', world)
  await insertStoredArticle(app, 'in-world', { sectionId: world, state: 'published' })
  await insertStoredArticle(app, 'in-africa', { sectionId: africa, state: 'published' })
  await insertStoredArticle(app, 'in-sahel-1', { sectionId: sahel, state: 'published' })
  await insertStoredArticle(app, 'in-sahel-2', { sectionId: sahel, state: 'published' })
  await insertStoredArticle(app, 'in-europe', { sectionId: europe, state: 'published' })
  const counts: Record<string, number> = {}
  for (const slug of ['world', 'africa', 'sahel', 'europe']) counts[slug] = (await app.inject({ url: `/v1/sections/${slug}` })).json().articleCount
  t.same(counts, { world: 5, africa: 3, sahel: 2, europe: 1 })
})

t.test('drafts, scheduled, archived and withdrawn articles are not counted in a section', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  await insertStoredArticle(app, 'public', { sectionId: africa, state: 'published' })
  await insertStoredArticle(app, 'draft', { sectionId: africa, state: 'draft' })
  await insertStoredArticle(app, 'scheduled', { sectionId: africa, state: 'scheduled' })
  await insertStoredArticle(app, 'archived', { sectionId: world, state: 'archived' })
  await insertStoredArticle(app, 'withdrawn', { sectionId: world, state: 'withdrawn' })
  t.equal((await app.inject({ url: '/v1/sections/world' })).json().articleCount, 1)
  t.equal((await app.inject({ url: '/v1/sections/africa' })).json().articleCount, 1)
})

t.test('the section of the demo site reads with its breadcrumb, subsections and published articles', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const res = await app.inject({ url: '/v1/sections/world' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { slug: 'world', breadcrumb: [{ slug: 'world' }], parent: null })
  t.ok(res.json().children.length > 0)
  t.ok(res.json().articleCount > 0)
})

t.test('an unknown section slug is a 404 problem', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/sections/atlantis' })
  isProblem(t, res, 404, 'SECTION_NOT_FOUND')
  t.match(res.json(), { detail: 'No section was found for "atlantis".' })
})

t.test('a slug that breaks the pattern is a 400, not a lookup', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/sections/World_News' })
  isProblem(t, res, 400, 'VALIDATION_FAILED')
  t.match(res.json(), { errors: [{ path: '/params/slug' }] })
})

t.test('an admin creates a subsection with a slug made from its name', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const res = await app.inject({ method: 'POST', url: '/v1/admin/sections', headers: await authHeader(app, 'admin'), payload: { name: 'Asia & Pacific', parentId: world, description: 'From Delhi to Auckland.' } })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { slug: 'asia-pacific', name: 'Asia & Pacific', parentId: world, parent: { slug: 'world' }, children: [], position: 0 })
  t.match(await section(app, res.json().id), { slug: 'asia-pacific', parentId: world, description: 'From Delhi to Auckland.', position: 0 })
})

t.test('an admin creates a top-level section with its own slug and position', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/sections', headers: await authHeader(app, 'admin'), payload: { name: 'Science & Health', slug: 'science', position: 7 } })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { slug: 'science', parentId: null, parent: null, position: 7, description: '' })
  t.match(await section(app, res.json().id), { slug: 'science', name: 'Science & Health', position: 7 })
})

t.test('a generated slug that is taken gets a number', async (t) => {
  const app = await buildTestApp(t)
  await addSection(app, 'world')
  const res = await app.inject({ method: 'POST', url: '/v1/admin/sections', headers: await authHeader(app, 'admin'), payload: { name: 'World' } })
  t.equal(res.statusCode, 201)
  t.equal(res.json().slug, 'world-2')
  t.same(await slugs(app), ['world', 'world-2'])
})

t.test('a given slug that is taken answers 409 SLUG_TAKEN and stores nothing', async (t) => {
  const app = await buildTestApp(t)
  await addSection(app, 'world')
  const res = await app.inject({ method: 'POST', url: '/v1/admin/sections', headers: await authHeader(app, 'admin'), payload: { name: 'World news', slug: 'world' } })
  isProblem(t, res, 409, 'SLUG_TAKEN')
  t.same(await slugs(app), ['world'])
})

t.test('creating under a parent that does not exist answers 422 on /body/parentId and stores nothing', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/admin/sections', headers: await authHeader(app, 'admin'), payload: { name: 'Orphan', parentId: 42 } })
  isProblem(t, res, 422, 'PARENT_SECTION_NOT_FOUND')
  t.match(res.json(), { errors: [{ path: '/body/parentId' }] })
  t.same(await slugs(app), [])
})

t.test('invalid new sections are refused field by field', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  for (const [payload, path] of [
    [{}, '/body/name'],
    [{ name: '' }, '/body/name'],
    [{ name: 'x'.repeat(101) }, '/body/name'],
    [{ name: 'Asia', slug: 'Asia Pacific' }, '/body/slug'],
    [{ name: 'Asia', description: 'x'.repeat(1001) }, '/body/description'],
    [{ name: 'Asia', position: -1 }, '/body/position'],
    [{ name: 'Asia', position: 10001 }, '/body/position'],
    [{ name: 'Asia', parentId: 'world' }, '/body/parentId'],
    [{ name: 'Asia', colour: 'red' }, '/body/colour']
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/v1/admin/sections', headers: admin, payload })
    isProblem(t, res, 400, 'VALIDATION_FAILED')
    t.ok(res.json().errors.some((e: { path: string }) => e.path === path), `${JSON.stringify(payload).slice(0, 40)} fails on ${path}`)
  }
  t.same(await slugs(app), [])
})

t.test('an admin renames and moves a section', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa')
  await updateRows(app, 'sections', { updatedAt: '2020-01-01T00:00:00.000Z' }, { id: africa })
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${africa}`, headers: await authHeader(app, 'admin'), payload: { name: 'Africa news', parentId: world, position: 3 } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { name: 'Africa news', slug: 'africa', parentId: world, parent: { slug: 'world' }, position: 3 })
  t.match(await section(app, africa), { name: 'Africa news', slug: 'africa', parentId: world, position: 3, description: '' })
  t.not((await section(app, africa))?.updatedAt, '2020-01-01T00:00:00.000Z')
  t.equal(res.json().updatedAt, (await section(app, africa))?.updatedAt)
})

t.test('an admin changes the slug and description of a section and leaves the rest alone', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world, 4)
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${africa}`, headers: await authHeader(app, 'admin'), payload: { slug: 'africa-news', description: 'The continent.' } })
  t.equal(res.statusCode, 200)
  t.match(await section(app, africa), { slug: 'africa-news', description: 'The continent.', name: 'Africa', parentId: world, position: 4 })
})

t.test('a parentId of null makes a subsection top-level', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${africa}`, headers: await authHeader(app, 'admin'), payload: { parentId: null } })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { parentId: null, parent: null })
  t.equal((await section(app, africa))?.parentId, null)
})

t.test('a section cannot move under itself', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${world}`, headers: await authHeader(app, 'admin'), payload: { parentId: world } })
  isProblem(t, res, 409, 'SECTION_CYCLE')
  t.match(res.json(), { detail: 'Section "world" cannot move under itself.' })
  t.equal((await section(app, world))?.parentId, null)
})

t.test('a section cannot move under one of its own subsections', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  const sahel = await addSection(app, 'sahel', africa)
  for (const parentId of [africa, sahel]) {
    const res = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${world}`, headers: admin, payload: { parentId } })
    isProblem(t, res, 409, 'SECTION_CYCLE')
    t.match(res.json(), { detail: 'Section "world" cannot move under one of its own subsections.' })
  }
  t.equal((await section(app, world))?.parentId, null)
})

t.test('moving a section under a parent that does not exist answers 422', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${world}`, headers: await authHeader(app, 'admin'), payload: { parentId: 42 } })
  isProblem(t, res, 422, 'PARENT_SECTION_NOT_FOUND')
  t.match(res.json(), { errors: [{ path: '/body/parentId' }] })
  t.equal((await section(app, world))?.parentId, null)
})

t.test('changing a section to a slug another section has answers 409 and changes nothing', async (t) => {
  const app = await buildTestApp(t)
  await addSection(app, 'world')
  const africa = await addSection(app, 'africa')
  const res = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${africa}`, headers: await authHeader(app, 'admin'), payload: { slug: 'world', name: 'World' } })
  isProblem(t, res, 409, 'SLUG_TAKEN')
  t.match(await section(app, africa), { slug: 'africa', name: 'Africa' })
})

t.test('updating an unknown section is a 404', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'PATCH', url: '/v1/admin/sections/99', headers: await authHeader(app, 'admin'), payload: { name: 'Nowhere' } })
  isProblem(t, res, 404, 'SECTION_NOT_FOUND')
})

t.test('invalid updates are refused: empty, unknown field, bad slug, non-numeric id', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const world = await addSection(app, 'world')
  for (const [url, payload, path] of [
    [`/v1/admin/sections/${world}`, {}, '/body'],
    [`/v1/admin/sections/${world}`, { colour: 'red' }, '/body/colour'],
    [`/v1/admin/sections/${world}`, { slug: '-world-' }, '/body/slug'],
    [`/v1/admin/sections/${world}`, { name: 'x'.repeat(101) }, '/body/name'],
    ['/v1/admin/sections/world', { name: 'World' }, '/params/id'],
    ['/v1/admin/sections/0', { name: 'World' }, '/params/id']
  ] as const) {
    const res = await app.inject({ method: 'PATCH', url, headers: admin, payload })
    isProblem(t, res, 400, 'VALIDATION_FAILED')
    t.ok(res.json().errors.some((e: { path: string }) => e.path === path), `${url} ${JSON.stringify(payload).slice(0, 40)} fails on ${path}`)
  }
  t.match(await section(app, world), { slug: 'world', name: 'World' })
})

t.test('deleting an unused leaf section answers 204, then 404', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const world = await addSection(app, 'world')
  const africa = await addSection(app, 'africa', world)
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/sections/${africa}`, headers: admin })
  t.equal(res.statusCode, 204)
  t.equal(res.body, '')
  t.same(await slugs(app), ['world'])
  isProblem(t, await app.inject({ method: 'DELETE', url: `/v1/admin/sections/${africa}`, headers: admin }), 404, 'SECTION_NOT_FOUND')
})

t.test('deleting with a non-numeric id is a 400', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'DELETE', url: '/v1/admin/sections/world', headers: await authHeader(app, 'admin') })
  isProblem(t, res, 400, 'VALIDATION_FAILED')
  t.match(res.json(), { errors: [{ path: '/params/id' }] })
})

t.test('deleting a section that articles use answers 409 with how many', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  for (const slug of ['one', 'two']) await insertStoredArticle(app, slug, { sectionId: world, state: 'draft' })
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/sections/${world}`, headers: await authHeader(app, 'admin') })
  isProblem(t, res, 409, 'SECTION_IN_USE')
  t.match(res.json(), { detail: 'Section "world" is used by 2 articles; move them to another section first.' })
  t.same(await slugs(app), ['world'])
})

t.test('deleting a section one article uses says so in the singular', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  await insertStoredArticle(app, 'one', { sectionId: world, state: 'draft' })
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/sections/${world}`, headers: await authHeader(app, 'admin') })
  t.match(res.json(), { code: 'SECTION_IN_USE', detail: 'Section "world" is used by 1 article; move it to another section first.' })
})

t.test('deleting a section with subsections answers 409 and keeps the tree', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  await addSection(app, 'africa', world)
  const res = await app.inject({ method: 'DELETE', url: `/v1/admin/sections/${world}`, headers: await authHeader(app, 'admin') })
  isProblem(t, res, 409, 'SECTION_HAS_CHILDREN')
  t.match(res.json(), { detail: 'Section "world" has 1 subsection; delete or move it first.' })
  t.same(await slugs(app), ['world', 'africa'])
})

t.test('writing sections without a token answers 401', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  for (const request of [
    { method: 'POST' as const, url: '/v1/admin/sections', payload: { name: 'Asia' } },
    { method: 'PATCH' as const, url: `/v1/admin/sections/${world}`, payload: { name: 'Asia' } },
    { method: 'DELETE' as const, url: `/v1/admin/sections/${world}` }
  ]) {
    const res = await app.inject(request)
    t.equal(res.statusCode, 401, request.method)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
  }
  t.match(await rows(app, 'sections'), [{ slug: 'world', name: 'World' }])
})

t.test('an editor may not write sections: only admins', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const editor = await authHeader(app, 'editor')
  for (const request of [
    { method: 'POST' as const, url: '/v1/admin/sections', payload: { name: 'Asia' } },
    { method: 'PATCH' as const, url: `/v1/admin/sections/${world}`, payload: { name: 'Asia' } },
    { method: 'DELETE' as const, url: `/v1/admin/sections/${world}` }
  ]) {
    isProblem(t, await app.inject({ ...request, headers: editor }), 403, 'ROLE_TOO_WEAK')
  }
  t.match(await rows(app, 'sections'), [{ slug: 'world', name: 'World' }])
})

t.test('the repository tells the articles module whether a section exists', async (t) => {
  const app = await buildTestApp(t)
  const world = await addSection(app, 'world')
  const repo = app.store.read.sections
  t.equal(await repo.exists(world), true)
  t.equal(await repo.exists(world + 1), false)
})

t.test('an admin lets a section auto-approve reader replies, and its articles\' replies are published at once', async (t) => {
  const app = await buildTestApp(t, { seedDemo: true })
  const admin = await authHeader(app, 'admin')
  const created = await app.inject({ method: 'POST', url: '/v1/admin/sections', headers: admin, payload: { name: 'Letters' } })
  t.equal(created.statusCode, 201)
  t.equal(created.json().repliesAutoApprove, false)
  const africa = (await app.inject({ url: '/v1/sections/africa' })).json()
  const changed = await app.inject({ method: 'PATCH', url: `/v1/admin/sections/${africa.id}`, headers: admin, payload: { repliesAutoApprove: true } })
  t.equal(changed.statusCode, 200)
  t.equal(changed.json().repliesAutoApprove, true)
  const reply = await app.inject({
    method: 'POST',
    url: '/v1/articles/lake-chad-fishermen-return-as-waters-rise/replies',
    payload: { authorName: 'Musa', authorEmail: 'musa@example.org', body: 'The water is back in Baga too.' }
  })
  t.equal(reply.statusCode, 202)
  t.equal(reply.json().status, 'approved')
})
