import t from 'tap'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from '../../src/db/client.js'

const run = promisify(execFile)

t.test('the migrations describe exactly src/db/schema.ts (drizzle-kit finds nothing to generate)', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'news-migrations-'))
  t.teardown(() => rm(out, { recursive: true, force: true }))
  await cp(MIGRATIONS_FOLDER, out, { recursive: true })
  const before = await readdir(out, { recursive: true })
  // drizzle-kit reads --out relative to the working directory, even when it is absolute.
  const { stdout, stderr } = await run('npx', ['drizzle-kit', 'generate', '--dialect', 'sqlite', '--schema', 'src/db/schema.ts', '--out', relative(process.cwd(), out)])
  t.same(await readdir(out, { recursive: true }), before, 'no new migration was written')
  t.match(stdout + stderr, /No schema changes/)
})

t.test('a database file is created with its folder, in WAL mode with foreign keys on, and migrating twice is harmless', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'news-db-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const database = openDatabase(join(dir, 'nested', 'news.db'))
  t.teardown(() => database.close())
  migrateDatabase(database)
  migrateDatabase(database)
  t.equal(database.sqlite.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(database.sqlite.pragma('foreign_keys', { simple: true }), 1)
  t.equal(database.sqlite.pragma('busy_timeout', { simple: true }), 5000)
  const tables = database.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like 'articles_fts_%' and name not like 'articles_public_fts_%' order by name").pluck().all()
  t.same(tables, [
    'api_tokens', 'article_authors', 'article_corrections', 'article_representation_bodies', 'article_representation_queue', 'article_representations',
    'article_revisions', 'article_slug_history', 'article_tags',
    'articles', 'articles_fts', 'articles_public_fts', 'authors', 'events', 'replies', 'sections', 'settings', 'tags',
    'webhook_attempts', 'webhook_deliveries', 'webhooks'
  ])
})

t.test('upgrading a database gives public search an index of what is public at that moment, and of nothing else', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'news-upgrade-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  // The migrations as they were before public search had an index of its own.
  const older = join(dir, 'migrations')
  await cp(MIGRATIONS_FOLDER, older, { recursive: true })
  const journal = JSON.parse(await readFile(join(older, 'meta', '_journal.json'), 'utf8'))
  const since = journal.entries.filter((entry: { tag: string }) => entry.tag >= '0007_public_search').length
  journal.entries = journal.entries.filter((entry: { tag: string }) => entry.tag < '0007_public_search')
  await writeFile(join(older, 'meta', '_journal.json'), JSON.stringify(journal))
  const database = openDatabase(join(dir, 'news.db'))
  t.teardown(() => database.close())
  migrate(database.db, { migrationsFolder: older })

  // Raw SQL, not the schema's insert, which names the columns of today's articles table.
  const sectionId = database.sqlite.prepare("insert into sections (slug, name) values ('world', 'World') returning id").pluck().get()
  const article = (slug: string, bodyText: string, state: { status: string, publishedAt?: string, embargoedUntil?: string, withdrawnAt?: string }) => database.sqlite.prepare(
    `insert into articles (slug, headline, body, body_html, body_text, word_count, reading_time, section_id, status, published_at, embargoed_until, withdrawn_at)
     values (?, ?, '[]', '', ?, 1, 1, ?, ?, ?, ?, ?) returning id`
  ).pluck().get(slug, slug, bodyText, sectionId, state.status, state.publishedAt ?? null, state.embargoedUntil ?? null, state.withdrawnAt ?? null) as number
  const live = article('live', 'Election \uE000day\uE001.', { status: 'published', publishedAt: '2026-03-01T08:00:00.000Z' })
  const draft = article('draft', 'Election secrets.', { status: 'draft' })
  const embargoed = article('embargoed', 'Election budget.', { status: 'published', publishedAt: '2026-03-01T08:00:00.000Z', embargoedUntil: '2099-01-01T00:00:00.000Z' })
  const withdrawn = article('withdrawn', 'Election claim.', { status: 'published', publishedAt: '2026-03-01T08:00:00.000Z', withdrawnAt: '2026-03-02T08:00:00.000Z' })

  t.equal(migrateDatabase(database), since, 'the migrations since, public search\'s first')
  const { sqlite } = database
  const hits = (index: string) => sqlite.prepare(`select rowid from ${index} where ${index} match 'election' order by rowid`).pluck().all()
  t.same(hits('articles_public_fts'), [live], 'the public index holds the public article only')
  t.same(hits('articles_fts'), [live, draft, embargoed, withdrawn], 'the editors\' index still holds every article')
  t.same(sqlite.prepare("select snippet(articles_public_fts, -1, '[', ']', '…', 8) from articles_public_fts where articles_public_fts match 'day'").pluck().all(),
    ['Election [day].'], 'stored markers are gone from the text search reads')
  for (const index of ['articles_fts', 'articles_public_fts']) sqlite.exec(`insert into ${index}(${index}, rank) values ('integrity-check', 1)`)
  t.same(sqlite.pragma('integrity_check'), [{ integrity_check: 'ok' }])
})
