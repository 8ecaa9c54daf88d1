import t from 'tap'
import { eq } from 'drizzle-orm'
import { articles, sections } from '../../../src/db/schema.js'
import { authHeader, buildTestApp } from '../../helpers/app.js'
import { insertSection } from '../../helpers/fixtures.js'

t.test('sections are listed in tree order: each parent followed by its subsections by position', async (t) => {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  await insertSection(app, 'politics')
  app.db.update(sections).set({ position: 1 }).where(eq(sections.slug, 'politics')).run()
  const africa = await insertSection(app, 'africa', world)
  await insertSection(app, 'europe', world)
  app.db.update(sections).set({ position: 2 }).where(eq(sections.id, africa)).run()
  await insertSection(app, 'sahel', africa)
  const res = await app.inject({ url: '/v1/sections' })
  t.equal(res.statusCode, 200)
  t.same(res.json().data.map((s: { slug: string }) => s.slug), ['world', 'europe', 'africa', 'sahel', 'politics'])
  t.match(res.json().data[2], { slug: 'africa', parentId: world, position: 2 })
})

t.test('a section is read by slug with its parent and its children', async (t) => {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa', world)
  await insertSection(app, 'sahel', africa)
  const res = await app.inject({ url: '/v1/sections/africa' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { id: africa, slug: 'africa', parent: { id: world, slug: 'world', name: 'World' }, children: [{ slug: 'sahel' }] })
  t.equal((await app.inject({ url: '/v1/sections/world' })).json().parent, null)
})

t.test('an unknown section slug is a 404 problem', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/sections/atlantis' })
  t.equal(res.statusCode, 404)
  t.match(res.json(), { code: 'SECTION_NOT_FOUND' })
})

t.test('an admin creates a subsection with a slug made from its name', async (t) => {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  const res = await app.inject({ method: 'POST', url: '/v1/sections', headers: await authHeader(app, 'admin'), payload: { name: 'Asia & Pacific', parentId: world, description: 'From Delhi to Auckland.' } })
  t.equal(res.statusCode, 201)
  t.match(res.json(), { slug: 'asia-pacific', parentId: world, parent: { slug: 'world' }, children: [], position: 0 })
  t.match(app.db.select().from(sections).where(eq(sections.slug, 'asia-pacific')).get(), { parentId: world, description: 'From Delhi to Auckland.' })
})

t.test('a parent that does not exist answers 422 and stores nothing', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/v1/sections', headers: await authHeader(app, 'admin'), payload: { name: 'Orphan', parentId: 42 } })
  t.equal(res.statusCode, 422)
  t.match(res.json(), { code: 'PARENT_SECTION_NOT_FOUND', errors: [{ path: '/body/parentId' }] })
  t.equal(app.db.select().from(sections).all().length, 0)
})

t.test('a taken slug answers 409', async (t) => {
  const app = await buildTestApp(t)
  await insertSection(app, 'world')
  const res = await app.inject({ method: 'POST', url: '/v1/sections', headers: await authHeader(app, 'admin'), payload: { name: 'World', slug: 'world' } })
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'SLUG_TAKEN' })
})

t.test('invalid sections are refused field by field', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  for (const [payload, path] of [
    [{}, '/body/name'],
    [{ name: 'x'.repeat(101) }, '/body/name'],
    [{ name: 'Asia', slug: 'Asia Pacific' }, '/body/slug'],
    [{ name: 'Asia', position: -1 }, '/body/position'],
    [{ name: 'Asia', parentId: 'world' }, '/body/parentId'],
    [{ name: 'Asia', colour: 'red' }, '/body/colour']
  ] as const) {
    const res = await app.inject({ method: 'POST', url: '/v1/sections', headers: admin, payload })
    t.equal(res.statusCode, 400, JSON.stringify(payload))
    t.ok(res.json().errors.some((e: { path: string }) => e.path.startsWith(path)), path)
  }
  t.equal(app.db.select().from(sections).all().length, 0)
})

