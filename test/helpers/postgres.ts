// PostgreSQL databases for the tests. Each app gets a database of its own, emptied for it: databases are numbered,
// made once from a migrated template, and claimed by one test process at a time through an advisory lock, so tap's
// parallel test files never share one. Creating and dropping a database per test would cost seconds each (DROP
// DATABASE waits for a checkpoint); emptying one costs milliseconds.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import tap from 'tap'
import { POSTGRES_MIGRATIONS_FOLDER } from '../../src/db/postgres.js'
import { loadConfig } from '../../src/config.js'
import { createPostgresStore } from '../../src/db/postgres-store.js'
import { createWebAddresses } from '../../src/shared/web-addresses.js'

/** The server the PostgreSQL half of the suite uses, as a URL to one of its databases. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

// Advisory lock keys, the same in every test process: one builds the template, each numbered database has one holder.
const TEMPLATE_LOCK = 4_211_077
const DATABASE_LOCKS = 4_211_078

// Children before parents, so each delete leaves no row pointing at a deleted one.
const TABLES = ['webhook_attempts', 'webhook_deliveries', 'webhooks', 'events', 'article_authors', 'article_tags', 'article_slug_history',
  'article_revisions', 'article_corrections', 'replies', 'articles', 'api_tokens', 'sections', 'authors', 'tags', 'settings']
const IDENTITIES = ['sections', 'authors', 'tags', 'api_tokens', 'articles', 'article_revisions', 'article_corrections', 'replies',
  'events', 'webhooks', 'webhook_deliveries', 'webhook_attempts']

export function testDatabaseUrl (database: string): string {
  const url = new URL(TEST_DATABASE_URL)
  url.pathname = `/${database}`
  return url.toString()
}

/** Named after the migrations it holds, so a changed migration gets new databases instead of stale ones. */
export async function templateName (): Promise<string> {
  const hash = createHash('sha256')
  for (const file of (await readdir(POSTGRES_MIGRATIONS_FOLDER, { recursive: true })).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(await readFile(join(POSTGRES_MIGRATIONS_FOLDER, file)))
  }
  return `news_test_${hash.digest('hex').slice(0, 12)}`
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

async function empty (url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // As new: no rows, ids from 1, and the content clock a migration starts. DELETE rather than TRUNCATE: these
    // tables hold a few rows, and TRUNCATE makes new files for every table and index, ten times slower.
    await client.query(`begin;
      update sections set parent_id = null;
      ${TABLES.map((table) => `delete from ${table};`).join('\n')}
      ${IDENTITIES.map((table) => `select setval(pg_get_serial_sequence('${table}', 'id'), 1, false);`).join('\n')}
      insert into settings(key, value) values ('content_changed_at', to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        on conflict (key) do update set value = excluded.value;
      commit`)
  } finally {
    await client.end()
  }
}

// Session advisory locks are re-entrant: the one session that holds a database's lock would claim it again for a
// second app alive at the same time, and empty it under the first. So this process remembers what it holds.
const held = new Set<number>()

/** A migrated, empty database for one app; release gives it back for the next. */
export async function useTestDatabase (): Promise<{ url: string, release: () => Promise<void> }> {
  const source = await ensureTemplate()
  const client = await adminClient()
  for (let number = 1; ; number++) {
    if (held.has(number)) continue
    // Taken before the query, so that two apps built at once in this process never try the same number.
    held.add(number)
    const claimed = await client.query('select pg_try_advisory_lock($1, $2) as claimed', [DATABASE_LOCKS, number])
    if (!claimed.rows[0].claimed) {
      held.delete(number)
      continue
    }
    const name = `${source.replace(/_template$/, '')}_${number}`
    if ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) {
      await client.query(`create database ${name} template ${source}`)
    }
    const url = testDatabaseUrl(name)
    await empty(url)
    return {
      url,
      release: async () => {
        await client.query('select pg_advisory_unlock($1, $2)', [DATABASE_LOCKS, number])
        held.delete(number)
      }
    }
  }
}
