import tap from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createArticlesService } from '../../../src/modules/articles/articles.service.js'
import { createArticlesScheduler } from '../../../src/modules/articles/articles.scheduler.js'
import { buildTestApp, lastingDatabase, TEST_ENGINE, type Teardown } from '../../helpers/app.js'
import { nodeCommand } from '../../helpers/compiled.js'
import { countRows, execute, insertRows, row, rows, sql } from '../../helpers/db.js'
import { createDraft, forceStatus, newsroom, rowOf, type Newsroom } from './workflow.helpers.js'

// Starting two child processes under tsx takes a while on a busy machine.
tap.setTimeout(120_000)

function schedulerOf (room: Newsroom) {
  return createArticlesScheduler({ articles: createArticlesService(room.app.store), log: room.app.log, intervalMs: 1000 })
}

/** In id order, which is number order: an article's revisions are numbered as they are written. */
async function revisionsOf (room: Newsroom, id: number) {
  return await rows(room.app, 'articleRevisions', { articleId: id })
}

tap.test('publishDue publishes the scheduled articles whose time has come, and only those', async (t) => {
  const room = await newsroom(t)
  const due = await createDraft(room)
  const later = await createDraft(room)
  const draft = await createDraft(room)
  await forceStatus(room, due.id, 'scheduled', { scheduledAt: '2026-03-01T06:00:00.000Z' })
  await forceStatus(room, later.id, 'scheduled', { scheduledAt: '2026-03-01T06:00:00.001Z' })

  const published = await schedulerOf(room).publishDue(new Date('2026-03-01T06:00:00.000Z'))
  t.same(published, [due.id])
  t.match(await rowOf(room, due.id), { status: 'published', publishedAt: '2026-03-01T06:00:00.000Z', scheduledAt: null })
  t.equal((await rowOf(room, later.id))?.status, 'scheduled')
  t.equal((await rowOf(room, draft.id))?.status, 'draft')
  t.equal((await room.app.inject({ url: `/v1/articles/${due.slug}` })).statusCode, 200)
})

tap.test('each scheduled publication stores one revision, by no token, and a second run publishes nothing', async (t) => {
  const room = await newsroom(t)
  const article = await createDraft(room)
  await forceStatus(room, article.id, 'scheduled', { scheduledAt: '2026-03-01T06:00:00.000Z' })
  const scheduler = schedulerOf(room)
  await scheduler.publishDue(new Date('2026-03-01T07:00:00.000Z'))
  t.same(await scheduler.publishDue(new Date('2026-03-01T08:00:00.000Z')), [])
  const revisions = await revisionsOf(room, article.id)
  t.equal(revisions.length, 2, 'creation and publication')
  t.match(revisions[1], { number: 2, createdBy: null, snapshot: { status: 'published' } })
  t.match(await rowOf(room, article.id), { version: 2, updatedBy: null })
})

tap.test('a republished article keeps its first publishedAt when the scheduler publishes it', async (t) => {
  const room = await newsroom(t)
  const article = await createDraft(room)
  await forceStatus(room, article.id, 'scheduled', { publishedAt: '2025-12-01T10:00:00.000Z', scheduledAt: '2026-03-01T06:00:00.000Z' })
  await schedulerOf(room).publishDue(new Date('2026-03-01T06:00:00.000Z'))
  t.equal((await rowOf(room, article.id))?.publishedAt, '2025-12-01T10:00:00.000Z')
})

tap.test('a backlog larger than one batch is published in full, oldest first', async (t) => {
  const room = await newsroom(t)
  const ids: number[] = []
  for (let i = 0; i < 7; i++) {
    const article = await createDraft(room)
    await forceStatus(room, article.id, 'scheduled', { scheduledAt: `2026-03-01T06:0${9 - i}:00.000Z` })
    ids.unshift(article.id)
  }
  const scheduler = createArticlesScheduler({ articles: createArticlesService(room.app.store), log: room.app.log, intervalMs: 1000, batchSize: 3 })
  const published = await scheduler.publishDue(new Date('2026-03-02T00:00:00.000Z'))
  t.same(new Set(published.slice(0, 3)), new Set(ids.slice(0, 3)), 'the first batch holds the three oldest')
  t.same([...published].sort(), [...ids].sort())
})

tap.test('on start the scheduler catches up: an article that fell due while the service was down is published once it is ready', async (t) => {
  const database = await lastingDatabase(t, join(t.testdir(), 'news.db'))
  const before = await newsroom({ teardown: () => {} }, database)
  const article = await createDraft(before)
  await forceStatus(before, article.id, 'scheduled', { scheduledAt: '2026-03-01T06:00:00.000Z' })
  await before.app.close()

  const app = await buildTestApp(t, { ...database, schedulerIntervalMs: 60000 })
  const res = await app.inject({ url: `/v1/articles/${article.slug}` })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { status: 'published', publishedAt: '2026-03-01T06:00:00.000Z' })
})