t.test('an admin renames and moves a section, and can make it top-level again', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const world = await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa')
  const moved = await app.inject({ method: 'PATCH', url: `/v1/sections/${africa}`, headers: admin, payload: { name: 'Africa news', parentId: world, position: 3 } })
  t.equal(moved.statusCode, 200)
  t.match(moved.json(), { name: 'Africa news', slug: 'africa', parentId: world, position: 3 })
  const top = await app.inject({ method: 'PATCH', url: `/v1/sections/${africa}`, headers: admin, payload: { parentId: null } })
  t.equal(top.json().parentId, null)
  t.equal(app.db.select().from(sections).where(eq(sections.id, africa)).get()?.parentId, null)
})

t.test('a section cannot move under itself or its own subsection', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const world = await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa', world)
  const sahel = await insertSection(app, 'sahel', africa)
  for (const parentId of [world, sahel]) {
    const res = await app.inject({ method: 'PATCH', url: `/v1/sections/${world}`, headers: admin, payload: { parentId } })
    t.equal(res.statusCode, 409)
    t.match(res.json(), { code: 'SECTION_CYCLE' })
  }
  t.equal(app.db.select().from(sections).where(eq(sections.id, world)).get()?.parentId, null)
})

t.test('updating an unknown section is a 404, and renaming to a taken slug a 409', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  await insertSection(app, 'world')
  const africa = await insertSection(app, 'africa')
  t.equal((await app.inject({ method: 'PATCH', url: '/v1/sections/99', headers: admin, payload: { name: 'x' } })).statusCode, 404)
  t.equal((await app.inject({ method: 'PATCH', url: `/v1/sections/${africa}`, headers: admin, payload: { slug: 'world' } })).statusCode, 409)
})

t.test('deleting an unused leaf section answers 204, then 404', async (t) => {
  const app = await buildTestApp(t)
  const admin = await authHeader(app, 'admin')
  const id = await insertSection(app, 'world')
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/sections/${id}`, headers: admin })).statusCode, 204)
  t.equal(app.db.select().from(sections).all().length, 0)
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/sections/${id}`, headers: admin })).statusCode, 404)
})

t.test('deleting a section that articles use answers 409 with how many', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertSection(app, 'world')
  for (const slug of ['one', 'two']) {
    app.db.insert(articles).values({ slug, headline: slug, body: [], bodyHtml: '', bodyText: '', wordCount: 0, readingTime: 1, sectionId: id }).run()
  }
  const res = await app.inject({ method: 'DELETE', url: `/v1/sections/${id}`, headers: await authHeader(app, 'admin') })
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'SECTION_IN_USE', detail: 'Section "world" is used by 2 articles; move them to another section first.' })
  t.equal(app.db.select().from(sections).all().length, 1)
})

t.test('deleting a section with subsections answers 409', async (t) => {
  const app = await buildTestApp(t)
  const world = await insertSection(app, 'world')
  await insertSection(app, 'africa', world)
  const res = await app.inject({ method: 'DELETE', url: `/v1/sections/${world}`, headers: await authHeader(app, 'admin') })
  t.equal(res.statusCode, 409)
  t.match(res.json(), { code: 'SECTION_HAS_CHILDREN', detail: /1 subsection;/ })
})

t.test('only admins write sections', async (t) => {
  const app = await buildTestApp(t)
  const id = await insertSection(app, 'world')
  t.equal((await app.inject({ method: 'POST', url: '/v1/sections', payload: { name: 'x' } })).statusCode, 401)
  const editor = await authHeader(app, 'editor')
  for (const request of [
    { method: 'POST' as const, url: '/v1/sections', payload: { name: 'x' } },
    { method: 'PATCH' as const, url: `/v1/sections/${id}`, payload: { name: 'x' } },
    { method: 'DELETE' as const, url: `/v1/sections/${id}` }
  ]) {
    const res = await app.inject({ ...request, headers: editor })
    t.equal(res.statusCode, 403, request.method)
    t.match(res.json(), { code: 'ROLE_TOO_WEAK' })
  }
  t.match(app.db.select().from(sections).all(), [{ slug: 'world', name: 'World' }])
})
