// Errors that say the database could not serve a statement now, not that the statement was wrong: the request may be
// sent again as it was, so the service answers 503 with Retry-After, not 500.

/**
 * PostgreSQL's: a statement cancelled (DATABASE_STATEMENT_TIMEOUT_MS, or by an administrator), a lock not granted in
 * time, too many connections, a server starting up or shutting down.
 */
const UNAVAILABLE_STATES = new Set(['57014', '55P03', '53300', '57P03', '57P01'])

/**
 * Whether an error, or one it wraps (Drizzle wraps the driver's), says the database could not serve the statement
 * now: one of UNAVAILABLE_STATES, a refused connection, node-postgres's pool finding no free connection within its
 * connectionTimeoutMillis, or a SQLite write that waited out busy_timeout behind another process's.
 */
export function isDatabaseUnavailable (error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code
    // SQLITE_LOCKED is left out: it comes from misuse of one connection, a bug, not from another process.
    if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || code === 'ECONNREFUSED' || code.startsWith('SQLITE_BUSY'))) return true
    // The pool's error has no code of its own.
    if (cause.message === 'timeout exceeded when trying to connect') return true
  }
  return false
}
