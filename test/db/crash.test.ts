// The service killed without warning while it writes: every write it acknowledged is there after a restart, at the
// version it acknowledged, and the database is sound. The real server runs as a process of its own, as in production,
// and is SIGKILLed (no shutdown hook runs) at moments chosen at random while clients stream writes at it.
import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import pg from 'pg'
import { buildApp } from '../../src/app.js'
import { authHeader, lastingDatabase, TEST_CONFIG } from '../helpers/app.js'
import { nodeCommand } from '../helpers/compiled.js'
import { rows } from '../helpers/db.js'
import { insertAuthor, insertSection, SIMPLE_BODY } from '../helpers/fixtures.js'

// Kills, not seconds: each round is a start, a burst of writes and a kill, so the proof is the same on a slow machine.
// Two by default: the second round starts on a database a kill left behind, and each further one adds one more random
// moment at the cost of a start and a verification; CRASH_KILLS=50 npx tap -t 0 test/db/crash.test.ts looks further.
const KILLS = Number(process.env.CRASH_KILLS ?? 2)
const WRITERS = 4
// How many writes are acknowledged in a round before the kill, at random in this range: counted rather than timed, so
// a slow machine or engine still gets a stream of writes to lose, and the kill still lands among requests under way.
const KILL_AFTER_WRITES = { min: 15, max: 60 }

interface Version { version: number, subtitle: string | null }
interface TrackedArticle {
  slug: string
  acknowledged: Version
  /** A write under way when the service died: it may or may not have been committed, but nothing else may be. */
  unanswered?: Version
}

interface Service { address: string, process: ChildProcess }

// Settings the machine running the tests may have exported, which would change what a start does.
const CLEAN_ENV = { ...process.env, DATABASE_URL: '', DATABASE_PATH: '', PUBLIC_BASE_URL: '', SEED_DEMO: 'false', LOG_LEVEL: 'info' }

