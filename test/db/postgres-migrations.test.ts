// The PostgreSQL schema and migrations: in step with schema.pg.ts and schema.ts, safe to run from many instances, and
// with triggers that do what SQLite's do. Each file run works in throwaway databases on a local PostgreSQL server.
import t, { type Test } from 'tap'
import { randomBytes } from 'node:crypto'
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { Client } from 'pg'
import { eq, getTableColumns, is, sql, Table } from 'drizzle-orm'
import * as sqliteSchema from '../../src/db/schema.js'
import * as pgSchema from '../../src/db/schema.pg.js'
import { POSTGRES_MIGRATIONS_FOLDER, migratePostgres, openPostgres, type PostgresHandle } from '../../src/db/postgres.js'
import { isInWindow, isPublicMatch, tsQueryOf } from '../../src/modules/articles/articles.listing.pg.js'
import { TEST_ENGINE } from '../helpers/app.js'

const run = promisify(execFile)
const SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres'
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

// The file runs in both halves of the suite; each test in one of them only.
const inSqliteHalf = TEST_ENGINE === 'postgres' && 'needs no server: runs in the SQLite half of the suite'
const admin = new Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 })
const skip = TEST_ENGINE !== 'postgres'
  ? 'needs PostgreSQL: runs in the PostgreSQL half of the suite (npm run test:postgres)'
  : await admin.connect().then(
    () => false as const,
    (error: Error) => `no PostgreSQL server at ${SERVER_URL} (${error.message})`
  )
// Teardowns run last-registered first: this one, after every database is dropped.
if (!skip) t.teardown(() => admin.end())

