// PostgreSQL databases for the tests. Each app gets a database of its own, emptied for it: databases are numbered,
// made once from a migrated template, and claimed by one test process at a time through an advisory lock, so tap's
// parallel test files never share one. Creating and dropping a database per test would cost seconds each (DROP
// DATABASE waits for a checkpoint); emptying one costs milliseconds. An app that wants the demo gets its rows copied
// back from a snapshot the database keeps of its own first seeding, ten times faster than seeding again. A process
// keeps one store, and so one pool, per database it has used: apps come and go on connections already open.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import tap from 'tap'
import { POSTGRES_MIGRATIONS_FOLDER } from '../../src/db/postgres.js'
import { loadConfig } from '../../src/config.js'
import { createPostgresStore, type PostgresStore } from '../../src/db/postgres-store.js'
import { createWebAddresses, type WebSettings } from '../../src/shared/web-addresses.js'
import { seedDemoContent } from '../../src/db/seed.js'
import { PACKAGE_ROOT } from '../../src/shared/package-root.js'
import { TEST_DATABASE_URL } from './postgres-server.js'

export { TEST_DATABASE_URL }

/** The pool each app's store gets, unless a test configures another. */
export const TEST_POOL = { poolSize: 4, statementTimeoutMs: 10_000 }

/** The web addresses of test apps; the website apart from the API, so that a test can tell a page from a link here. */
export const TEST_WEB_SETTINGS: WebSettings = {
  publicBaseUrl: 'http://news.test',
  siteUrl: 'https://www.news.test',
  articleUrlTemplate: '{site}/{section}/{slug}',
  sectionUrlTemplate: '{site}/{section}',
  authorUrlTemplate: '{site}/authors/{slug}',
  tagUrlTemplate: '{site}/tags/{slug}',
  previewUrlTemplate: null
}

// Advisory lock keys, the same in every test process: one builds the template, each numbered database has one holder.
const TEMPLATE_LOCK = 4_211_077
const DATABASE_LOCKS = 4_211_078

// Children before parents, so each delete leaves no row pointing at a deleted one.
const TABLES = ['article_representation_encodings', 'article_representation_bodies', 'article_representations',
  'webhook_attempts', 'webhook_deliveries', 'webhooks', 'events', 'article_authors', 'article_tags', 'article_slug_history',
  'article_revisions', 'article_corrections', 'replies', 'articles', 'api_tokens', 'sections', 'authors', 'tags', 'settings']
const IDENTITIES = ['sections', 'authors', 'tags', 'api_tokens', 'articles', 'article_revisions', 'article_corrections', 'replies',
  'events', 'webhooks', 'webhook_deliveries', 'webhook_attempts']

// Parents first: rows copied back in this order satisfy every foreign key.
const SNAPSHOT_TABLES = [...TABLES].reverse()
// Filled by triggers as the other rows are copied back, so given the snapshot's rows last: the demo's articles are
// stored as seeding left them, not queued, and read as stored.
const QUEUES = ['article_representation_queue', 'article_encoding_queue']
const SNAPSHOT = 'demo_snapshot'
// The TypeScript, also when the suite runs compiled.
const SOURCE_FOLDER = join(PACKAGE_ROOT, 'src')

export function testDatabaseUrl (database: string): string {
  const url = new URL(TEST_DATABASE_URL)
  url.pathname = `/${database}`
  return url.toString()
}

async function folderHash (folder: string, extensions: string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const file of (await readdir(folder, { recursive: true })).sort()) {
    if (extensions.some((extension) => file.endsWith(extension))) hash.update(file).update(await readFile(join(folder, file)))
  }
  return hash.digest('hex')
}

/** Named after the migrations it holds, so a changed migration gets new databases instead of stale ones. */
export async function templateName (): Promise<string> {
  return `news_test_${(await folderHash(POSTGRES_MIGRATIONS_FOLDER, ['.sql', '.json'])).slice(0, 12)}`
}

let sourceHash: Promise<string> | undefined

/** What the demo snapshot was made by: any change to the code may change what seeding writes, or what a snapshot holds. */
function seedingCode (): Promise<string> {
  sourceHash ??= (async () => createHash('sha256').update(await folderHash(SOURCE_FOLDER, ['.ts'])).update(await readFile(new URL(import.meta.url))).digest('hex'))()
  return sourceHash
}

let admin: Promise<pg.Client> | undefined

/** One connection per test process, holding its databases' locks until the process ends. */
function adminClient (): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
    await client.connect()
    tap.teardown(() => client.end())
    return client
  })()
  return admin
}

let template: Promise<string> | undefined

function ensureTemplate (): Promise<string> {
  template ??= (async () => {
    const name = `${await templateName()}_template`
    const client = await adminClient()
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK])
    try {
      if ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) {
        const building = `${name}_building`
        await client.query(`drop database if exists ${building} with (force)`)
        await client.query(`create database ${building}`)
        // Opening a store migrates it; closing it leaves no connection behind, which a template needs.
        const store = await createPostgresStore(testDatabaseUrl(building), { poolSize: 1, statementTimeoutMs: 0 }, createWebAddresses(loadConfig({})))
        await store.close()
        await client.query(`alter database ${building} rename to ${name}`)
      }
    } finally {
      await client.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK])
    }
    return name
  })()
  return template
}

