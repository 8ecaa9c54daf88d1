import t from 'tap'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
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
  const tables = database.sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like 'articles_fts_%' order by name").pluck().all()
  t.same(tables, [
    'api_tokens', 'article_authors', 'article_corrections', 'article_revisions', 'article_slug_history', 'article_tags',
    'articles', 'articles_fts', 'authors', 'events', 'replies', 'sections', 'settings', 'tags',
    'webhook_attempts', 'webhook_deliveries', 'webhooks'
  ])
})