/** A new, empty database, dropped when the test ends. */
async function freshDatabase (t: Test): Promise<PostgresHandle & { url: string }> {
  const name = `news_test_${randomBytes(6).toString('hex')}`
  // A linguistic default collation, as most production servers have, so ordering tests see what production sees.
  await admin.query(`create database ${name} template template0 locale_provider icu icu_locale 'en-US'`)
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`
  const handle = openPostgres(url.href, { poolSize: 2, statementTimeoutMs: 10_000 })
  t.teardown(async () => {
    await handle.close()
    await admin.query(`drop database if exists ${name} with (force)`)
  })
  return { ...handle, url: url.href }
}

// Awaited before the first test: a run ends once the tests defined so far are done, even when all were skipped.
const journal: { entries: unknown[] } = JSON.parse(await readFile(join(POSTGRES_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'))

// One migrated database for the tests of what the migrations create; the tests of migrating make their own.
const shared = skip ? undefined : await freshDatabase(t)
if (shared) await migratePostgres(shared.db)

// Compile-time: a repository written against one schema type-checks against the other.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false
type Rows<S> = {
  [K in keyof S as S[K] extends { $inferSelect: unknown } ? K : never]: S[K] extends { $inferSelect: infer Row, $inferInsert: infer NewRow } ? [Row, NewRow] : never
}
const sameRowTypes: Same<Rows<typeof pgSchema>, Rows<typeof sqliteSchema>> = true

t.test('the PostgreSQL schema has the tables, properties, column names and row types of the SQLite one', { skip: inSqliteHalf }, async (t) => {
  const shape = (schema: Record<string, unknown>) => Object.fromEntries(Object.entries(schema)
    .filter((entry): entry is [string, Table] => is(entry[1], Table))
    .map(([key, table]) => [key, Object.fromEntries(Object.entries(getTableColumns(table)).map(([property, column]) => [property, column.name]))]))
  t.same(shape(pgSchema), shape(sqliteSchema))
  t.ok(sameRowTypes)
})

t.test('the PostgreSQL migrations describe exactly src/db/schema.pg.ts (drizzle-kit finds nothing to generate)', { skip: inSqliteHalf }, async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'news-pg-migrations-'))
  t.teardown(() => rm(out, { recursive: true, force: true }))
  await cp(POSTGRES_MIGRATIONS_FOLDER, out, { recursive: true })
  const before = await readdir(out, { recursive: true })
  // drizzle-kit reads --out relative to the working directory, even when it is absolute.
  const { stdout, stderr } = await run('npx', ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', 'src/db/schema.pg.ts', '--out', relative(process.cwd(), out)])
  t.same(await readdir(out, { recursive: true }), before, 'no new migration was written')
  t.match(stdout + stderr, /No schema changes/)
})

async function appliedMigrations ({ pool }: PostgresHandle) {
  const { rows } = await pool.query<{ hash: string, times: number }>('select hash, count(*)::int as times from drizzle.__drizzle_migrations group by hash')
  return rows
}

t.test('migrating twice is harmless and creates the tables', { skip }, async (t) => {
  const database = await freshDatabase(t)
  await migratePostgres(database.db)
  await migratePostgres(database.db)
  const { rows } = await database.pool.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public' order by tablename")
  t.same(rows.map((row) => row.tablename), [
    'api_tokens', 'article_authors', 'article_corrections', 'article_encoding_queue', 'article_public_search', 'article_representation_bodies', 'article_representation_encodings', 'article_representation_queue', 'article_representations',
    'article_revisions', 'article_slug_history', 'article_tags', 'articles', 'authors', 'events', 'replies', 'sections',
    'settings', 'tags', 'webhook_attempts', 'webhook_deliveries', 'webhooks'
  ])
  t.equal((await appliedMigrations(database)).length, journal.entries.length)
})

t.test('two instances migrating a fresh database at once both succeed, and each migration is applied once', { skip }, async (t) => {
  const database = await freshDatabase(t)
  const other = openPostgres(database.url, { poolSize: 1, statementTimeoutMs: 10_000 })
  t.teardown(() => other.close())
  await Promise.all([migratePostgres(database.db), migratePostgres(other.db)])
  const applied = await appliedMigrations(database)
  t.equal(applied.length, journal.entries.length)
  t.ok(applied.every((migration) => migration.times === 1))
})

async function createArticle ({ db }: PostgresHandle, slug: string, headline: string) {
  const [section] = await db.insert(pgSchema.sections).values({ slug: `section-${slug}`, name: 'Africa' }).returning()
  const [article] = await db.insert(pgSchema.articles).values({
    slug,
    headline,
    body: [{ type: 'paragraph', text: 'Voters queued from dawn.' }],
    bodyHtml: '<p>Voters queued from dawn.</p>',
    bodyText: 'Voters queued from dawn.',
    wordCount: 4,
    readingTime: 1,
    sectionId: section!.id,
    publishedAt: '2026-03-01T08:00:00.000Z'
  }).returning()
  return article!
}

t.test('times and JSON read back exactly as SQLite gives them', { skip }, async (t) => {
  const article = await createArticle(shared!, 'times-round-trip', 'Markets open higher')
  t.equal(article.publishedAt, '2026-03-01T08:00:00.000Z')
  t.match(article.createdAt, ISO_TIME)
  t.same(article.body, [{ type: 'paragraph', text: 'Voters queued from dawn.' }])
  const [author] = await shared!.db.insert(pgSchema.authors).values({ slug: 'adrian-ovalle', name: 'Adrian Ovalle' }).returning()
  t.same(author!.links, [])
})

t.test('search_vector is kept by a trigger and ignores accents', { skip }, async (t) => {
  const { db, pool } = shared!
  const article = await createArticle(shared!, 'elections-senegal', 'Élections au Sénégal')
  const search = async (word: string) => (await pool.query<{ id: number }>(
    "select id from articles where search_vector @@ to_tsquery('simple', news_unaccent($1))", [word])).rows.map((row) => row.id)
  t.same(await search('senegal'), [article.id])
  t.same(await search('ÉLECTIONS'), [article.id])
  await db.update(pgSchema.articles).set({ bodyText: 'Turnout was high in Dakar.' }).where(eq(pgSchema.articles.id, article.id))
  t.same(await search('dakar'), [article.id], 'an update of the body text refreshes the vector')
})

t.test('renaming an article records its old slug, and reusing a slug stops its redirect', { skip }, async (t) => {
  const { db } = shared!
  const article = await createArticle(shared!, 'first-slug', 'Floods in the Niger delta')
  const rename = (slug: string) => db.update(pgSchema.articles).set({ slug }).where(eq(pgSchema.articles.id, article.id))
  const history = () => db.select({ slug: pgSchema.articleSlugHistory.slug, articleId: pgSchema.articleSlugHistory.articleId })
    .from(pgSchema.articleSlugHistory).where(eq(pgSchema.articleSlugHistory.articleId, article.id)).orderBy(pgSchema.articleSlugHistory.slug)
  await rename('second-slug')
  t.same(await history(), [{ slug: 'first-slug', articleId: article.id }])
  await rename('first-slug')
  t.same(await history(), [{ slug: 'second-slug', articleId: article.id }])
})

t.test('the content clock moves on a write to public content', { skip }, async (t) => {
  const { db } = shared!
  const clock = async () => (await db.select().from(pgSchema.settings).where(eq(pgSchema.settings.key, 'content_changed_at')))[0]?.value
  await db.update(pgSchema.settings).set({ value: '2000-01-01T00:00:00.000Z' }).where(eq(pgSchema.settings.key, 'content_changed_at'))
  await db.insert(pgSchema.sections).values({ slug: 'elections', name: 'Elections' })
  const moved = await clock()
  t.match(moved, ISO_TIME)
  t.ok(Math.abs(Date.parse(moved!) - Date.now()) < 60_000, 'to the time of the write')
})

t.test('a statement publishing many articles moves each clock once, not once per row', { skip }, async (t) => {
  const { db } = shared!
  const [section] = await db.insert(pgSchema.sections).values({ slug: 'bulk', name: 'Bulk' }).returning()
  const clockWrites = await db.transaction(async (tx) => {
    // Writes to the settings table, where the clocks are kept, that this connection has not yet reported to the
    // server's statistics: the statement's own are the difference.
    const settingsWrites = async () => Number((await tx.execute<{ writes: string }>(sql`select coalesce(sum(n_tup_ins + n_tup_upd), 0) as writes
      from pg_stat_xact_user_tables where relname = 'settings'`)).rows[0]?.writes)
    const before = await settingsWrites()
    await tx.execute(sql`insert into articles (slug, headline, body, body_html, body_text, word_count, reading_time, status, published_at, section_id)
      select 'bulk-' || i, 'Bulk ' || i, '[]'::json, '', '', 0, 1, 'published', '2026-03-01T08:00:00.000Z', ${section!.id} from generate_series(1, 500) as i`)
    return await settingsWrites() - before
  })
  t.equal(clockWrites, 3, 'the public clock, its generation and the partners\' clock, once each')
})

t.test('names sort by code point, as SQLite sorts them, whatever the server collation', { skip }, async (t) => {
  const { db } = shared!
  const names = ['Zoë Adeyemi', 'adam Kane', 'Émile Diouf', 'Bola Tinubu']
  await db.insert(pgSchema.tags).values(names.map((name, i) => ({ slug: `sorted-${i}`, name })))
  const sorted = await db.select({ name: pgSchema.tags.name }).from(pgSchema.tags)
    .where(sql`${pgSchema.tags.slug} like 'sorted-%'`).orderBy(pgSchema.tags.name)
  t.same(sorted.map((row) => row.name), [...names].sort())
})

t.test('the public search table holds the vector of each public article, and follows every change of what is public or searched', { skip }, async (t) => {
  const { db, pool } = shared!
  const article = await createArticle(shared!, 'public-search-follows', 'Harvest festival in Kano')
  const search = async (word: string) => (await pool.query<{ id: number }>(
    "select article_id as id from article_public_search where search_vector @@ to_tsquery('simple', news_unaccent($1)) and article_id = $2", [word, article.id])).rows.map((row) => row.id)
  const update = (values: Partial<typeof pgSchema.articles.$inferInsert>) => db.update(pgSchema.articles).set(values).where(eq(pgSchema.articles.id, article.id))
  await update({ status: 'published' })
  t.same(await search('harvest'), [article.id], 'published: found')
  await update({ headline: 'Drought in Kano' })
  t.same([await search('harvest'), await search('drought')], [[], [article.id]], 'a new headline replaces the vector')
  await update({ embargoedUntil: '2099-01-01T00:00:00.000Z' })
  t.same(await search('drought'), [], 'under embargo: gone')
  await update({ embargoedUntil: null })
  t.same(await search('drought'), [article.id], 'lifted: back')
  await update({ withdrawnAt: '2026-03-02T08:00:00.000Z' })
  t.same(await search('drought'), [], 'withdrawn: gone')
  await update({ withdrawnAt: null, status: 'draft', publishedAt: null })
  t.same(await search('drought'), [], 'a draft: not there')
  await update({ status: 'published', publishedAt: '2026-03-03T08:00:00.000Z' })
  t.same(await search('drought'), [article.id], 'published again: back')
  await db.delete(pgSchema.articles).where(eq(pgSchema.articles.id, article.id))
  t.same(await search('drought'), [], 'deleted: gone')
})

t.test('a public search takes its matches from the public search table, never by walking the articles backwards', { skip }, async (t) => {
  const { db, pool } = await freshDatabase(t)
  await migratePostgres(db)
  // A common word, as most of a newsroom's words are, and a third of the articles drafts: walking the primary key
  // backwards for the newest matches looked cheap to the planner, and read a vector for every article it passed.
  await pool.query("insert into sections (slug, name) values ('world', 'World')")
  await pool.query(`insert into articles (slug, headline, body, body_html, body_text, word_count, reading_time, section_id, status, published_at)
    select 'story-' || i, 'Story ' || i, '[]', '', case when i % 4 = 0 then 'Election day' else 'Weather report' end, 2, 1,
      (select id from sections), case when i % 3 = 0 then 'draft' else 'published' end, case when i % 3 = 0 then null else now() end
    from generate_series(1, 5000) as i`)
  await pool.query('analyze articles, article_public_search')
  const query = tsQueryOf(['election'])
  for (const condition of [isPublicMatch(query), isInWindow(query)]) {
    const { sql: text, params } = db.select({ id: pgSchema.articles.id }).from(pgSchema.articles).where(condition).toSQL()
    const plan = (await pool.query<{ 'QUERY PLAN': string }>(`explain ${text}`, params)).rows.map((row) => row['QUERY PLAN']).join('\n')
    t.match(plan, /Scan on article_public_search/)
    t.notMatch(plan, /Backward/)
  }
})
