// The one place the engine is chosen: PostgreSQL when DATABASE_URL is set, the SQLite file at DATABASE_PATH otherwise.
import { ConfigError, type Config } from '../config.js'
import { createSqliteStore } from './sqlite-store.js'
import type { Store } from './store.js'

export type StoreConfig = Pick<Config, 'databasePath' | 'databaseUrl' | 'databasePoolSize' | 'databaseStatementTimeoutMs'>

/** Opens the database and migrates it. onIdleError hears of pooled PostgreSQL connections the server dropped. */
export async function openStore (config: StoreConfig, onIdleError?: (error: Error) => void): Promise<Store> {
  if (config.databaseUrl === null) return createSqliteStore(config.databasePath)
  // PostgreSQL's driver and repositories are loaded only for a PostgreSQL store: a start on SQLite skips them.
  const { createPostgresStore } = await import('./postgres-store.js')
  try {
    return await createPostgresStore(config.databaseUrl, {
      poolSize: config.databasePoolSize,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      ...(onIdleError && { onIdleError })
    })
  } catch (error) {
    // An unreachable server, a wrong database or role: the operator needs the setting and the server's words.
    throw new ConfigError(`Cannot open the PostgreSQL database at ${describeStore(config)} (DATABASE_URL): ${rootMessage(error)}`)
  }
}

/** The innermost message of an error chain: the driver's, not a wrapper's that repeats the query and its values. */
export function rootMessage (error: unknown): string {
  let message = String(error)
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause.message) message = cause.message
  }
  return message
}

/** Where the store keeps its data, for messages: never the password in a URL. */
export function describeStore (config: StoreConfig): string {
  if (config.databaseUrl === null) return config.databasePath
  const url = new URL(config.databaseUrl)
  url.password = ''
  return url.toString()
}
