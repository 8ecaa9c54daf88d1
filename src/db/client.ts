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
  // WAL lets readers go on while one writer commits; it has no meaning for an in-memory database. The writer
  // sets it, and it stays with the file.
  if (!inMemory && !readonly) sqlite.pragma('journal_mode = WAL')
  // NORMAL is durable in WAL mode except for the last commits before a power loss, never corrupting.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  // Another process (a CLI, a second worker) may hold the write lock for a moment.
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  return { db, sqlite, close: () => sqlite.close() }
}

export function migrateDatabase (db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
}
