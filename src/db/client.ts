// Opens the SQLite file with the pragmas the service relies on and brings its schema up to date.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema.js'

export type Db = BetterSQLite3Database<typeof schema>

export interface DatabaseHandle {
  db: Db
  sqlite: Database.Database
  close: () => void
}

// src/db and dist/db both sit two levels below the project root, where migrations/ lives.
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url))

export function openDatabase (path: string, { readonly = false } = {}): DatabaseHandle {
  const inMemory = path === ':memory:'
  if (!inMemory && !readonly) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path, { readonly })
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

/**
 * Processes starting together on a new file race to migrate it: the migrator reads what is applied, then writes,
 * so the loser fails (the table exists, or the file is busy) and rolls back. It then waits for the winner's write
 * lock to go (an empty IMMEDIATE transaction honours busy_timeout) and reads again, finding nothing left to do.
 */
export function migrateDatabase ({ db, sqlite }: DatabaseHandle): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
      return
    } catch (error) {
      if (attempt === 3) throw error
      sqlite.exec('BEGIN IMMEDIATE; COMMIT')
    }
  }
}
