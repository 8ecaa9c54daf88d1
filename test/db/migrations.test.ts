import t from 'tap'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { promisify } from 'node:util'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type DatabaseHandle } from '../../src/db/client.js'
import type { Teardown } from '../helpers/app.js'

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
    'api_tokens', 'article_authors', 'article_corrections', 'article_encoding_queue', 'article_representation_bodies', 'article_representation_encodings', 'article_representation_queue', 'article_representations',
    'article_revisions', 'article_slug_history', 'article_tags',
    'articles', 'articles_fts', 'articles_public_fts', 'authors', 'events', 'replies', 'sections', 'settings', 'tags',
    'webhook_attempts', 'webhook_deliveries', 'webhooks'
  ])
})

/**
 * A database file migrated as it would have been before the migration tagged `tag` shipped, and how many migrations
 * an upgrade applies from there, that one first.
 */
async function databaseBefore (t: Teardown, tag: string): Promise<{ database: DatabaseHandle, since: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'news-upgrade-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const older = join(dir, 'migrations')
  await cp(MIGRATIONS_FOLDER, older, { recursive: true })
  const journal = JSON.parse(await readFile(join(older, 'meta', '_journal.json'), 'utf8'))
  const since = journal.entries.filter((entry: { tag: string }) => entry.tag >= tag).length
  journal.entries = journal.entries.filter((entry: { tag: string }) => entry.tag < tag)
  await writeFile(join(older, 'meta', '_journal.json'), JSON.stringify(journal))
  const database = openDatabase(join(dir, 'news.db'))
  t.teardown(() => database.close())
  migrate(database.db, { migrationsFolder: older })
  return { database, since }
}

t.test('upgrading a database gives public search an index of what is public at that moment, and of nothing else', async (t) => {
  // The migrations as they were before public search had an index of its own.
  const { database, since } = await databaseBefore(t, '0007_public_search')

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

t.test('upgrading rebuilds articles with the bodies last, keeping every article, what refers to it, its search entries and its id counter', async (t) => {
  const { database, since } = await databaseBefore(t, '0013_articles_bodies_last')
  const { sqlite } = database
  const section = sqlite.prepare("insert into sections (slug, name) values ('world', 'World') returning id").pluck().get()
  const author = sqlite.prepare("insert into authors (slug, name) values ('ana', 'Ana') returning id").pluck().get()
  const article = (slug: string, status: string) => sqlite.prepare(
    `insert into articles (slug, headline, body, body_html, body_text, word_count, reading_time, section_id, status, published_at)
     values (?, ?, '[]', '<p>Election day.</p>', 'Election day.', 2, 1, ?, ?, ?) returning id`
  ).pluck().get(slug, `Headline of ${slug}`, section, status, status === 'published' ? '2026-03-01T08:00:00.000Z' : null) as number
  const live = article('live', 'published')
  const draft = article('draft', 'draft')
  sqlite.prepare('delete from articles where id = ?').run(article('deleted', 'draft'))
  sqlite.prepare('insert into article_authors (article_id, author_id, position) values (?, ?, 0), (?, ?, 0)').run(live, author, draft, author)
  sqlite.prepare("insert into replies (article_id, author_name, author_email, body, status) values (?, 'Reader', 'reader@news.test', 'Thanks.', 'approved')").run(live)
  const snapshot = () => ({
    articles: sqlite.prepare('select * from articles order by id').all(),
    authors: sqlite.prepare('select * from article_authors order by article_id').all(),
    replies: sqlite.prepare('select article_id, body from replies order by id').all(),
    search: sqlite.prepare("select rowid from articles_public_fts where articles_public_fts match 'election' order by rowid").pluck().all()
  })
  const before = snapshot()

  t.equal(migrateDatabase(database), since)
  const columns = sqlite.prepare("select name from pragma_table_info('articles')").pluck().all() as string[]
  t.same(columns.slice(-3), ['body', 'body_html', 'body_text'], 'the bodies are stored last')
  t.same(snapshot(), before, 'every article keeps its values, authors, replies and search entries')
  t.equal(sqlite.pragma('foreign_keys', { simple: true }), 1, 'foreign keys are on again')
  t.same(sqlite.pragma('foreign_key_check'), [])
  t.ok(article('after', 'draft') > live + 2, 'the id of the deleted article is not given again')
  sqlite.prepare("update articles set body_text = 'Budget day.' where id = ?").run(live)
  t.same(sqlite.prepare("select rowid from articles_public_fts where articles_public_fts match 'budget'").pluck().all(), [live], 'the search triggers fire on the new table')
  t.same(sqlite.pragma('integrity_check'), [{ integrity_check: 'ok' }])
})

t.test('a migration that would leave a row referring to a missing one is rolled back, and the start fails naming the row', async (t) => {
  const { database } = await databaseBefore(t, '0013_articles_bodies_last')
  const { sqlite } = database
  const section = sqlite.prepare("insert into sections (slug, name) values ('world', 'World') returning id").pluck().get()
  const article = sqlite.prepare(`insert into articles (slug, headline, body, body_html, body_text, word_count, reading_time, section_id)
    values ('live', 'Live', '[]', '', '', 1, 1, ?) returning id`).pluck().get(section)
  // As a hand edit with foreign keys off would leave it.
  sqlite.pragma('foreign_keys = OFF')
  sqlite.prepare('insert into article_tags (article_id, tag_id, position) values (?, 999, 0)').run(article)
  sqlite.pragma('foreign_keys = ON')

  t.throws(() => migrateDatabase(database), /Migrating would leave 1 rows referring to rows that do not exist \(article_tags row \d+ refers to a missing tags row\), so the migrations were rolled back/)
  const columns = sqlite.prepare("select name from pragma_table_info('articles')").pluck().all() as string[]
  t.not(columns.at(-1), 'body_text', 'the articles table is as it was')
  t.notOk(sqlite.prepare("select 1 from sqlite_master where name = '__new_articles'").get(), 'and its copy is gone')
  t.equal(sqlite.pragma('foreign_keys', { simple: true }), 1)
})

t.test('a start waits for another process holding the file\'s write lock longer than the usual busy timeout, then migrates', async (t) => {
  const { database, since } = await databaseBefore(t, '0013_articles_bodies_last')
  const holder = spawn(process.execPath, ['-e', `
    const db = new (require('better-sqlite3'))(process.argv[1])
    db.exec('BEGIN IMMEDIATE')
    console.log('locked')
    setTimeout(() => db.exec('COMMIT'), 6000)
  `, database.sqlite.name], { stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { holder.kill() })
  await once(holder.stdout, 'data')
  const started = performance.now()
  t.equal(migrateDatabase(database), since, 'every migration since is applied')
  t.ok(performance.now() - started > 5000, 'after waiting past the 5 s busy timeout')
  t.equal(database.sqlite.pragma('busy_timeout', { simple: true }), 5000, 'which is the connection\'s again')
})
