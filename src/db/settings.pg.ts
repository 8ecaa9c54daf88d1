// Values kept in the settings table that every process sharing the database must agree on, on PostgreSQL: the twin
// of settings.ts.
import { randomBytes } from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import type { PgExecutor } from './postgres.js'
import { settings } from './schema.pg.js'
import { claimPrefix, clockOf, CONTENT_CLOCKS, PUBLIC_VERSION_KEYS, publicVersionOf, RENDERER_KEY, rendererOf, type SettingsRepository } from './settings.js'
import { preparedOnFirstUse } from './prepared.js'

/** The time now as toISOString writes it, by the server's clock: the start of the transaction. */
const POSTGRES_NOW = sql.raw('to_char(now() at time zone \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\')')
/** The same at the time of the statement, as the content clocks' triggers write it. */
const POSTGRES_STATEMENT_NOW = sql.raw('to_char(clock_timestamp() at time zone \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\')')

export function createPostgresSettingsRepository (db: PgExecutor): SettingsRepository {
  const readKey = async (key: string): Promise<string | undefined> =>
    (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)))[0]?.value

  // Read before every public list or feed: a named statement, parsed and planned once per connection.
  const publicVersionRows = preparedOnFirstUse(() => db.select({ key: settings.key, value: settings.value }).from(settings)
    .where(inArray(settings.key, PUBLIC_VERSION_KEYS)).prepare('public_version'))

  return {
    /**
     * A random 256-bit key stored under this name, made at first use. A process racing another waits on the key's
     * unique index until the other commits, then inserts nothing, and the read (a new snapshot under READ COMMITTED)
     * finds the winner's key: every process ends up with the one stored first. A write: call it in a transaction.
     */
    async sharedSecret (name: string): Promise<Buffer> {
      await db.insert(settings).values({ key: name, value: randomBytes(32).toString('base64url') }).onConflictDoNothing()
      const value = await readKey(name)
      if (value === undefined) throw new Error(`The ${name} setting could not be stored`)
      return Buffer.from(value, 'base64url')
    },

    /** As on SQLite; kept by the triggers of migrations/postgres/0007_private_work.sql. */
    async lastContentChange ({ includeEmbargoed }) {
      return readKey(clockOf(includeEmbargoed))
    },

    async publicVersion () {
      return publicVersionOf(await publicVersionRows.execute())
    },

    /** As on SQLite, by the server's clock as the triggers read it. */
    async markContentChanged () {
      await db.insert(settings).values(CONTENT_CLOCKS.map((key) => ({ key, value: POSTGRES_STATEMENT_NOW })))
        .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } })
    },

    async renderer () {
      return rendererOf((await db.select({ value: settings.value, now: sql<string>`${POSTGRES_NOW}` }).from(settings).where(eq(settings.key, RENDERER_KEY)))[0])
    },

    async claimRenderer (claim) {
      const value = sql`${claimPrefix(claim)} || ${POSTGRES_NOW}`
      await db.insert(settings).values({ key: RENDERER_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } })
    }
  }
}
