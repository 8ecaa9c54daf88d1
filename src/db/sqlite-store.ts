// The unit of work on SQLite: one writer connection behind a process-wide lock, and a reader connection beside it.
import { createArticlesRepository } from '../modules/articles/articles.repository.js'
import { createEditorialRepository } from '../modules/articles/articles.editorial.repository.js'
import { createAuthorsRepository } from '../modules/authors/authors.repository.js'
import { createRepliesRepository } from '../modules/replies/replies.repository.js'
import { createSectionsRepository } from '../modules/sections/sections.repository.js'
import { createSyndicationRepository } from '../modules/syndication/syndication.repository.js'
import { createTagsRepository } from '../modules/tags/tags.repository.js'
import { createTokensRepository } from '../modules/tokens/tokens.repository.js'
import { createEventsRepository } from '../modules/events/events.repository.js'
import { createWebhooksRepository } from '../modules/webhooks/webhooks.repository.js'
import { createOperationsRepository } from '../modules/health/operations.repository.js'
import { statSync } from 'node:fs'
import type { WebAddresses } from '../shared/web-addresses.js'
import { isInMemory, migrateDatabase, openDatabase, type DatabaseHandle, type DatabaseSource, type Db } from './client.js'
import { createSqliteRowsRepository } from './rows.js'
import { createSettingsRepository } from './settings.js'
import type { Repositories, Store, StoreGauges } from './store.js'

export function createSqliteRepositories (db: Db, links: WebAddresses): Repositories {
  const settings = createSettingsRepository(db)
  return {
    articles: createArticlesRepository(db, links, settings),
    editorial: createEditorialRepository(db),
    sections: createSectionsRepository(db, links),
    authors: createAuthorsRepository(db, links),
    tags: createTagsRepository(db, links),
    replies: createRepliesRepository(db),
    tokens: createTokensRepository(db),
    settings,
    events: createEventsRepository(db),
    webhooks: createWebhooksRepository(db),
    syndication: createSyndicationRepository(db, links),
    rows: createSqliteRowsRepository(db),
    operations: createOperationsRepository(db)
  }
}

/** The sizes of the database file and of its write-ahead log, which grows between checkpoints. */
function fileGauges (path: string): StoreGauges {
  const size = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0
  return { engine: 'sqlite', databaseBytes: size(path), walBytes: size(`${path}-wal`) }
}

/** Runs one task at a time, in the order they asked. */
function createLock () {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => {})
    return run
  }
}

export interface SqliteStore extends Store {
  /** The writer connection, for migrations, the seed and tests that set up rows directly. */
  readonly writer: DatabaseHandle
}

/**
 * Opens the database and brings its schema up to date first: repositories prepare each statement when first run. Links
 * gives what they return the web addresses of articles, sections, authors and tags.
 *
 * A transaction's statements run on the writer connection while its work awaits, so two units of work in one
 * process must not interleave there: the lock queues them. BEGIN IMMEDIATE takes SQLite's write lock before the
 * first read, waiting up to busy_timeout for another process; a deferred transaction that reads and then writes
 * would instead fail at once with SQLITE_BUSY when another process wrote in between.
 * Reads outside a transaction use their own connection, so they never see a transaction's uncommitted rows. An
 * in-memory database exists on one connection only: there readers share the writer's, and can.
 */
export function createSqliteStore (source: DatabaseSource, links: WebAddresses): SqliteStore {
  const writer = openDatabase(source)
  const migrationsApplied = migrateDatabase(writer)
  const reader = isInMemory(source) ? writer : openDatabase(source, { readonly: true })
  const writeRepositories = createSqliteRepositories(writer.db, links)
  const readRepositories = reader === writer ? writeRepositories : createSqliteRepositories(reader.db, links)
  const ping = reader.sqlite.prepare('select 1')
  const exclusive = createLock()

  return {
    engine: 'sqlite',
    migrationsApplied,
    writer,
    read: readRepositories,

    async transaction (work) {
      return exclusive(async () => {
        writer.sqlite.exec('BEGIN IMMEDIATE')
        try {
          const result = await work(writeRepositories)
          writer.sqlite.exec('COMMIT')
          return result
        } catch (error) {
          // SQLite may have rolled back already (a failed COMMIT, some constraint errors).
          if (writer.sqlite.inTransaction) writer.sqlite.exec('ROLLBACK')
          throw error
        }
      })
    },

    async ping () {
      ping.get()
    },

    gauges () {
      if (!isInMemory(source)) return fileGauges(source as string)
      const bytes = (writer.sqlite.pragma('page_count', { simple: true }) as number) * (writer.sqlite.pragma('page_size', { simple: true }) as number)
      return { engine: 'sqlite', databaseBytes: bytes, walBytes: 0 }
    },

    async close () {
      if (reader !== writer) reader.close()
      writer.close()
    }
  }
}