tap.test('with a running timer a scheduled article goes public within 5 seconds of its time', async (t) => {
  const room = await newsroom(t, { schedulerIntervalMs: 200 })
  const article = await createDraft(room)
  const at = Date.now() + 1500
  const scheduled = await room.app.inject({ method: 'POST', url: `/v1/admin/articles/${article.id}/publish`, headers: room.editor, payload: { at: new Date(at).toISOString() } })
  t.equal(scheduled.statusCode, 200)
  t.equal((await room.app.inject({ url: `/v1/articles/${article.slug}` })).statusCode, 404, 'not before its time')
  let status = 404
  while (status !== 200 && Date.now() < at + 5000) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    status = (await room.app.inject({ url: `/v1/articles/${article.slug}` })).statusCode
  }
  t.equal(status, 200, `public ${Date.now() - at} ms after its time`)
  t.ok(Date.now() >= at, 'not early either')
})

async function runSchedulerProcess (databasePath: string) {
  const child = spawn(...await nodeCommand('test/fixtures/scheduler-process.ts', [databasePath]), { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  const iterator = lines[Symbol.asyncIterator]()
  const next = async () => {
    const { value, done } = await iterator.next()
    if (done) throw new Error('the scheduler process ended early')
    return value as string
  }
  return { child, next }
}

/**
 * Two scheduler processes on one database file, with a backlog of due articles and more falling due while both run;
 * answers the ids each published.
 */
async function publishFromTwoProcesses (t: Teardown, databasePath: string, count: number): Promise<{ due: number[], published: [number[], number[]] }> {
  const room = await newsroom({ teardown: () => {} }, { databasePath })
  const template = await createDraft(room)
  const copied = await row(room.app, 'articles', { id: template.id })
  if (!copied) throw new Error('the template article is gone')
  const { headline, excerpt, body, bodyHtml, bodyText, wordCount, readingTime, sectionId } = copied
  await insertRows(room.app, 'articles', Array.from({ length: count }, (_, index) => ({
    slug: `due-${index + 1}`, headline: `${headline} ${index + 1}`, excerpt, body, bodyHtml, bodyText, wordCount, readingTime, status: 'scheduled' as const, sectionId
  })))
  const due = (await rows(room.app, 'articles', { status: 'scheduled' })).map((article) => article.id)

  const processes = [await runSchedulerProcess(databasePath), await runSchedulerProcess(databasePath)]
  t.teardown(() => { for (const { child } of processes) child.kill() })
  for (const { next } of processes) {
    const said = await next()
    if (said !== 'ready') throw new Error(`a scheduler process said ${said} instead of ready`)
  }
  // A backlog already due, then an article falling due every few milliseconds while both schedulers run:
  // three seconds of them, so a process the machine starts late still joins in.
  const start = Date.now()
  // One statement, so the times are in place at once: half of them due at start, then one every 10 ms.
  await execute(room.app, {
    sqlite: sql`update articles set scheduled_at = strftime('%Y-%m-%dT%H:%M:%fZ', ${start / 1000} + (max(id - ${count / 2}, 0) * 0.01), 'unixepoch')
      where status = 'scheduled'`,
    postgres: sql`update articles set scheduled_at = to_timestamp(${start / 1000}::double precision + greatest(id - ${count / 2}, 0) * 0.01)
      where status = 'scheduled'`
  })
  await room.app.close()
  for (const { child } of processes) child.stdin.write(`go ${start + count * 5 + 500}\n`)
  const [first = [], second = []] = await Promise.all(processes.map(async ({ next }) => JSON.parse(await next()) as number[]))
  await Promise.all(processes.map(async ({ child }) => child.exitCode ?? once(child, 'exit')))
  return { due, published: [first, second] }
}

tap.test('two service processes on one database file publish every due article exactly once', {
  skip: TEST_ENGINE === 'postgres' && 'SQLite only: two processes share one database file; test/db/postgres-instances.test.ts runs two schedulers on one PostgreSQL database'
}, async (t) => {
  const COUNT = 600
  // SQLite's lock is not fair: on a loaded machine one process can hold it through every batch while the other waits,
  // and the run then shows nothing of two processes taking turns. Exactly once is checked on every run; a run where
  // one process published nothing is made again on a new file, a few times at most.
  const ATTEMPTS = 3
  for (let attempt = 1; ; attempt++) {
    const databasePath = join(t.testdir(), `news-${attempt}.db`)
    const { due, published: [first, second] } = await publishFromTwoProcesses(t, databasePath, COUNT)
    t.equal(due.length, COUNT)
    const all = [...first, ...second]
    t.equal(new Set(all).size, all.length, 'no article was published by both')
    t.same([...all].sort((a, b) => a - b), [...due].sort((a, b) => a - b), 'together they published every due article')

    const after = await buildTestApp(t, { databasePath })
    t.equal(await countRows(after, 'articles', { status: 'scheduled' }), 0)
    const revisions = new Map<number, number>()
    for (const { articleId } of await rows(after, 'articleRevisions')) {
      if (due.includes(articleId)) revisions.set(articleId, (revisions.get(articleId) ?? 0) + 1)
    }
    t.equal(revisions.size, COUNT)
    t.ok([...revisions.values()].every((count) => count === 1), 'one publication revision per article')
    if ((first.length > 0 && second.length > 0) || attempt === ATTEMPTS) {
      t.ok(first.length > 0 && second.length > 0, `both processes published (${first.length} and ${second.length}), on attempt ${attempt}`)
      return
    }
  }
})