async function startService (env: Record<string, string>): Promise<Service> {
  const child = spawn(...await nodeCommand('src/server.ts'), { env: { ...CLEAN_ENV, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  for await (const line of createInterface({ input: child.stdout })) {
    const address = /^Server listening at (http:\/\/\S+)$/.exec((JSON.parse(line) as { msg: string }).msg)?.[1]
    if (address) {
      // The rest of the log is read and dropped, so a full pipe never blocks the service.
      child.stdout.resume()
      return { address, process: child }
    }
  }
  throw new Error('the service exited before it listened')
}

async function kill (service: Service): Promise<void> {
  const exited = once(service.process, 'exit')
  service.process.kill('SIGKILL')
  await exited
}

function randomBetween ({ min, max }: { min: number, max: number }): number {
  return min + Math.floor(Math.random() * (max - min))
}

t.test('writes acknowledged before a SIGKILL are all there after the restart, at their versions, in a sound database', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'news-crash-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const database = await lastingDatabase(t, join(dir, 'news.db'))
  const env: Record<string, string> = 'databaseUrl' in database
    ? { DATABASE_URL: database.databaseUrl ?? '' }
    : { DATABASE_PATH: database.databasePath }
  // The writers' pace is the test's, not something the rate limits should refuse.
  Object.assign(env, { PORT: '0', HOST: '127.0.0.1', REPLIES_PER_MINUTE: '10000', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_TOKEN_PER_MINUTE: '0', SCHEDULER_INTERVAL_MS: '0', WEBHOOKS_INTERVAL_MS: '0' })

  // The desk, made through the same code the service runs, before the service starts.
  const setup = await buildApp({ ...TEST_CONFIG, ...database })
  const sectionId = await insertSection(setup)
  const authorId = await insertAuthor(setup)
  const editor = { ...await authHeader(setup, 'editor'), 'content-type': 'application/json' }
  await setup.close()

  const articles = new Map<number, TrackedArticle>()
  const history: Array<{ id: number } & Version> = []
  const replies = new Map<number, string>()
  const refused: string[] = []
  let written = 0
  let onWritten = () => {}

  /** One writer's stream until the service dies under it: creates, edits of its own articles, and replies to them. */
  const writer = async (base: string, name: string, round: number): Promise<void> => {
    const own: number[] = []
    for (let step = 0; ; step++) {
      const kind = own.length === 0 || step % 5 === 0 ? 'create' : step % 5 === 4 ? 'reply' : 'update'
      const id = own[step % own.length] as number
      const subtitle = `${name}, round ${round}, step ${step}`
      const tracked = articles.get(id)
      let res: Response
      try {
        if (kind === 'create') {
          res = await fetch(`${base}/v1/admin/articles`, {
            method: 'POST',
            headers: editor,
            body: JSON.stringify({ headline: `Fishermen return to Lake Chad (${subtitle})`, subtitle, body: SIMPLE_BODY, sectionId, authorIds: [authorId], status: 'published' })
          })
        } else if (kind === 'update') {
          res = await fetch(`${base}/v1/admin/articles/${id}`, { method: 'PATCH', headers: editor, body: JSON.stringify({ subtitle }) })
        } else {
          res = await fetch(`${base}/v1/articles/${tracked?.slug}/replies`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ authorName: name, authorEmail: `${name.replace(/\W/g, '')}.${round}.${step}@readers.test`, body: subtitle })
          })
        }
      } catch {
        // The connection died with the service: the write may have been committed or not, and is not acknowledged.
        if (kind === 'update' && tracked) tracked.unanswered = { version: tracked.acknowledged.version + 1, subtitle }
        return
      }
      const body = await res.json() as { id: number, slug: string, version: number, subtitle: string | null }
      if (res.status >= 300) {
        refused.push(`${kind} answered ${res.status}: ${JSON.stringify(body)}`)
        continue
      }
      written++
      onWritten()
      if (kind === 'reply') {
        replies.set(body.id, subtitle)
        continue
      }
      if (res.headers.get('etag') !== `"${body.version}"`) refused.push(`${kind} of ${body.id} answered ETag ${res.headers.get('etag')} for version ${body.version}`)
      const version = { version: body.version, subtitle: body.subtitle }
      if (kind === 'create') {
        own.push(body.id)
        articles.set(body.id, { slug: body.slug, acknowledged: version })
      } else if (tracked) {
        tracked.acknowledged = version
      }
      history.push({ id: body.id, ...version })
    }
  }

  /** After a restart: what was acknowledged is there; an unanswered write is either wholly there or not at all. */
  const verify = async (base: string, after: string): Promise<void> => {
    const wrong: string[] = []
    let underWay = 0
    let committed = 0
    for (const [id, tracked] of articles) {
      const res = await fetch(`${base}/v1/admin/articles/${id}`, { headers: editor })
      const stored = await res.json() as Version
      const found = { version: stored.version, subtitle: stored.subtitle }
      const expected = [tracked.acknowledged, ...(tracked.unanswered ? [tracked.unanswered] : [])]
      if (res.status !== 200 || !expected.some((version) => version.version === found.version && version.subtitle === found.subtitle)) {
        wrong.push(`article ${id}: ${res.status} ${JSON.stringify(found)}, expected one of ${JSON.stringify(expected)}`)
      }
      if (tracked.unanswered) {
        underWay++
        if (found.version === tracked.unanswered.version) committed++
      }
      // The writers carry on from what survived.
      tracked.acknowledged = found
      delete tracked.unanswered
    }
    for (const [id, text] of replies) {
      const res = await fetch(`${base}/v1/admin/replies/${id}`, { headers: editor })
      const stored = await res.json() as { body: string }
      if (res.status !== 200 || stored.body !== text) wrong.push(`reply ${id}: ${res.status} ${JSON.stringify(stored.body)}, expected ${JSON.stringify(text)}`)
    }
    t.same(wrong, [], `after ${after}, the ${articles.size} articles and ${replies.size} replies acknowledged so far are there as acknowledged (edits under way at the kill: ${committed} of ${underWay} committed whole, the rest not at all)`)
  }

  let service = await startService(env)
  if ('databasePath' in database) {
    const file = new Database(database.databasePath, { readonly: true })
    t.equal(file.pragma('journal_mode', { simple: true }), 'wal', 'the service runs the file in WAL mode')
    file.close()
  }
  for (let round = 1; round <= KILLS; round++) {
    const { address } = service
    const killAt = written + randomBetween(KILL_AFTER_WRITES)
    const enough = new Promise<void>((resolve) => { onWritten = () => { if (written >= killAt) resolve() } })
    const writing = Array.from({ length: WRITERS }, (_, index) => writer(address, `Writer ${index + 1}`, round))
    await enough
    // Not always at an answer's heels: up to a tenth of a second later, when other writes are at any stage.
    await new Promise((resolve) => setTimeout(resolve, randomBetween({ min: 0, max: 100 })))
    await kill(service)
    await Promise.all(writing)
    service = await startService(env)
    await verify(service.address, `kill ${round}`)
  }
  service.process.kill('SIGTERM')
  await once(service.process, 'exit')

  t.same(refused, [], 'no write was refused')

  // Every acknowledged version left its revision, holding what the write answered.
  const reopened = await buildApp({ ...TEST_CONFIG, ...database })
  const revisions = new Map((await rows(reopened, 'articleRevisions')).map((revision) => [`${revision.articleId}:${revision.number}`, revision.snapshot]))
  await reopened.close()
  const missing = history.filter((write) => revisions.get(`${write.id}:${write.version}`)?.subtitle !== write.subtitle)
  t.same(missing, [], `each of the ${history.length} acknowledged article writes has its revision`)

  if ('databasePath' in database) {
    const file = new Database(database.databasePath)
    t.same(file.pragma('integrity_check'), [{ integrity_check: 'ok' }], 'PRAGMA integrity_check is ok')
    t.same(file.pragma('foreign_key_check'), [], 'no row points at a missing one')
    file.close()
  } else {
    const client = new pg.Client({ connectionString: database.databaseUrl ?? '' })
    await client.connect()
    t.teardown(() => client.end())
    // amcheck ships with PostgreSQL: every B-tree index of the app is checked for structure and for holding every row,
    // and every table's heap for corrupt tuples.
    await client.query('CREATE EXTENSION IF NOT EXISTS amcheck')
    const indexes = await client.query<{ name: string }>(`
      SELECT c.relname AS name, bt_index_check(c.oid, true) AS checked
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE am.amname = 'btree' AND n.nspname = 'public'`)
    t.ok(indexes.rows.length > 10, `bt_index_check passes on the ${indexes.rows.length} B-tree indexes`)
    const corrupt = await client.query(`
      SELECT c.relname, v.* FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, verify_heapam(c.oid) v
      WHERE c.relkind = 'r' AND n.nspname = 'public'`)
    t.same(corrupt.rows, [], 'verify_heapam finds no corrupt tuple in any table')
  }
})
