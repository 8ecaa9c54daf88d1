// The unit of work on PostgreSQL: a pool shared by every request, and a real transaction for each unit of work.
import { createPostgresArticlesRepository } from '../modules/articles/articles.repository.pg.js'
import { createPostgresEditorialRepository } from '../modules/articles/articles.editorial.repository.pg.js'
import { createPostgresAuthorsRepository } from '../modules/authors/authors.repository.pg.js'
import { createPostgresRepliesRepository } from '../modules/replies/replies.repository.pg.js'
import { createPostgresSectionsRepository } from '../modules/sections/sections.repository.pg.js'
import { createPostgresSyndicationRepository } from '../modules/syndication/syndication.repository.pg.js'
import { createPostgresTagsRepository } from '../modules/tags/tags.repository.pg.js'
import { createPostgresTokensRepository } from '../modules/tokens/tokens.repository.pg.js'
import { createPostgresEventsRepository } from '../modules/events/events.repository.pg.js'
import { createPostgresWebhooksRepository } from '../modules/webhooks/webhooks.repository.pg.js'
import { createPostgresOperationsRepository } from '../modules/health/operations.repository.pg.js'
import { ConflictError } from '../shared/errors.js'
import type { WebAddresses } from '../shared/web-addresses.js'
import { migratePostgres, openPostgres, type PgExecutor, type PostgresHandle, type PostgresOptions } from './postgres.js'
import { createPostgresRowsRepository } from './rows.pg.js'
import { createPostgresSettingsRepository } from './settings.pg.js'
import type { Repositories, Store } from './store.js'

export function createPostgresRepositories (db: PgExecutor, links: WebAddresses): Repositories {
  const settings = createPostgresSettingsRepository(db)
  return {
    articles: createPostgresArticlesRepository(db, links, settings),
    editorial: createPostgresEditorialRepository(db),
    sections: createPostgresSectionsRepository(db, links),
    authors: createPostgresAuthorsRepository(db, links),
    tags: createPostgresTagsRepository(db, links),
    replies: createPostgresRepliesRepository(db),
    tokens: createPostgresTokensRepository(db),
    settings,
    events: createPostgresEventsRepository(db),
    webhooks: createPostgresWebhooksRepository(db),
    syndication: createPostgresSyndicationRepository(db, links),
    rows: createPostgresRowsRepository(db),
    operations: createPostgresOperationsRepository(db)
  }
}

export interface PostgresStore extends Store {
  /** The pool, for the copy tool and tests that set up rows directly. */
  readonly handle: PostgresHandle
}

// A deadlock or a serialization failure means another transaction got there first: the whole unit runs again.
const RETRYABLE = new Set(['40P01', '40001'])
const ATTEMPTS = 3
// A unique or foreign key that another transaction's write broke between our checks and our write.
const RACE_LOST = new Set(['23505', '23503'])

/** The SQLSTATE of a driver error, which Drizzle wraps in an error of its own. */
function sqlState (error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ('code' in cause && typeof cause.code === 'string' && /^[0-9A-Z]{5}$/.test(cause.code)) return cause.code
  }
  return undefined
}

/**
 * Opens the pool and migrates first. Each unit of work is one transaction at READ COMMITTED, PostgreSQL's default,
 * with the locks its checks need taken explicitly by the repositories: the article row (FOR UPDATE) before a write
 * that reads it, an advisory lock per slug before a slug is allocated, one for section moves, one per reply
 * thread; the scheduler claims rows with FOR UPDATE SKIP LOCKED, and If-Match is a conditional UPDATE, which
 * PostgreSQL re-checks against the row a concurrent writer committed. SERIALIZABLE would give the same answers
 * with more aborted and retried work on the hot paths (every write to public content touches the content clock rows).
 */
export async function createPostgresStore (url: string, options: PostgresOptions, links: WebAddresses): Promise<PostgresStore> {
  const handle = openPostgres(url, options)
  let migrationsApplied: number
  try {
    migrationsApplied = await migratePostgres(handle.db)
  } catch (error) {
    await handle.close()
    throw error
  }
  let closing: Promise<void> | undefined

  return {
    engine: 'postgres',
    migrationsApplied,
    handle,
    read: createPostgresRepositories(handle.db, links),

    async transaction (work) {
      for (let tries = 1; ; tries++) {
        try {
          return await handle.db.transaction(async (tx) => work(createPostgresRepositories(tx, links)))
        } catch (error) {
          const state = sqlState(error)
          if (state !== undefined && RETRYABLE.has(state) && tries < ATTEMPTS) continue
          if (state !== undefined && RACE_LOST.has(state)) {
            throw new ConflictError('CONCURRENT_CHANGE', 'Another change to the same content was saved at the same moment and this one no longer fits with it. Fetch the current state and try again.')
          }
          throw error
        }
      }
    },

    async ping () {
      await handle.pool.query('select 1')
    },

    gauges () {
      const { totalCount, idleCount, waitingCount } = handle.pool
      return { engine: 'postgres', connections: totalCount, idleConnections: idleCount, waitingRequests: waitingCount }
    },

    // The pool may be ended once only; a health check's test, and shutdown, may both ask.
    async close () {
      closing ??= handle.close()
      await closing
    }
  }
}
