// The one place the engine is chosen: PostgreSQL when DATABASE_URL is set, the SQLite file at DATABASE_PATH otherwise.
import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Config } from '../config.js'
import { ConfigError } from '../config-error.js'
import { createWebAddresses, type WebAddresses, type WebSettings } from '../shared/web-addresses.js'
import { createSqliteStore, type SqliteStore } from './sqlite-store.js'
import type { Store } from './store.js'

export type StoreConfig = Pick<Config, 'databasePath' | 'databaseUrl' | 'databasePoolSize' | 'databaseStatementTimeoutMs'> & WebSettings

/** Opens the database and migrates it. onIdleError hears of pooled PostgreSQL connections the server dropped. */
export async function openStore (config: StoreConfig, onIdleError?: (error: Error) => void): Promise<Store> {
  const links = createWebAddresses(config)
  if (config.databaseUrl === null) return openSqliteStore(config.databasePath, links)
  // PostgreSQL's driver and repositories are loaded only for a PostgreSQL store: a start on SQLite skips them.
  const { createPostgresStore } = await import('./postgres-store.js')
  try {
    return await createPostgresStore(config.databaseUrl, {
      poolSize: config.databasePoolSize,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      ...(onIdleError && { onIdleError })
    }, links)
  } catch (error) {
    // An unreachable server, a wrong database or role: the operator needs the setting and the server's words.
    throw new ConfigError(`Cannot open the PostgreSQL database at ${describeStore(config)} (DATABASE_URL): ${rootMessage(error)}. ` +
      'Check that the server is up and that DATABASE_URL names a database and role it accepts.')
  }
}

const SQLITE_FIX = 'set DATABASE_PATH to a file in a folder the service may write to, such as ./data/news.db'

/** Opens and migrates the SQLite file at path; a path the service cannot use is a ConfigError saying why and what to set. */
export function openSqliteStore (path: string, links: WebAddresses): SqliteStore {
  try {
    return createSqliteStore(path, links)
  } catch (error) {
    // The driver's and the file system's errors are about the path; any other is a defect, kept with its stack.
    if (!(error instanceof Database.SqliteError) && !isSystemError(error)) throw error
    throw new ConfigError(`Cannot open the SQLite database at ${resolve(path)} (DATABASE_PATH): ${sqliteProblem(path, error)}.`)
  }
}

function isSystemError (error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'syscall' in error
}

/** What is wrong with a path SQLite could not open, and the fix: the driver says only "unable to open database file". */
function sqliteProblem (path: string, error: NodeJS.ErrnoException): string {
  if (existsSync(path) && statSync(path).isDirectory()) return `it is a folder; set DATABASE_PATH to a file, such as ${join(resolve(path), 'news.db')}`
  let existing = resolve(dirname(path))
  while (!existsSync(existing)) existing = dirname(existing)
  if (!statSync(existing).isDirectory()) return `${existing} is not a folder; ${SQLITE_FIX}`
  if (error.syscall === 'mkdir') return `cannot create the folder ${error.path} (${error.code}); ${SQLITE_FIX}`
  if (error.code === 'SQLITE_NOTADB') return 'the file is not an SQLite database; set DATABASE_PATH to the service\'s database file, or to a new file to start afresh'
  return `${error.message}; check that the service may read and write the file and its folder, or ${SQLITE_FIX}`
}

/** The innermost message of an error chain: the driver's, not a wrapper's that repeats the query and its values. */
export function rootMessage (error: unknown): string {
  let message = String(error)
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.message) message = cause.message
  }
  return message
}

/** Where the store keeps its data, for logs and messages: the SQLite file's absolute path, never a password. */
export function describeStore (config: Pick<StoreConfig, 'databasePath' | 'databaseUrl'>): string {
  if (config.databaseUrl === null) return config.databasePath === ':memory:' ? ':memory:' : resolve(config.databasePath)
  const url = new URL(config.databaseUrl)
  url.password = ''
  // libpq, and so the driver, also take the password as a parameter.
  url.searchParams.delete('password')
  return url.toString()
}

/** What opening the database did, for the start-up log: which database, how many migrations, whether it seeded. */
export function describeOpening (config: Pick<StoreConfig, 'databasePath' | 'databaseUrl'>, store: Pick<Store, 'migrationsApplied'>, demoSeeded: boolean): string {
  const migrations = store.migrationsApplied === 0
    ? 'schema already current'
    : `${store.migrationsApplied} migration${store.migrationsApplied === 1 ? '' : 's'} applied`
  const database = config.databaseUrl !== null
    ? `the PostgreSQL database ${describeStore(config)}`
    : config.databasePath === ':memory:' ? 'an in-memory SQLite database' : `the SQLite database ${describeStore(config)}`
  return `opened ${database}: ${migrations}, demo content ${demoSeeded ? 'seeded' : 'not seeded'}`
}
