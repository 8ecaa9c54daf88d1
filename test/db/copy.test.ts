// db:copy: a newsroom moves from its SQLite file to PostgreSQL, and its readers cannot tell.
import t from 'tap'
import { join } from 'node:path'
import { buildApp } from '../../src/app.js'
import { copyNewsroom } from '../../src/db/copy.js'
import { TABLES } from '../../src/db/rows.js'
import { createWebhookWorker } from '../../src/modules/webhooks/webhooks.worker.js'
import { authHeader, TEST_CONFIG, TEST_ENGINE } from '../helpers/app.js'
import { rows } from '../helpers/db.js'
import { useTestDatabase } from '../helpers/postgres.js'

const skip = TEST_ENGINE !== 'postgres' && 'needs PostgreSQL: runs in the PostgreSQL half of the suite (npm run test:postgres)'

// Every public read a frontend makes; search is left out: FTS5 and PostgreSQL rank and cut snippets each their way.
const PUBLIC_URLS = [
  '/v1/articles?limit=100',
  '/v1/articles?limit=5&sort=publishedAt',
  '/v1/articles?limit=7&sort=-updatedAt',
  '/v1/articles?section=world&limit=20',
  '/v1/articles?tag=climate,water&limit=20',
  '/v1/articles?author=adrian-ovalle&featured=false&limit=10',
  '/v1/articles/lake-chad-fishermen-return-as-waters-rise',
  '/v1/articles/lake-chad-fishermen-return-as-waters-rise/related',
  '/v1/articles/lake-chad-fishermen-return-as-waters-rise/replies',
  '/v1/sections',
  '/v1/sections/world',
  '/v1/sections/africa',
  '/v1/authors?limit=100',
  '/v1/authors/adrian-ovalle',
  '/v1/tags?limit=100',
  '/v1/tags/climate'
]

t.test('a copied newsroom answers every public read byte for byte as it did on SQLite, with the same validators', { skip }, async (t) => {
  const databasePath = join(t.testdir(), 'news.db')
  const sqlite = await buildApp({ ...TEST_CONFIG, databasePath, seedDemo: true })
  t.teardown(() => sqlite.close())
  // What the demo lacks: a correction, a withdrawal, a renamed article and an old slug, an API token, a webhook with
  // a delivery log (the edits below queue deliveries to it, and one attempt fails at a closed port).
  const editor = await authHeader(sqlite, 'editor')
  const admin = await authHeader(sqlite, 'admin')
  const webhook = (await sqlite.inject({ method: 'POST', url: '/v1/admin/webhooks', headers: admin, payload: { url: 'http://localhost:9/hooks', events: ['article.updated', 'article.deleted'] } })).json()
  const flagship = (await sqlite.inject({ url: '/v1/articles?limit=1' })).json().data[0]
  await sqlite.inject({ method: 'POST', url: `/v1/admin/articles/${flagship.id}/corrections`, headers: editor, payload: { kind: 'correction', text: 'An earlier version misspelled a name.' } })
  const second = (await sqlite.inject({ url: '/v1/articles?limit=2' })).json().data[1]
  await sqlite.inject({ method: 'PATCH', url: `/v1/admin/articles/${second.id}`, headers: editor, payload: { slug: `${second.slug}-renamed` } })
  // The newest article is deleted: its id must not come back, or its old preview links would open another article.
  const draft = { headline: 'Gone soon', body: [{ type: 'paragraph', text: 'Text.' }], sectionId: flagship.section.id }
  const deleted = (await sqlite.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: draft })).json().id as number
  await sqlite.inject({ method: 'DELETE', url: `/v1/admin/articles/${deleted}`, headers: editor })

  await createWebhookWorker({ store: sqlite.store, log: sqlite.log, intervalMs: 1000, timeoutMs: 1000, allowPrivate: true, batchSize: 1, retryWait: () => 60_000 }).deliverDue()

  const target = await useTestDatabase()
  t.teardown(target.release)
  const postgres = await buildApp({ ...TEST_CONFIG, databaseUrl: target.url })
  t.teardown(() => postgres.close())
  const copied = await copyNewsroom(sqlite.store, postgres.store)
  for (const table of TABLES) t.equal(copied[table], await sqlite.store.read.rows.count(table), `${table} copied whole`)
  t.ok(copied.webhookDeliveries > 1 && copied.webhookAttempts > 0, 'the webhook has a log to copy')
  const queued = async (app: typeof sqlite) => (await rows(app, 'articleRepresentationQueue')).map((row) => row.articleId)
  t.same(await queued(postgres), await queued(sqlite), 'what was stale at the source, and nothing more, waits for the refresher')

  for (const url of ['/v1/admin/webhooks', `/v1/admin/webhooks/${webhook.id}/deliveries`]) {
    const [before, after] = [await sqlite.inject({ url, headers: admin }), await postgres.inject({ url, headers: admin })]
    t.equal(after.body, before.body, `${url}: the admin sees the same`)
  }

  for (const url of [...PUBLIC_URLS, `/v1/articles/${second.slug}`, `/v1/articles/${second.slug}-renamed`]) {
    const [before, after] = [await sqlite.inject({ url }), await postgres.inject({ url })]
    t.equal(after.statusCode, before.statusCode, `${url}: status`)
    t.equal(after.body, before.body, `${url}: body`)
    for (const header of ['etag', 'last-modified', 'location', 'cache-control', 'surrogate-key']) {
      t.equal(after.headers[header], before.headers[header], `${url}: ${header}`)
    }
  }
  t.equal((await postgres.inject({ url: '/v1/admin/tokens', headers: editor })).statusCode, 403, 'the copied token still authenticates, with its role')
  const created = await postgres.inject({ method: 'POST', url: '/v1/admin/articles', headers: editor, payload: draft })
  t.ok(created.json().id > deleted, 'new ids follow every id SQLite handed out, deleted ones included')
  await postgres.inject({ method: 'DELETE', url: `/v1/admin/articles/${flagship.id}`, headers: editor })
  const [newest] = (await postgres.inject({ url: `/v1/admin/webhooks/${webhook.id}/deliveries?limit=1`, headers: admin })).json().data
  t.match(newest, { type: 'article.deleted', articleId: flagship.id, status: 'pending' }, 'the copied endpoint is sent what happens next')
  t.ok(newest.id > copied.webhookDeliveries, 'under a webhook-id no copied delivery has')
})

t.test('the copy refuses a database that already has content, and leaves it as it was', { skip }, async (t) => {
  const sqlite = await buildApp({ ...TEST_CONFIG, seedDemo: true })
  t.teardown(() => sqlite.close())
  const target = await useTestDatabase()
  t.teardown(target.release)
  const postgres = await buildApp({ ...TEST_CONFIG, databaseUrl: target.url, seedDemo: true })
  t.teardown(() => postgres.close())
  const before = await postgres.store.read.rows.count('articles')
  await t.rejects(copyNewsroom(sqlite.store, postgres.store), /already has content/)
  t.equal(await postgres.store.read.rows.count('articles'), before)
})
