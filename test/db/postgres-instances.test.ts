// Several instances of the service on one PostgreSQL database, as a newsroom runs them behind a load balancer: each
// has its own pool, and the database alone keeps them from stepping on each other.
import t, { type Test } from 'tap'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.js'
import { createArticlesService } from '../../src/modules/articles/articles.service.js'
import { authHeader, TEST_CONFIG, TEST_ENGINE } from '../helpers/app.js'
import { insertRows, rows } from '../helpers/db.js'
import { insertAuthor, insertSection, SIMPLE_BODY } from '../helpers/fixtures.js'
import { useTestDatabase } from '../helpers/postgres.js'

const skip = TEST_ENGINE !== 'postgres' && 'PostgreSQL only: runs in the PostgreSQL half of the suite (npm run test:postgres)'

async function twoInstances (t: Test): Promise<[FastifyInstance, FastifyInstance]> {
  const database = await useTestDatabase()
  t.teardown(database.release)
  const start = async () => {
    const app = await buildApp({ ...TEST_CONFIG, databaseUrl: database.url })
    t.teardown(() => app.close())
    return app
  }
  return [await start(), await start()]
}

t.test('two instances starting together on a new database both start, and seed the demo once', { skip }, async (t) => {
  const database = await useTestDatabase()
  t.teardown(database.release)
  const apps = await Promise.all([1, 2].map(() => buildApp({ ...TEST_CONFIG, databaseUrl: database.url, seedDemo: true })))
  for (const app of apps) t.teardown(() => app.close())
  t.equal((await rows(apps[0] as FastifyInstance, 'sections')).length, 13)
  t.equal((await apps[1]?.inject({ url: '/v1/sections/world' }))?.statusCode, 200)
})

t.test('the schedulers of two instances publish each of 120 due articles exactly once', { skip }, async (t) => {
  const [one, two] = await twoInstances(t)
  const sectionId = await insertSection(one)
  const due = '2026-03-01T06:00:00.000Z'
  const stored = await insertRows(one, 'articles', Array.from({ length: 120 }, (_, n) => ({
    slug: `due-${n}`,
    headline: `Due ${n}`,
    body: [...SIMPLE_BODY],
    bodyHtml: '<p>Text.</p>',
    bodyText: 'Text.',
    wordCount: 1,
    readingTime: 1,
    sectionId,
    status: 'scheduled' as const,
    scheduledAt: due
  })))
  const publishAll = async (app: FastifyInstance) => {
    const articles = createArticlesService(app.store)
    const published: number[] = []
    for (;;) {
      const batch = await articles.publishDue(new Date('2026-03-01T07:00:00.000Z'), 5)
      published.push(...batch.map((article) => article.id))
      if (batch.length === 0) return published
    }
  }
  const [byOne, byTwo] = await Promise.all([publishAll(one), publishAll(two)])
  t.ok(byOne.length > 0 && byTwo.length > 0, `both took part (${byOne.length} and ${byTwo.length})`)
  t.same([...byOne, ...byTwo].sort((a, b) => a - b), stored.map((article) => article.id), 'every article once, none twice')
  const revisions = await rows(one, 'articleRevisions')
  t.equal(revisions.length, 120, 'one revision per publication')
})

t.test('the same If-Match sent to two instances at once has exactly one winner', { skip }, async (t) => {
  const [one, two] = await twoInstances(t)
  const editor = await authHeader(one, 'editor')
  const sectionId = await insertSection(one)
  const created = await one.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: { headline: 'Fishermen return', body: SIMPLE_BODY, sectionId } })
  const id = created.json().id as number
  const saves = await Promise.all(Array.from({ length: 8 }, (_, n) => (n % 2 === 0 ? one : two).inject({
    method: 'PATCH', url: `/v1/admin/articles/${id}`, headers: { ...editor, 'if-match': '"1"' }, payload: { headline: `Headline ${n}` }
  })))
  t.same(saves.map((res) => res.statusCode).sort(), [200, 412, 412, 412, 412, 412, 412, 412])
  const [article] = await rows(one, 'articles', { id })
  t.equal(article?.version, 2)
  t.equal(article?.headline, saves.find((res) => res.statusCode === 200)?.json().headline)
})

