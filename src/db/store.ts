// The storage layer as services see it: repositories with no driver types, and a unit of work that binds them to one transaction.
import type { ArticlesRepository } from '../modules/articles/articles.repository.js'
import type { EditorialRepository } from '../modules/articles/articles.editorial.repository.js'
import type { AuthorsRepository } from '../modules/authors/authors.repository.js'
import type { RepliesRepository } from '../modules/replies/replies.repository.js'
import type { SectionsRepository } from '../modules/sections/sections.repository.js'
import type { SyndicationRepository } from '../modules/syndication/syndication.repository.js'
import type { TagsRepository } from '../modules/tags/tags.repository.js'
import type { TokensRepository } from '../modules/tokens/tokens.repository.js'
import type { EventsRepository } from '../modules/events/events.repository.js'
import type { WebhooksRepository } from '../modules/webhooks/webhooks.repository.js'
import type { OperationsRepository } from '../modules/health/operations.repository.js'
import type { RowsRepository } from './rows.js'
import type { SettingsRepository } from './settings.js'

export interface Repositories {
  articles: ArticlesRepository
  editorial: EditorialRepository
  sections: SectionsRepository
  authors: AuthorsRepository
  tags: TagsRepository
  replies: RepliesRepository
  tokens: TokensRepository
  settings: SettingsRepository
  /** The outbox: changes to public content, for the change feed and webhooks. */
  events: EventsRepository
  /** Webhook endpoints, their deliveries and attempts. */
  webhooks: WebhooksRepository
  syndication: SyndicationRepository
  /** Rows as stored, ids and times included: for the demo seed and for copying a newsroom between engines. */
  rows: RowsRepository
  /** Applied migrations and the background workers' backlog, for readiness and metrics. */
  operations: OperationsRepository
}

/** What the engine tells about its connections or files, for the metrics. */
export type StoreGauges =
  | { engine: 'sqlite', databaseBytes: number, walBytes: number }
  | { engine: 'postgres', connections: number, idleConnections: number, waitingRequests: number }

export interface Store {
  readonly engine: 'sqlite' | 'postgres'
  /** How many migrations opening the store applied: 0 when the schema was already current. */
  readonly migrationsApplied: number
  /** Repositories for reads outside any transaction: they see committed data only. */
  readonly read: Repositories
  /**
   * Runs work with repositories bound to one transaction: committed when it resolves, rolled back when it throws.
   * Every write goes through here. Units of work do not nest: work composes the repositories it is given (on
   * SQLite, opening another inside would wait for itself). Tracking nesting would take AsyncLocalStorage, whose
   * hooks slow every request on Node 20.
   */
  transaction: <T>(work: (tx: Repositories) => Promise<T>) => Promise<T>
  /** Throws when the database does not answer. */
  ping: () => Promise<void>
  gauges: () => StoreGauges
  close: () => Promise<void>
}
