// Opens the SQLite file with the pragmas the service relies on and brings its schema up to date.
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import * as schema from './schema.js'
import { PACKAGE_ROOT } from '../shared/package-root.js'

export type Db = BetterSQLite3Database<typeof schema>

export interface DatabaseHandle {
  db: Db
  sqlite: Database.Database
  close: () => void
}

export const MIGRATIONS_FOLDER = join(PACKAGE_ROOT, 'migrations', 'sqlite')

/**
 * Creates a folder and its missing parents, one level at a time. Node's recursive mkdir spins forever at full CPU
 * where a parent exists but answers ENOENT for any child, as /proc does: one level at a time, that ENOENT is thrown.
 */
function createFolder (folder: string): void {
  const missing: string[] = []
  for (let current = resolve(folder); !existsSync(current); current = dirname(current)) missing.unshift(current)
  for (const path of missing) {
    try {
      mkdirSync(path)
    } catch (error) {
      // Another process starting on the same new file may have made it in between.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
}

/**
 * A database file's path, ':memory:' for a new in-memory database, or a database image (what serialize() returns) for
 * an in-memory database that starts as its copy: tests start each app from one migrated once.
 */
export type DatabaseSource = string | Buffer

export function isInMemory (source: DatabaseSource): boolean {
  return typeof source !== 'string' || source === ':memory:'
}

export function openDatabase (source: DatabaseSource, { readonly = false } = {}): DatabaseHandle {
  const inMemory = isInMemory(source)
  if (typeof source === 'string' && !inMemory && !readonly) createFolder(dirname(source))
  const sqlite = new Database(source, { readonly })
  // Another process (a CLI, a second worker) may hold the write lock for a moment; first, so that switching a new
  // file to WAL waits for it too.
  sqlite.pragma('busy_timeout = 5000')
  // WAL lets readers go on while one writer commits; it has no meaning for an in-memory database. The writer
  // sets it, and it stays with the file.
  if (!inMemory && !readonly) sqlite.pragma('journal_mode = WAL')
  // NORMAL is durable in WAL mode except for the last commits before a power loss, never corrupting.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  const db = drizzle(sqlite, { schema })
  return { db, sqlite, close: () => sqlite.close() }
}

// Drizzle's journal of applied migrations, as its own migrator makes it, so files migrated by either agree.
const JOURNAL_TABLE = 'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)'

/**
 * How long a start waits for another process's migrating to finish. Rebuilding a large table (0013 copies every
 * article) takes tens of seconds on a big newsroom; the usual busy_timeout would give up first.
 */
const MIGRATION_LOCK_WAIT_MS = 10 * 60_000

/**
 * Applies the migrations not yet applied, in one transaction, and returns how many it applied.
 *
 * The transaction takes the write lock before it reads which are applied: processes starting together on one file
 * wait for the first to finish and then find nothing left to do. (Drizzle's migrator reads them before its
 * transaction, so a process that read while another was migrating ran the same migrations again once it got the lock.)
 *
 * Foreign keys are off while migrating, as SQLite's way to change a table's layout needs (copy it, drop it, rename
 * the copy: with them on, the drop would delete the rows of every table that refers to it), and checked before the
 * migrations commit: a migration that broke a reference is rolled back, and the start fails naming it.
 */
export function migrateDatabase ({ sqlite }: Pick<DatabaseHandle, 'sqlite'>): number {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER })
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number
  sqlite.pragma(`busy_timeout = ${MIGRATION_LOCK_WAIT_MS}`)
  sqlite.pragma('foreign_keys = OFF')
  try {
    sqlite.exec(JOURNAL_TABLE)
    sqlite.exec('BEGIN IMMEDIATE')
    let pending: typeof migrations
    try {
      const last = sqlite.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').pluck().get()
      pending = migrations.filter((migration) => last === undefined || Number(last) < migration.folderMillis)
      const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)')
      for (const migration of pending) {
        for (const statement of migration.sql) sqlite.exec(statement)
        record.run(migration.hash, migration.folderMillis)
      }
      if (pending.length > 0) assertForeignKeysHold(sqlite)
      sqlite.exec('COMMIT')
    } catch (error) {
      sqlite.exec('ROLLBACK')
      throw error
    }
    // A migration that rewrote a table left a write-ahead log as large as the table, which SQLite would otherwise
    // keep at that size on disk for as long as the file is open.
    if (pending.length > 0) sqlite.pragma('wal_checkpoint(TRUNCATE)')
    return pending.length
  } finally {
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`busy_timeout = ${busyTimeout}`)
  }
}

function assertForeignKeysHold (sqlite: Database.Database): void {
  const broken = sqlite.pragma('foreign_key_check') as Array<{ table: string, rowid: number, parent: string }>
  if (broken.length === 0) return
  const named = broken.slice(0, 5).map(({ table, rowid, parent }) => `${table} row ${rowid} refers to a missing ${parent} row`)
  throw new Error(`Migrating would leave ${broken.length} rows referring to rows that do not exist (${named.join('; ')}), ` +
    'so the migrations were rolled back: repair or delete those rows, then start again.')
}