// No rows, ids from 1. DELETE rather than TRUNCATE: nearly every test leaves a few hundred rows at most, and TRUNCATE
// makes new files for every table and index, ten times slower. One leaves fifty thousand articles (the sitemap paging
// test), which may take longer to delete than the pool's statement timeout on a slower machine: emptying runs clear
// of that timeout.
const EMPTY = `set local statement_timeout = 0;
  update sections set parent_id = null;
  ${TABLES.map((table) => `delete from ${table};`).join('\n')}
  ${IDENTITIES.map((table) => `select setval(pg_get_serial_sequence('${table}', 'id'), 1, false);`).join('\n')}`

// The content clocks a migration starts, or a seeding moves: now.
const CLOCK_NOW = `insert into settings(key, value)
  select clock, to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from unnest(array['content_changed_at', 'syndicated_content_changed_at']) as clock
  on conflict (key) do update set value = excluded.value;`

// The demo's rows as its seeding left them, ids, times and sequences included. Inserting the articles fires their
// slug history trigger, which finds nothing to remove; the clock is moved to now at the end, as seeding would.
const RESTORE_DEMO = `${EMPTY}
  ${SNAPSHOT_TABLES.map((table) => `insert into ${table} select * from ${SNAPSHOT}.${table};`).join('\n')}
  ${QUEUES.map((queue) => `delete from ${queue}; insert into ${queue} select * from ${SNAPSHOT}.${queue};`).join('\n')}
  select setval(sequence, last_value, is_called) from ${SNAPSHOT}.sequences;
  ${CLOCK_NOW}`

/** Keeps the demo this database was just seeded with, for RESTORE_DEMO. */
async function snapshotDemo (pool: pg.Pool, madeBy: string): Promise<void> {
  await pool.query(`begin;
    drop schema if exists ${SNAPSHOT} cascade;
    create schema ${SNAPSHOT};
    ${[...SNAPSHOT_TABLES, ...QUEUES].map((table) => `create table ${SNAPSHOT}.${table} as table ${table};`).join('\n')}
    create table ${SNAPSHOT}.sequences as
      select sequence, coalesce(pg_sequence_last_value(sequence), 1) as last_value, pg_sequence_last_value(sequence) is not null as is_called
      from (values ${IDENTITIES.map((table) => `(pg_get_serial_sequence('${table}', 'id')::regclass)`).join(', ')}) as identities(sequence);
    create table ${SNAPSHOT}.made_by as select '${madeBy}'::text as code;
    commit`)
}

async function snapshotMadeBy (pool: pg.Pool): Promise<string | undefined> {
  if ((await pool.query(`select to_regclass('${SNAPSHOT}.made_by') as present`)).rows[0].present === null) return undefined
  return (await pool.query(`select code from ${SNAPSHOT}.made_by`)).rows[0]?.code
}

const stores = new Map<string, Promise<PostgresStore>>()

/**
 * The process's store on a test database, opened at its first use, closed when the process ends; opened again if a
 * test closed it, as the health check's does.
 */
async function storeOn (url: string): Promise<PostgresStore> {
  const open = stores.get(url)
  if (open && !(await open).handle.pool.ended) return open
  const store = createPostgresStore(url, TEST_POOL, createWebAddresses(TEST_WEB_SETTINGS))
  stores.set(url, store)
  tap.teardown(async () => { await (await store).close() })
  return store
}

/** Empties the database, then gives it the demo when asked: from its snapshot, or seeded anew when the code changed. */
async function prepare (store: PostgresStore, seedDemo: boolean): Promise<void> {
  const { pool } = store.handle
  const code = seedDemo ? await seedingCode() : undefined
  if (code !== undefined && await snapshotMadeBy(pool) === code) {
    await pool.query(`begin; ${RESTORE_DEMO} commit`)
    return
  }
  await pool.query(`begin; ${EMPTY} ${CLOCK_NOW} commit`)
  if (code === undefined) return
  await seedDemoContent(store)
  await snapshotDemo(pool, code)
}

const heldHere = new Set<number>()

export interface TestDatabase {
  url: string
  /** The process's store on it, with the TEST_POOL settings, for the apps that use the database in turn. */
  store: PostgresStore
  /** Gives the database back, for the next app. */
  release: () => Promise<void>
}

/** A migrated database for one app, empty or holding the demo as a new one seeded would. */
export async function useTestDatabase ({ seedDemo = false } = {}): Promise<TestDatabase> {
  const source = await ensureTemplate()
  const client = await adminClient()
  for (let number = 1; ; number++) {
    // A session may take an advisory lock it holds again: the databases this process holds are skipped here, or two
    // apps of one test would share a database, the second emptying the first's.
    if (heldHere.has(number)) continue
    const claimed = await client.query('select pg_try_advisory_lock($1, $2) as claimed', [DATABASE_LOCKS, number])
    if (!claimed.rows[0].claimed) continue
    heldHere.add(number)
    const release = async () => {
      await client.query('select pg_advisory_unlock($1, $2)', [DATABASE_LOCKS, number])
      heldHere.delete(number)
    }
    const name = `${source.replace(/_template$/, '')}_${number}`
    const url = testDatabaseUrl(name)
    try {
      if ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) {
        await client.query(`create database ${name} template ${source}`)
      }
      const store = await storeOn(url)
      await prepare(store, seedDemo)
      return { url, store, release }
    } catch (error) {
      await release()
      throw error
    }
  }
}
