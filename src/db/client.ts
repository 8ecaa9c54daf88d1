// Opens the SQLite file with the pragmas the service relies on and brings its schema up to date.
import { existsSync, mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
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

/** How many migrations the file records as applied: Drizzle's journal table appears with the first. */
function appliedMigrations (sqlite: Database.Database): number {
  const journal = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()
  return journal ? sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get() as number : 0
}

/**
 * Applies the migrations not yet applied and returns how many it applied.
 *
 * Processes starting together on a new file race to migrate it: the migrator reads what is applied, then writes,
 * so the loser fails (the table exists, or the file is busy) and rolls back. It then waits for the winner's write
 * lock to go (an empty IMMEDIATE transaction honours busy_timeout) and reads again, finding nothing left to do.
 */
export function migrateDatabase ({ db, sqlite }: DatabaseHandle): number {
  for (let attempt = 1; ; attempt++) {
    const before = appliedMigrations(sqlite)
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
      return appliedMigrations(sqlite) - before
    } catch (error) {
      if (attempt === 3) throw error
      sqlite.exec('BEGIN IMMEDIATE; COMMIT')
    }
  }
}
