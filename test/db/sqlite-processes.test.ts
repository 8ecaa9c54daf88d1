// Two service processes on one SQLite file, as `npm start` twice or a CLI beside the service would run: writes
// from both at once wait for each other instead of failing.
import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { buildApp } from '../../src/app.js'
import { authHeader, TEST_CONFIG } from '../helpers/app.js'
import { nodeCommand } from '../helpers/compiled.js'
import { insertAuthor, insertSection, SIMPLE_BODY } from '../helpers/fixtures.js'

// A number of rounds, not a time: on a loaded machine a time-boxed run proves less, not something else.
const ROUNDS = 15

interface Outcome { label: string, status: number, body: string }

t.test('two processes writing one database file at once never answer 5xx, and PATCH without If-Match never 412', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'news-processes-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const databasePath = join(dir, 'news.db')
  const app = await buildApp({ ...TEST_CONFIG, databasePath })
  t.teardown(() => app.close())
  const first = await app.listen({ port: 0, host: '127.0.0.1' })

  const child = spawn(...await nodeCommand('test/fixtures/server-process.ts', [databasePath]), { stdio: ['pipe', 'pipe', 'inherit'] })
  t.teardown(() => { child.stdin.end() })
  const [second] = await once(createInterface({ input: child.stdout }), 'line') as [string]

  const editor = await authHeader(app, 'editor')
  const sectionId = await insertSection(app)
  const authorId = await insertAuthor(app)
  const article = { headline: 'Fishermen return to Lake Chad', body: SIMPLE_BODY, sectionId, authorIds: [authorId] }
  const send = async (base: string, label: string, method: string, path: string, payload?: unknown): Promise<Outcome> => {
    const res = payload === undefined
      ? await fetch(`${base}${path}`, { method, headers: editor })
      : await fetch(`${base}${path}`, { method, headers: { ...editor, 'content-type': 'application/json' }, body: JSON.stringify(payload) })
    return { label, status: res.status, body: await res.text() }
  }
  const draft = JSON.parse((await send(first, 'setup', 'POST', '/v1/admin/articles', article)).body)
  const published = JSON.parse((await send(first, 'setup', 'POST', '/v1/admin/articles', { ...article, status: 'published' })).body)

  const loop = async (step: (round: number) => Promise<Outcome[]>) => {
    const outcomes: Outcome[] = []
    for (let round = 0; round < ROUNDS; round++) outcomes.push(...await step(round))
    return outcomes
  }
  const results = (await Promise.all([
    // Four writers editing one draft through the first process.
    ...[1, 2, 3, 4].map((writer) => loop(async (round) => [
      await send(first, 'patch', 'PATCH', `/v1/admin/articles/${draft.id}`, { subtitle: `Writer ${writer}, round ${round}` })
    ])),
    // The editorial desk correcting, withdrawing and reinstating through the second.
    loop(async (round) => [
      await send(second, 'correction', 'POST', `/v1/admin/articles/${published.id}/corrections`, { kind: 'correction', text: `Fix ${round}.` }),
      await send(second, 'withdraw', 'POST', `/v1/admin/articles/${published.id}/withdraw`, { reason: 'Under review.' }),
      await send(second, 'reinstate', 'DELETE', `/v1/admin/articles/${published.id}/withdrawal`)
    ]),
    // Both making the same new tag, and articles with the same headline and no slug.
    ...[first, second].map((base) => loop(async (round) => [
      await send(base, 'tag', 'POST', '/v1/admin/tags', { name: `Drought ${round}` }),
      await send(base, 'create', 'POST', '/v1/admin/articles', article)
    ]))
  ])).flat()

  const count = (label: string) => results.filter((outcome) => outcome.label === label).length
  t.same([count('patch'), count('correction'), count('create')], [4 * ROUNDS, ROUNDS, 2 * ROUNDS], 'every write was answered')
  t.same(results.filter((outcome) => outcome.status >= 500), [], 'no 5xx')
  t.same(results.filter((outcome) => outcome.label === 'patch' && outcome.status !== 200), [], 'every PATCH without If-Match was written')
  t.same(results.filter((outcome) => ['correction', 'withdraw', 'reinstate'].includes(outcome.label) && outcome.status >= 300), [], 'every editorial action went through')
  t.same(results.filter((outcome) => outcome.label === 'create' && outcome.status !== 201), [], 'every article without a slug got a free one')
  const slugs = results.filter((outcome) => outcome.label === 'create').map((outcome) => JSON.parse(outcome.body).slug as string)
  t.equal(new Set(slugs).size, slugs.length, 'no two articles share a slug')
  const tags = results.filter((outcome) => outcome.label === 'tag')
  t.same(tags.filter((outcome) => outcome.status !== 201), [], 'the same new tag name from both processes is created, with free slugs')
})