t.test('two instances creating the same names at once: free slugs when none is given, one 409 per slug given', { skip }, async (t) => {
  const [one, two] = await twoInstances(t)
  const editor = await authHeader(one, 'editor')
  const admin = await authHeader(one, 'admin')
  const sectionId = await insertSection(one)
  const authorId = await insertAuthor(one)
  const post = (app: FastifyInstance, url: string, payload: Record<string, unknown>, headers = editor) => app.inject({ method: 'POST', url, headers, payload })
  const both = (send: (app: FastifyInstance) => Promise<LightMyRequestResponse>) => Promise.all([one, two, one, two, one, two].map(send))

  const tags = await both((app) => post(app, '/v1/admin/tags', { name: 'Drought' }))
  const sections = await both((app) => post(app, '/v1/admin/sections', { name: 'Letters' }, admin))
  const authors = await both((app) => post(app, '/v1/admin/authors', { name: 'Ada Obi' }))
  const articles = await both((app) => post(app, '/v1/admin/articles', { headline: 'Rains return', body: SIMPLE_BODY, sectionId, authorIds: [authorId] }))
  for (const [what, answers] of Object.entries({ tags, sections, authors, articles })) {
    t.same(answers.map((res) => res.statusCode), [201, 201, 201, 201, 201, 201], `${what}: every one created`)
    const slugs = answers.map((res) => res.json().slug as string)
    t.equal(new Set(slugs).size, 6, `${what}: six different slugs`)
  }

  const given = await both((app) => post(app, '/v1/admin/tags', { name: 'Floods', slug: 'floods' }))
  t.same(given.map((res) => res.statusCode).sort(), [201, 409, 409, 409, 409, 409])
  t.same(given.filter((res) => res.statusCode === 409).map((res) => res.json().code), Array(5).fill('SLUG_TAKEN'))
})

t.test('editors on two instances writing one article at once never get a 5xx, and PATCH without If-Match never 412', { skip }, async (t) => {
  const [one, two] = await twoInstances(t)
  const editor = await authHeader(one, 'editor')
  const sectionId = await insertSection(one)
  const create = async (status: string) => (await one.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: { headline: 'Fishermen return', body: SIMPLE_BODY, sectionId, status } })).json()
  const draft = await create('draft')
  const published = await create('published')
  // A number of rounds, not a time: on a loaded machine a time-boxed run proves less, not something else.
  const ROUNDS = 12
  const loop = async (step: (round: number) => Promise<LightMyRequestResponse[]>) => {
    const answers: Array<{ label: string, status: number }> = []
    for (let round = 0; round < ROUNDS; round++) {
      for (const res of await step(round)) answers.push({ label: `${res.raw.req.method} ${res.raw.req.url}`, status: res.statusCode })
    }
    return answers
  }
  const answers = (await Promise.all([
    ...[one, two, one, two].map((app, writer) => loop(async (round) => [
      await app.inject({ method: 'PATCH', url: `/v1/admin/articles/${draft.id}`, headers: editor, payload: { subtitle: `Writer ${writer}, round ${round}` } })
    ])),
    loop(async (round) => [
      await two.inject({ method: 'POST', url: `/v1/admin/articles/${published.id}/corrections`, headers: editor, payload: { kind: 'correction', text: `Fix ${round}.` } }),
      await one.inject({ method: 'POST', url: `/v1/admin/articles/${published.id}/withdraw`, headers: editor, payload: { reason: 'Under review.' } }),
      await two.inject({ method: 'DELETE', url: `/v1/admin/articles/${published.id}/withdrawal`, headers: editor })
    ])
  ])).flat()
  t.equal(answers.length, ROUNDS * 7, 'four writers patching and one correcting, withdrawing and reinstating, all at once')
  t.same(answers.filter((answer) => answer.status >= 300), [], 'every write went through')
})
