// Rows of every table as they are stored, ids and times included: how the demo seed writes a newsroom, and how
// a newsroom is copied from one engine to another.
import { asc, count, getTableName, sql } from 'drizzle-orm'
import type { Db } from './client.js'
import * as schema from './schema.js'

/** Every table, parents before children, so rows inserted in this order satisfy every foreign key. */
export const TABLES = [
  'sections', 'authors', 'tags', 'apiTokens', 'articles', 'articleAuthors', 'articleTags', 'articleSlugHistory',
  'articleRevisions', 'articleCorrections', 'replies', 'settings', 'events', 'webhooks', 'webhookDeliveries', 'webhookAttempts',
  // Last: the stored representations as they were, and the queue of what was stale among them, which replaces the one
  // the triggers filled as the rows above arrived. A copy then serves what its source served, validators included,
  // instead of rendering the whole archive again. Their compressed copies (articleRepresentationEncodings) are not
  // copied: the triggers make them pending as the representations arrive, and the target's refresher compresses them.
  'articleRepresentations', 'articleRepresentationBodies', 'articleRepresentationQueue'
] as const

export type TableName = typeof TABLES[number]
export type StoredRow<K extends TableName> = typeof schema[K]['$inferSelect']
export type NewRow<K extends TableName> = typeof schema[K]['$inferInsert']

// A statement binds each value as a parameter, and both engines cap how many one statement may have.
export const ROWS_PER_INSERT = 200

/** The columns that order a table's rows the same way on both engines: a self-referencing parent comes first. */
export const ROW_ORDER: Record<TableName, readonly string[]> = {
  sections: ['id'],
  authors: ['id'],
  tags: ['id'],
  apiTokens: ['id'],
  articles: ['id'],
  articleAuthors: ['articleId', 'position'],
  articleTags: ['articleId', 'position'],
  articleSlugHistory: ['slug'],
  articleRevisions: ['id'],
  articleCorrections: ['id'],
  replies: ['id'],
  settings: ['key'],
  events: ['id'],
  webhooks: ['id'],
  webhookDeliveries: ['id'],
  webhookAttempts: ['id'],
  articleRepresentations: ['articleId'],
  articleRepresentationBodies: ['articleId'],
  articleRepresentationQueue: ['articleId']
}

/** The tables whose ids the database hands out. */
export const ID_TABLES = [
  'sections', 'authors', 'tags', 'apiTokens', 'articles', 'articleRevisions', 'articleCorrections', 'replies',
  'events', 'webhooks', 'webhookDeliveries', 'webhookAttempts'
] as const
export type IdTable = typeof ID_TABLES[number]

export function chunks<T> (items: T[], size = ROWS_PER_INSERT): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size))
  return result
}

export function createSqliteRowsRepository (db: Db) {
  const table = <K extends TableName>(name: K) => schema[name] as typeof schema.tags

  return {
    /** Stores the rows as given, ids included; settings replace a value already there. */
    async insert<K extends TableName> (name: K, rows: Array<NewRow<K>>): Promise<Array<StoredRow<K>>> {
      const stored: unknown[] = []
      for (const batch of chunks(rows)) {
        stored.push(...(name === 'settings'
          ? db.insert(schema.settings).values(batch as Array<NewRow<'settings'>>)
            .onConflictDoUpdate({ target: schema.settings.key, set: { value: sql`excluded.value` } }).returning().all()
          : db.insert(table(name)).values(batch as never).returning().all()))
      }
      return stored as Array<StoredRow<K>>
    },

    /** Rows in ROW_ORDER, a page at a time, so a large table never has to fit in memory at once. */
    async page<K extends TableName> (name: K, { offset, limit }: { offset: number, limit: number }): Promise<Array<StoredRow<K>>> {
      const columns = table(name) as unknown as Record<string, Parameters<typeof asc>[0]>
      return db.select().from(table(name)).orderBy(...ROW_ORDER[name].map((column) => asc(columns[column] as never)))
        .limit(limit).offset(offset).all() as Array<StoredRow<K>>
    },

    async count (name: TableName): Promise<number> {
      return db.select({ n: count() }).from(table(name)).get()?.n ?? 0
    },

    async clear (name: TableName): Promise<void> {
      db.delete(table(name)).run()
    },

    /** Whether anything a newsroom writes is there; API tokens and settings alone do not count. */
    async hasContent (): Promise<boolean> {
      for (const name of ['sections', 'authors', 'tags', 'articles', 'replies'] as const) {
        if (db.select({ one: sql<number>`1` }).from(table(name)).limit(1).get() !== undefined) return true
      }
      return false
    },

    /** Holds imports into this database for the unit of work; on SQLite, BEGIN IMMEDIATE already holds it all. */
    async lockForImport (): Promise<void> {},

    /**
     * The last id each table handed out, deleted rows included: ids are never used twice, so an old preview link or
     * a CDN key naming a deleted article can never reach a new one.
     */
    async lastIds (): Promise<Partial<Record<IdTable, number>>> {
      const issued = new Map(db.all<{ name: string, seq: number }>(sql`select name, seq from sqlite_sequence`).map((row) => [row.name, row.seq]))
      return Object.fromEntries(ID_TABLES.map((name) => [name, issued.get(getTableName(schema[name])) ?? 0]))
    },

    /** After rows were stored with their ids, the next ids follow lastIds (or the largest stored); SQLite's already do. */
    async afterImport (_lastIds: Partial<Record<IdTable, number>>): Promise<void> {}
  }
}

export type RowsRepository = ReturnType<typeof createSqliteRowsRepository>
