// Rows of every table as they are stored, on PostgreSQL: the seed's and the copy's way in.
import { asc, count, getTableName, sql } from 'drizzle-orm'
import type { PgExecutor } from './postgres.js'
import { chunks, ID_TABLES, ROW_ORDER, type IdTable, type NewRow, type RowsRepository, type StoredRow, type TableName } from './rows.js'
import * as schema from './schema.pg.js'

export function createPostgresRowsRepository (db: PgExecutor): RowsRepository {
  const table = <K extends TableName>(name: K) => schema[name] as typeof schema.tags

  return {
    async insert<K extends TableName> (name: K, rows: Array<NewRow<K>>): Promise<Array<StoredRow<K>>> {
      const stored: unknown[] = []
      for (const batch of chunks(rows)) {
        stored.push(...(name === 'settings'
          ? await db.insert(schema.settings).values(batch as Array<NewRow<'settings'>>)
            .onConflictDoUpdate({ target: schema.settings.key, set: { value: sql`excluded.value` } }).returning()
          : await db.insert(table(name)).values(batch as never).returning()))
      }
      return stored as Array<StoredRow<K>>
    },

    async page<K extends TableName> (name: K, { offset, limit }: { offset: number, limit: number }): Promise<Array<StoredRow<K>>> {
      const columns = table(name) as unknown as Record<string, Parameters<typeof asc>[0]>
      return await db.select().from(table(name)).orderBy(...ROW_ORDER[name].map((column) => asc(columns[column] as never)))
        .limit(limit).offset(offset) as Array<StoredRow<K>>
    },

    async count (name: TableName): Promise<number> {
      return (await db.select({ n: count() }).from(table(name)))[0]?.n ?? 0
    },

    async clear (name: TableName): Promise<void> {
      await db.delete(table(name))
    },

    async hasContent (): Promise<boolean> {
      for (const name of ['sections', 'authors', 'tags', 'articles', 'replies'] as const) {
        if ((await db.select({ one: sql<number>`1` }).from(table(name)).limit(1)).length > 0) return true
      }
      return false
    },

    // Instances starting together on a new database would each find it empty and seed it.
    async lockForImport (): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(7266207762836313)`)
    },

    async lastIds (): Promise<Partial<Record<IdTable, number>>> {
      const issued: Partial<Record<IdTable, number>> = {}
      for (const name of ID_TABLES) {
        const result = await db.execute<{ last: string | null }>(sql`select pg_sequence_last_value(pg_get_serial_sequence(${getTableName(schema[name])}, 'id')) as last`)
        issued[name] = Number(result.rows[0]?.last ?? 0)
      }
      return issued
    },

    /** Identity columns do not follow ids inserted by hand: each sequence moves past the ids the source issued. */
    async afterImport (lastIds: Partial<Record<IdTable, number>>): Promise<void> {
      for (const name of ID_TABLES) {
        const tableName = getTableName(schema[name])
        await db.execute(sql`select setval(pg_get_serial_sequence(${tableName}, 'id'), greatest(coalesce(max(id), 0), ${lastIds[name] ?? 0}, 1),
          greatest(coalesce(max(id), 0), ${lastIds[name] ?? 0}) > 0) from ${sql.identifier(tableName)}`)
      }
    }
  }
}
