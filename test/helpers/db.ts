// Rows straight from the test's database, whichever engine it runs on: for setting up what the API cannot make
// (old timestamps, hand-edited loops) and for checking what a request stored.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../../src/db/client.js'
import type { PostgresStore } from '../../src/db/postgres-store.js'
import * as sqliteSchema from '../../src/db/schema.js'
import * as postgresSchema from '../../src/db/schema.pg.js'
import type { SqliteStore } from '../../src/db/sqlite-store.js'

type Schema = typeof sqliteSchema
export type TableName = 'sections' | 'authors' | 'tags' | 'articles' | 'articleAuthors' | 'articleTags' | 'articleSlugHistory' |
  'articleRevisions' | 'articleCorrections' | 'apiTokens' | 'replies' | 'settings' | 'events' | 'webhooks' | 'webhookDeliveries' | 'webhookAttempts' |
  'articleRepresentations' | 'articleRepresentationBodies' | 'articleRepresentationQueue' | 'articleRepresentationEncodings' | 'articleEncodingQueue'
export type Row<K extends TableName> = Schema[K]['$inferSelect']
export type NewRow<K extends TableName> = Schema[K]['$inferInsert']
/** Equality on each column named; null means IS NULL. */
export type Where<K extends TableName> = Partial<Row<K>>

// Tables without an id, and the columns that order their rows.
const ORDER: Partial<Record<TableName, string[]>> = {
  articleAuthors: ['articleId', 'position'],
  articleTags: ['articleId', 'position'],
  articleSlugHistory: ['slug'],
  settings: ['key'],
  articleRepresentations: ['articleId'],
  articleRepresentationBodies: ['articleId'],
  articleRepresentationQueue: ['articleId'],
  articleRepresentationEncodings: ['articleId'],
  articleEncodingQueue: ['articleId']
}

/**
 * The engine's Drizzle handle and tables. Both schemas have the same tables, columns and row types, and the queries
 * below use only what both dialects' builders share (awaited, no .get() or .run()), so the PostgreSQL ones pass as
 * SQLite's to the type checker.
 */
function engine (app: FastifyInstance): { db: Db, schema: Schema } {
  if (app.store.engine === 'sqlite') return { db: (app.store as SqliteStore).writer.db, schema: sqliteSchema }
  return { db: (app.store as PostgresStore).handle.db as unknown as Db, schema: postgresSchema as unknown as Schema }
}

function tableOf<K extends TableName> (schema: Schema, name: K) {
  return schema[name] as Schema[K] & Record<string, never>
}

function matching<K extends TableName> (schema: Schema, name: K, where: Where<K>): SQL | undefined {
  const table = schema[name] as unknown as Record<string, Parameters<typeof eq>[0]>
  return and(...Object.entries(where).map(([column, value]) => value === null ? isNull(table[column] as never) : eq(table[column] as never, value)))
}

function orderOf (schema: Schema, name: TableName) {
  const table = schema[name] as unknown as Record<string, Parameters<typeof asc>[0]>
  return (ORDER[name] ?? ['id']).map((column) => asc(table[column] as never))
}

/** Every row of the table that matches, in id order (or the table's own key order). */
export async function rows<K extends TableName> (app: FastifyInstance, name: K, where: Where<K> = {}): Promise<Array<Row<K>>> {
  const { db, schema } = engine(app)
  const table = tableOf(schema, name)
  return await db.select().from(table as typeof sqliteSchema.tags).where(matching(schema, name, where)).orderBy(...orderOf(schema, name)) as Array<Row<K>>
}

/** The first matching row, or undefined. */
export async function row<K extends TableName> (app: FastifyInstance, name: K, where: Where<K> = {}): Promise<Row<K> | undefined> {
  return (await rows(app, name, where))[0]
}

export async function countRows<K extends TableName> (app: FastifyInstance, name: K, where: Where<K> = {}): Promise<number> {
  return (await rows(app, name, where)).length
}

export async function insertRows<K extends TableName> (app: FastifyInstance, name: K, values: Array<NewRow<K>>): Promise<Array<Row<K>>> {
  const { db, schema } = engine(app)
  return await db.insert(tableOf(schema, name) as typeof sqliteSchema.tags).values(values as never).returning() as Array<Row<K>>
}

export async function insertRow<K extends TableName> (app: FastifyInstance, name: K, values: NewRow<K>): Promise<Row<K>> {
  return (await insertRows(app, name, [values]))[0] as Row<K>
}

/** Sets the given columns on every matching row; returns how many changed. */
export async function updateRows<K extends TableName> (app: FastifyInstance, name: K, values: Partial<NewRow<K>>, where: Where<K> = {}): Promise<number> {
  const { db, schema } = engine(app)
  const changed = await db.update(tableOf(schema, name) as typeof sqliteSchema.tags).set(values as never).where(matching(schema, name, where)).returning()
  return changed.length
}

export async function deleteRows<K extends TableName> (app: FastifyInstance, name: K, where: Where<K> = {}): Promise<number> {
  const { db, schema } = engine(app)
  return (await db.delete(tableOf(schema, name) as typeof sqliteSchema.tags).where(matching(schema, name, where)).returning()).length
}

/**
 * Runs a statement written for each engine, for what the builder cannot say; returns nothing. On PostgreSQL it runs
 * clear of the test pool's statement timeout, which bounds what the app does: a setup statement such as a bulk insert
 * may take longer than that on a slower machine, and its time is not what any test checks.
 */
export async function execute (app: FastifyInstance, statements: { sqlite: SQL, postgres: SQL }): Promise<void> {
  if (app.store.engine === 'sqlite') {
    engine(app).db.run(statements.sqlite)
    return
  }
  await (app.store as PostgresStore).handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local statement_timeout = 0`)
    await tx.execute(statements.postgres)
  })
}

export { sql }
