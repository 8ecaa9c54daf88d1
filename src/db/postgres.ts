// Opens the PostgreSQL pool the service shares across requests and brings its schema up to date, once per deployment.
import { join } from 'node:path'
import { Pool, type PoolClient } from 'pg'
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres'
import type { PgDatabase } from 'drizzle-orm/pg-core'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import * as schema from './schema.pg.js'
import { PACKAGE_ROOT } from '../shared/package-root.js'

export type PgDb = NodePgDatabase<typeof schema> & { $client: Pool }

/** The pool or one transaction on it: what a PostgreSQL repository runs its queries on. */
export type PgExecutor = PgDatabase<NodePgQueryResultHKT, typeof schema>

export interface PostgresHandle {
  db: PgDb
  pool: Pool
  close: () => Promise<void>
}

export interface PostgresOptions {
  poolSize: number
  statementTimeoutMs: number
  /** Told when an idle pooled connection breaks (server restart, failover); the pool has already dropped it. */
  onIdleError?: (error: Error) => void
}

export const POSTGRES_MIGRATIONS_FOLDER = join(PACKAGE_ROOT, 'migrations', 'postgres')

// Any constant works, as long as every instance of the service uses the same one and nothing else on the server does.
const MIGRATION_LOCK_KEY = '7266207762836311'

export function openPostgres (url: string, options: PostgresOptions): PostgresHandle {
  const pool = new Pool({
    connectionString: url,
    max: options.poolSize,
    // Sent when each connection starts, so no query can run unbounded, whichever pooled connection it gets.
    statement_timeout: options.statementTimeoutMs,
    // Names our sessions in pg_stat_activity and the server's logs.
    application_name: 'news-content-api',
    // A server that accepts the connection but never answers would otherwise hold a request, or the start, forever.
    connectionTimeoutMillis: 10_000
  })
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on('error', options.onIdleError ?? (() => {}))
  const db = drizzle(pool, { schema })
  return { db, pool, close: () => pool.end() }
}

/** How many migrations the database records as applied: Drizzle's journal table appears with the first. */
async function appliedMigrations (client: PoolClient): Promise<number> {
  const { rows: [journal] } = await client.query<{ present: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as present")
  if (!journal?.present) return 0
  const { rows: [applied] } = await client.query<{ count: string }>('select count(*) from drizzle.__drizzle_migrations')
  return Number(applied?.count)
}

/**
 * Applies the migrations not yet applied and returns how many it applied. Instances starting together queue on a
 * session-level advisory lock, so the first migrates and the others then find nothing to do; the lock goes with the
 * session if the process dies.
 */
export async function migratePostgres (db: PgDb): Promise<number> {
  const client = await db.$client.connect()
  let applied: number
  try {
    // Waiting for another instance's migration, or a long backfill, must not hit the timeout meant for requests.
    await client.query('set statement_timeout = 0')
    await client.query(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`)
    const before = await appliedMigrations(client)
    // On the locked connection itself: with a pool of one, a second connection would never come.
    await migrate(drizzle(client), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER })
    applied = await appliedMigrations(client) - before
    await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`)
    await client.query('reset statement_timeout')
  } catch (error) {
    // Closing the connection ends its session, and with it the lock and the setting above.
    client.release(true)
    throw error
  }
  client.release()
  return applied
}
